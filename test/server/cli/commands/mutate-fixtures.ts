import { expect } from 'chai';
import { MountRequirement } from '../../../../core/index.js';
import { runCli } from '../../../../server/cli/cli.js';
import { admit } from '../../../support/admit.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';
import { podWithSecrets } from '../../../support/pod-builders.js';
import { createTestPodsecrets } from '../../../support/test-podsecrets.js';

// What the `podsecrets mutate` tests share.

export type Json = Record<string, unknown>;

export const SECRETS = [
  { group: 'my-group', key: 'my-key', mountRequirement: MountRequirement.ENV_VAR },
  { group: 'db', groupVersion: 'v1', key: 'password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' },
];

/** An empty environment: no PODSECRETS_CONFIG unless a test sets it. */
export const NO_ENV: NodeJS.ProcessEnv = {};

/** The handler the CLI's output is compared with: podsecrets with its defaults, in process. */
export const handler = createTestPodsecrets().handler;

/** A pod named `name` asking for `secrets`. */
export function pod(name: string, secrets: readonly (typeof SECRETS)[number][] = SECRETS): Json {
  const built = podWithSecrets({ secrets }) as unknown as Json;
  (built['metadata'] as Json)['name'] = name;
  return built;
}

/** `input` as the webhook would store it. */
export async function mutated(input: unknown): Promise<Json> {
  return (await admit(handler, input)).pod;
}

/** Runs `mutate` on its own output and checks that nothing changes. */
export async function expectStable(output: string, argv: readonly string[] = ['mutate']): Promise<void> {
  const io = new FakeCliIo({ stdin: output });
  expect(await runCli(argv, io, NO_ENV), io.err).to.equal(0);
  expect(io.out, 'a second pass must change nothing').to.equal(output);
}
