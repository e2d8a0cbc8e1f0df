/** The configuration cannot be used: every problem found, one per line, each naming its key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
