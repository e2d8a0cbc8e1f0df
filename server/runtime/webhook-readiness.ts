import { injectable } from 'inversify';

/** Whether the webhook takes admissions: not before it is listening, and no more once it drains for shutdown. */
@injectable()
export class WebhookReadiness {
  #started = false;
  #draining = false;

  /** Listening, certificates loaded: /readyz says yes from now on. */
  start(): void {
    this.#started = true;
  }

  /** Shutting down: /readyz fails at once while requests are still served. */
  drain(): void {
    this.#draining = true;
  }

  get ready(): boolean {
    return this.#started && !this.#draining;
  }

  get draining(): boolean {
    return this.#draining;
  }
}
