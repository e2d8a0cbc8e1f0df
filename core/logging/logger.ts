/**
 * Where core and plugins log. The server binds it to a JSON logger; tests bind a recorder. A log call
 * must never carry a secret value: log names, ids and codes.
 */
export const Logger = Symbol.for('podsecrets.Logger');

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything, for programs that embed core without logging. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
