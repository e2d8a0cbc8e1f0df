import type { Logger as PinoLogger } from 'pino';

/** What one `startWebhook` call brings to the webhook module's bindings: its HTTP logger and, in tests, a port. */
export const WebhookRun = Symbol.for('podsecrets.server.WebhookRun');

export interface WebhookRun {
  readonly logger: PinoLogger;
  /** Overrides webhook.listenPort (0: any free port). */
  readonly port?: number;
}
