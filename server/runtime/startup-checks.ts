import { ConfigError } from '../../config/config-error.js';
import { StartupCheck } from '../../core/injector/startup-check.js';
import { enabledContributions } from './enabled-contributions.js';
import type { ServedPodsecrets } from './served-podsecrets.js';

/**
 * Runs the {@link StartupCheck} of every enabled backend before serve listens; a refusal becomes a
 * {@link ConfigError} (exit code 2), its message the check's own, which names the key.
 */
export function runStartupChecks(podsecrets: ServedPodsecrets): void {
  for (const startupCheck of enabledContributions<StartupCheck>(podsecrets, StartupCheck)) {
    try {
      startupCheck.check();
    } catch (error) {
      throw new ConfigError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
}
