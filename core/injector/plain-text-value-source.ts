/**
 * The extension point behind `server.allowUnauthenticatedValues`: a plugin whose injector can put
 * secret values themselves (not references to them) into the pods it returns contributes one with
 * `bind(PlainTextValueSource).toService(MyInjectorOrSource)`. `serve` asks every contribution whose
 * injector is enabled before it listens, and refuses to start without `server.clientCAFile` when any
 * says yes, because whoever reaches the port would then receive values in the JSON Patch.
 */
export const PlainTextValueSource = Symbol.for('podsecrets.PlainTextValueSource');

export interface PlainTextValueSource {
  /** The {@link SecretInjector.type} this describes; asked only when that injector is in the chain. */
  readonly injectorType: string;
  /**
   * Why an admission response can carry values, naming the setting or the source that makes it so
   * (e.g. `webhook.embeddedSecretManagerConfig.valueDelivery: plainText`); undefined when it cannot.
   * Must name no value.
   */
  plainTextValues(): string | undefined;
}
