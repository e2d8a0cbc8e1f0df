import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from 'inversify';
import { goUpper } from '../../../core/index.js';
import { GlobalSecretEnvironment } from '../../../plugins/global/global-secret-source.js';
import { fixturesOf, type InjectorFixture } from '../../conformance/injector-fixtures.js';
import { selectedBackends } from '../../support/selected-backends.js';
import { createTestPodsecrets, type TestPodsecretsOptions } from '../../support/test-podsecrets.js';

/** A value the Global backend holds, which the tests look for where it must not be. */
export interface KnownSecret {
  readonly group: string;
  readonly key: string;
  readonly value: string;
  /** Where the Global backend reads it: its environment or a file under secrets-prefix. */
  readonly from: 'env' | 'file';
}

// Distinctive values, so a search for them cannot match anything else podsecrets writes.
export const KNOWN_SECRETS: readonly KnownSecret[] = [
  { group: 'known', key: 'password', value: 'kv-7f3a9c1e-PASSWORD-value', from: 'env' },
  { group: 'db', key: 'password', value: 'kv-d8b2-db-pass=w0rd/"quoted"', from: 'env' },
  { group: 'Mixed-Case', key: 'api.key', value: 'kv-ünïcödé-😀-api-key', from: 'env' },
  { group: 'files', key: 'token', value: 'kv-file-token-4c9d0e\nsecond line', from: 'file' },
];

let secretsDir: string | undefined;

/** A secrets-prefix directory holding the known file secrets, made once per process. */
export function knownSecretsDir(): string {
  if (secretsDir === undefined) {
    secretsDir = mkdtempSync(join(tmpdir(), 'podsecrets-known-'));
    for (const secret of KNOWN_SECRETS.filter((known) => known.from === 'file')) {
      mkdirSync(join(secretsDir, secret.group), { recursive: true });
      writeFileSync(join(secretsDir, secret.group, secret.key), secret.value);
    }
  }
  return secretsDir;
}

/** The Global backend's environment holding the known env secrets, as Flyte names them. */
export function knownSecretsEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const secret of KNOWN_SECRETS.filter((known) => known.from === 'env')) {
    environment[`FLYTE_SECRET_${goUpper(secret.group)}_${goUpper(secret.key)}`] = secret.value;
  }
  return environment;
}

/**
 * Every secret manager type the shipped plugin modules register, as server/wiring/plugin-modules.ts loads them
 * (only the one `npm run test:plugin -- <Type>` names, in such a run).
 */
export function installedBackendTypes(): string[] {
  return selectedBackends(createTestPodsecrets().registry.types());
}

function merge(base: Record<string, unknown>, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current !== null
        ? merge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return merged;
}

/**
 * The configuration of podsecrets with `type` as its secret manager (Global tried first, as always),
 * the Global backend reading the known secrets, plus `extra`, over what the backend's conformance
 * fixture (test/conformance/injector-fixtures.ts, the one fixture a backend has) needs to start.
 */
export function backendConfig(type: string, extra: Readonly<Record<string, unknown>> = {}, fixture: InjectorFixture = {}): Record<string, unknown> {
  const base = merge(fixture.config ?? {}, { webhook: { secretManagerType: type }, secrets: { 'secrets-prefix': knownSecretsDir() } });
  return merge(base, extra);
}

/** Binds the Global backend to the known secrets instead of the test process's environment. */
export function useKnownSecrets(container: Container): void {
  container.rebind(GlobalSecretEnvironment).toConstantValue(knownSecretsEnvironment());
}

/** podsecrets wired as the server wires it, with `type` as its backend and the known Global secrets. */
export function podsecretsForBackend(type: string, options: TestPodsecretsOptions = {}): ReturnType<typeof createTestPodsecrets> {
  const fixture = fixturesOf(type).subject?.() ?? {};
  return createTestPodsecrets({
    ...options,
    config: backendConfig(type, options.config ?? {}, fixture),
    configure: (container) => {
      fixture.configure?.(container);
      useKnownSecrets(container);
      options.configure?.(container);
    },
  });
}
