import type { Logger } from '../../core/index.js';
import { silentLogger } from '../../core/logging/logger.js';
import { EmbeddedSecretReader } from '../../plugins/embedded/embedded-secret-reader.js';
import { createPodsecrets } from '../wiring/create-podsecrets.js';

export interface OpenSecretReaderOptions {
  /** A podsecrets YAML configuration file; its `webhook.embeddedSecretManagerConfig` picks the backend. */
  readonly configFile?: string;
  /** Configuration values laid over the file, e.g. `{ webhook: { embeddedSecretManagerConfig: { type: 'AWS' } } }`. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly logger?: Logger;
}

/**
 * The Embedded read path for a Node program: the fetcher `embeddedSecretManagerConfig.type` names,
 * behind the same scoped lookup and value cache the webhook uses. See docs/embedded.md.
 */
export function openSecretReader(options: OpenSecretReaderOptions = {}): EmbeddedSecretReader {
  const { container } = createPodsecrets({
    logger: options.logger ?? silentLogger,
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    ...(options.config !== undefined ? { overrides: options.config } : {}),
  });
  return container.get(EmbeddedSecretReader);
}
