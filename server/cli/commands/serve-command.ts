import { parseArgs } from 'node:util';
import type { ServerConfig } from '../../../config/server-config.js';
import { createLogger } from '../../logging/create-logger.js';
import { startWebhook } from '../../webhook/start-webhook.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';

/** `podsecrets serve`: the HTTPS webhook, until SIGTERM or SIGINT; then it drains and exits 0. */
export const serveCommand: CliCommand = {
  name: 'serve',
  synopsis: '[--config FILE]',
  summary: 'run the HTTPS admission webhook',
  async run(args, _io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' } }, strict: true });
    const podsecrets = loadPodsecrets(values.config, environment, 'info');
    const logger = createLogger((podsecrets.config['server'] as ServerConfig).logLevel);
    const running = await startWebhook(podsecrets, logger);
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string): void => {
        logger.info({ signal }, 'shutting down: readiness fails, requests in flight finish');
        void running.stop().then(resolve);
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
    logger.info({}, 'stopped');
    logger.flush();
    return ExitCode.Ok;
  },
};
