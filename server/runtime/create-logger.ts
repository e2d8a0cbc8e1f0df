import { pino, type Logger as PinoLogger } from 'pino';

/**
 * JSON lines on stderr (or `destination`, a file descriptor or path): stdout stays free for the CLI's
 * output. Any field named like a credential is redacted as a second line of defence; the first is
 * that no code logs a value at all.
 */
export function createLogger(level: string, destination: number | string = 2): PinoLogger {
  return pino(
    {
      level,
      base: { name: 'podsecrets' },
      redact: { paths: ['value', '*.value', 'token', '*.token', 'password', 'secretValue'], censor: '[redacted]' },
    },
    pino.destination({ dest: destination, sync: false }),
  );
}
