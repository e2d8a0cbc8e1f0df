import type { Logger } from '../../core/index.js';

/** A Logger that keeps every line as JSON text, so tests can search the log for what must not be there. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];

  #record(level: string, fields: Record<string, unknown>, message: string): void {
    this.lines.push(JSON.stringify({ level, ...fields, msg: message }));
  }

  debug(fields: Record<string, unknown>, message: string): void {
    this.#record('debug', fields, message);
  }

  info(fields: Record<string, unknown>, message: string): void {
    this.#record('info', fields, message);
  }

  warn(fields: Record<string, unknown>, message: string): void {
    this.#record('warn', fields, message);
  }

  error(fields: Record<string, unknown>, message: string): void {
    this.#record('error', fields, message);
  }

  /** Every line, joined: for `expect(logger.text()).not.to.include(value)`. */
  text(): string {
    return this.lines.join('\n');
  }
}
