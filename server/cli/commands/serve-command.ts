import { parseArgs } from 'node:util';
import type { ServerConfig } from '../../../config/server-config.js';
import { createLogger } from '../../logging/create-logger.js';
import { type RunningWebhook, startWebhook } from '../../webhook/start-webhook.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';

/** `podsecrets serve`: the HTTPS webhook, until SIGTERM or SIGINT; then it drains and exits 0. */
export const serveCommand: CliCommand = {
  name: 'serve',
  synopsis: '[--config FILE]',
  summary: 'run the HTTPS admission webhook',
  async run(args, _io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' } }, strict: true });
    // One logger for core and HTTP; its level is the configured one as soon as the configuration is read.
    const logger = createLogger('info');
    const podsecrets = loadPodsecrets(values.config, environment, logger);
    const server = podsecrets.config['server'] as ServerConfig;
    logger.level = server.logLevel;
    let running: RunningWebhook;
    try {
      running = await startWebhook(podsecrets, logger);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
      const where = `${server.host}:${String(podsecrets.config.webhook['listenPort'])}`;
      throw new UsageError(`cannot listen on ${where} (server.host, webhook.listenPort): ${code}`);
    }
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
