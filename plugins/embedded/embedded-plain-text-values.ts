import { inject, injectable } from 'inversify';
import type { PlainTextValueSource } from '../../core/index.js';
import { EmbeddedSettings, ValueDelivery } from './embedded-config.js';
import { EMBEDDED_INJECTOR_TYPE } from './embedded-type.js';

/** Embedded's answers carry values only with Flyte's `valueDelivery: plainText` (secretRef writes Secrets and references them). */
@injectable()
export class EmbeddedPlainTextValues implements PlainTextValueSource {
  readonly injectorType = EMBEDDED_INJECTOR_TYPE;
  readonly #plainText: boolean;

  constructor(@inject(EmbeddedSettings) settings: EmbeddedSettings) {
    this.#plainText = settings.valueDelivery === ValueDelivery.PlainText;
  }

  plainTextValues(): string | undefined {
    return this.#plainText ? 'Embedded writes values into pods: webhook.embeddedSecretManagerConfig.valueDelivery is plainText' : undefined;
  }
}
