import { pino, type Logger as PinoLogger } from 'pino';

/**
 * JSON lines on stderr: stdout stays free for the CLI's output. Any field named like a credential is
 * redacted as a second line of defence; the first is that no code logs a value at all.
 */
export function createLogger(level: string): PinoLogger {
  return pino(
    {
      level,
      base: { name: 'podsecrets' },
      redact: { paths: ['value', '*.value', 'token', '*.token', 'password', 'secretValue'], censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}
