import { pino, type Logger as PinoLogger } from 'pino';

/**
 * JSON lines on stderr (or `destination`, a file descriptor or path): stdout stays free for the CLI's
 * output. Any field named like a credential is redacted as a second line of defence; the first is
 * that no code logs a value at all.
 *
 * Lines are written synchronously, as Node writes its own stderr to a pipe or a file on Linux. An
 * asynchronous destination hands every line to libuv's thread pool and takes a completion callback
 * back on the event loop: under load that cost about 70 us of CPU per admission line (measured with
 * the bench review at 64 connections), several times the cost of the line itself. A synchronous
 * line is also on its way out before the process can die.
 */
export function createLogger(level: string, destination: number | string = 2): PinoLogger {
  return pino(
    {
      level,
      base: { name: 'podsecrets' },
      redact: { paths: ['value', '*.value', 'token', '*.token', 'password', 'secretValue'], censor: '[redacted]' },
    },
    pino.destination({ dest: destination, sync: true }),
  );
}

/**
 * A child of `logger` that writes the same lines without redaction, for a line whose fields are fixed
 * in code and named so that no redacted path can match them (the admission line, `logAnswer`; a test
 * holds its lines equal either way). Redaction was 4 us of that line's 9 (pino's wildcard paths walk
 * every field), and it is written once per admission.
 */
export function unredacted(logger: PinoLogger): PinoLogger {
  return logger.child({}, { redact: { paths: [] } });
}
