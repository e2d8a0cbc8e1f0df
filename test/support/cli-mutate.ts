import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseAllDocuments, stringify } from 'yaml';
import { createPodsecrets } from '../../server/wiring/create-podsecrets.js';
import { runCli } from '../../server/cli/cli.js';
import { admitAndCheck } from './admit.js';
import { FakeCliIo } from './fake-cli-io.js';
import { RecordingLogger } from './recording-logger.js';

export interface CliMutation {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The documents `podsecrets mutate` wrote. */
  readonly documents: unknown[];
}

/** `podsecrets mutate --config <configYaml> -f pod.yaml` (the pod as YAML), in process. */
export async function mutateWithConfig(configYaml: string, pod: unknown): Promise<CliMutation> {
  return withConfigFile(configYaml, (configFile) => mutateWithConfigFile(configFile, pod));
}

/**
 * Mutates `pod` through the CLI with `configYaml` and checks that it exits 0, that its output is the
 * pod the webhook would store (admitAndCheck: schema, name rules, a second pass changes nothing) and
 * that the CLI run on its own output writes it unchanged. Returns the mutated pod.
 */
export async function expectCliMutation(configYaml: string, pod: unknown): Promise<Record<string, unknown>> {
  return withConfigFile(configYaml, async (configFile) => {
    const first = await mutateWithConfigFile(configFile, pod);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.documents).to.have.length(1);
    const podsecrets = createPodsecrets({ configFile, logger: new RecordingLogger() });
    const viaWebhook = await admitAndCheck(podsecrets.handler, pod);
    expect(first.documents[0]).to.deep.equal(viaWebhook);
    const second = await mutateWithConfigFile(configFile, first.documents[0]);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.equal(first.stdout);
    return viaWebhook;
  });
}

/** Mutates `pod` through the CLI with `configYaml` and checks that it exits `code` with each of `messages` on stderr. */
export async function expectCliExit(configYaml: string, pod: unknown, code: number, ...messages: string[]): Promise<void> {
  const run = await mutateWithConfig(configYaml, pod);
  expect(run.code, run.stderr).to.equal(code);
  for (const message of messages) expect(run.stderr).to.include(message);
}

// The configuration is read from the file system, not through CliIo, so it needs a real file.
async function withConfigFile<T>(configYaml: string, use: (configFile: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'podsecrets-cli-'));
  try {
    const configFile = join(dir, 'config.yaml');
    writeFileSync(configFile, configYaml);
    return await use(configFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function mutateWithConfigFile(configFile: string, pod: unknown): Promise<CliMutation> {
  const io = new FakeCliIo({ files: { 'pod.yaml': stringify(pod) } });
  const code = await runCli(['mutate', '--config', configFile, '-f', 'pod.yaml'], io, {});
  const documents = io.out === '' ? [] : parseAllDocuments(io.out).map((document) => document.toJS() as unknown);
  return { code, stdout: io.out, stderr: io.err, documents };
}
