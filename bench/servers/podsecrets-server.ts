import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerSettings } from '../../config/server-settings.js';
import { createPodsecrets } from '../../server/wiring/create-podsecrets.js';
import { createLogger } from '../../server/runtime/create-logger.js';
import { startWebhook } from '../../server/runtime/start-webhook.js';
import { serveBenchmark } from './server-messages.js';

// `podsecrets serve` as the CLI runs it (same wiring, same pino loggers at the default level, writing
// a JSON line per admission to stderr), with the K8s backend, a self-signed certificate in a
// temporary directory, and any free loopback port.

const certDir = mkdtempSync(join(tmpdir(), 'podsecrets-bench-'));
const podsecrets = createPodsecrets({
  overrides: { webhook: { secretManagerType: 'K8s', certDir }, server: { host: '127.0.0.1', selfSignedCert: true } },
  logger: createLogger('info'),
});
const logger = createLogger(podsecrets.container.get<ServerSettings>(ServerSettings).logLevel);
const running = await startWebhook(podsecrets, logger, 0);
serveBenchmark(running.port, async () => {
  await running.stop(0);
  logger.flush();
  rmSync(certDir, { recursive: true, force: true });
});
