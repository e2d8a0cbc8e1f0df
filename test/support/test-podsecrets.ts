import type { Container, ContainerModule } from 'inversify';
import { createPodsecrets, type Podsecrets } from '../../server/wiring/create-podsecrets.js';
import { RecordingLogger } from './recording-logger.js';

export interface TestPodsecretsOptions {
  /** Configuration values, as they would appear in the YAML file, e.g. `{ webhook: { secretManagerType: 'K8s' } }`. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly modules?: readonly ContainerModule[];
  readonly configure?: (container: Container) => void;
}

/** podsecrets wired as the server wires it, with a recording logger and no file or environment read. */
export function createTestPodsecrets(options: TestPodsecretsOptions = {}): Podsecrets & { logger: RecordingLogger } {
  const logger = new RecordingLogger();
  const podsecrets = createPodsecrets({
    logger,
    ...(options.config !== undefined ? { overrides: options.config } : {}),
    ...(options.modules !== undefined ? { modules: options.modules } : {}),
    ...(options.configure !== undefined ? { configure: options.configure } : {}),
  });
  return { ...podsecrets, logger };
}
