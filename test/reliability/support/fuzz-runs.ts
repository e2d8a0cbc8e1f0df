// How hard the reliability tests push: small by default so `npm test` stays quick, larger from the
// environment (`npm run test:fuzz`, `npm run test:load`).

function fromEnvironment(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${JSON.stringify(text)}: expected a whole number of at least 1`);
  return value;
}

/** Cases per property: PODSECRETS_FUZZ_RUNS, 200 by default. */
export function fuzzRuns(): number {
  return fromEnvironment('PODSECRETS_FUZZ_RUNS', 200);
}

/** Whether generated pods and requests may be large (a fuzz run of 1,000 cases or more). */
export function fuzzLarge(): boolean {
  return fuzzRuns() >= 1000;
}

/** A load count: `name` from the environment, `fallback` by default. */
export function loadCount(name: string, fallback: number): number {
  return fromEnvironment(name, fallback);
}
