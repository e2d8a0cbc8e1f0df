import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseAllDocuments, stringify } from 'yaml';
import { createPodsecrets } from '../../server/bootstrap/create-podsecrets.js';
import { admitAndCheck } from './admit.js';
import { RecordingLogger } from './recording-logger.js';
import { type CliRun, runCliCaptured } from './run-cli.js';

export interface CliMutation extends CliRun {
  /** The documents `podsecrets mutate` wrote. */
  readonly documents: unknown[];
}

/** `podsecrets mutate --config <configYaml> -f <pod as YAML file>`, in process. */
export async function mutateWithConfig(configYaml: string, pod: unknown): Promise<CliMutation> {
  const dir = mkdtempSync(join(tmpdir(), 'podsecrets-cli-'));
  try {
    writeFileSync(join(dir, 'config.yaml'), configYaml);
    writeFileSync(join(dir, 'pod.yaml'), stringify(pod));
    const run = await runCliCaptured(['mutate', '--config', join(dir, 'config.yaml'), '-f', join(dir, 'pod.yaml')]);
    const documents = run.stdout === '' ? [] : parseAllDocuments(run.stdout).map((document) => document.toJS() as unknown);
    return { ...run, documents };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Mutates `pod` through the CLI with `configYaml` and checks that it exits 0, that its output is the
 * pod the webhook would store (admitAndCheck: schema, name rules, a second pass changes nothing) and
 * that the CLI run on its own output writes it unchanged. Returns the mutated pod.
 */
export async function expectCliMutation(configYaml: string, pod: unknown): Promise<Record<string, unknown>> {
  const first = await mutateWithConfig(configYaml, pod);
  expect(first.code, first.stderr).to.equal(0);
  expect(first.documents).to.have.length(1);
  const dir = mkdtempSync(join(tmpdir(), 'podsecrets-cfg-'));
  let viaWebhook: Record<string, unknown>;
  try {
    writeFileSync(join(dir, 'config.yaml'), configYaml);
    const podsecrets = createPodsecrets({ configFile: join(dir, 'config.yaml'), logger: new RecordingLogger() });
    viaWebhook = await admitAndCheck(podsecrets.handler, pod);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(first.documents[0]).to.deep.equal(viaWebhook);
  const second = await mutateWithConfig(configYaml, first.documents[0]);
  expect(second.code, second.stderr).to.equal(0);
  expect(second.stdout).to.equal(first.stdout);
  return viaWebhook;
}
