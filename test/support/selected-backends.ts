/** Set by `npm run test:plugin -- <Type>` (test/support/run-plugin-tests.ts) to run one backend's suites. */
export const TEST_BACKEND_ENV = 'PODSECRETS_TEST_BACKEND';

/** The backends a run covers: every installed one, or only the one PODSECRETS_TEST_BACKEND names (any case). */
export function selectedBackends(installed: readonly string[], environment: NodeJS.ProcessEnv = process.env): string[] {
  const only = environment[TEST_BACKEND_ENV];
  return only === undefined || only === '' ? [...installed] : installed.filter((type) => type.toLowerCase() === only.toLowerCase());
}
