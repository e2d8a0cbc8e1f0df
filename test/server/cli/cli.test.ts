import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/cli.js';
import { MountRequirement } from '../../../core/index.js';
import { expectAcceptablePod } from '../../support/acceptable-pod.js';
import { admit } from '../../support/admit.js';
import { FakeCliIo } from '../../support/fake-cli-io.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { runPodsecrets } from '../../support/spawn-podsecrets.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

describe('runCli', () => {
  describe('when given no command', () => {
    it('should print the usage on stderr and exit 2', async () => {
      const io = new FakeCliIo();
      expect(await runCli([], io, {})).to.equal(2);
      expect(io.out).to.equal('');
      expect(io.err).to.match(/^usage: podsecrets <command> \[options\]\n/);
      expect(io.err).to.match(/^ {2}mutate +\[--config FILE\] \[-f FILE\|-\] \[-o yaml\|json\] \[--patch\]$/m);
      expect(io.err).to.match(/^ {2}serve +\[--config FILE\]$/m);
    });
  });

  describe('when asked for help', () => {
    it('should print the usage on stdout and exit 0', async () => {
      for (const argv of [['help'], ['--help'], ['-h']]) {
        const io = new FakeCliIo();
        expect(await runCli(argv, io, {})).to.equal(0);
        expect(io.err).to.equal('');
        expect(io.out).to.include('exit codes: 0 done, 1 a pod was denied, 2 bad input or configuration, 70 an internal error.');
      }
    });

    it("should print one command's usage for `<command> --help`, without running it", async () => {
      const io = new FakeCliIo();
      expect(await runCli(['get', '--help'], io, {})).to.equal(0);
      expect(io.out).to.match(/^usage: podsecrets get --org ORG --project PROJECT --domain DOMAIN --key KEY/);
      expect(io.err).to.equal('');
    });
  });

  describe('when given an unknown command', () => {
    it('should name it and exit 2', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['mutat'], io, {})).to.equal(2);
      expect(io.err).to.match(/^podsecrets: unknown command "mutat"\nusage: /);
    });
  });
});

describe('bin/podsecrets', function () {
  this.timeout(60_000);
  const handler = createTestPodsecrets().handler;
  const pod = podWithSecrets({ secrets: [{ group: 'my-group', key: 'my-key', mountRequirement: MountRequirement.ENV_VAR }] });

  describe('when run as a child process (the real CLI)', () => {
    it('should mutate a pod read from standard input and exit 0', async () => {
      const finished = await runPodsecrets(['mutate', '-f', '-'], { stdin: JSON.stringify(pod) });
      expect([finished.code, finished.stderr]).to.deep.equal([0, '']);
      const output = JSON.parse(finished.stdout) as unknown;
      expect(output).to.deep.equal((await admit(handler, pod)).pod);
      expectAcceptablePod(output);
    });

    it('should exit 1 with the reason on stderr when the pod is denied', async () => {
      const denied = podWithSecrets({ secrets: [{ group: 'Not_A_Secret_Name', key: 'k' }] });
      const finished = await runPodsecrets(['mutate'], { stdin: JSON.stringify(denied) });
      expect(finished.code).to.equal(1);
      expect(finished.stderr).to.match(/^standard input: denied: .*Not_A_Secret_Name/);
    });

    it('should exit 2 with what is wrong on stderr, and no stack trace, for bad input', async () => {
      const finished = await runPodsecrets(['mutate'], { stdin: '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}}' });
      expect([finished.code, finished.stdout]).to.deep.equal([2, '']);
      expect(finished.stderr).to.equal('podsecrets mutate: standard input: not an AdmissionReview podsecrets can answer: request.uid: expected a non-empty string, got undefined\n');
    });

    it('should exit 2 listing the installed types for an unknown secretManagerType in PODSECRETS_CONFIG', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'podsecrets-cli-'));
      try {
        const config = join(dir, 'config.yaml');
        writeFileSync(config, 'webhook:\n  secretManagerType: NoSuchBackend\n');
        const finished = await runPodsecrets(['mutate'], { stdin: JSON.stringify(pod), env: { PODSECRETS_CONFIG: config } });
        expect([finished.code, finished.stdout]).to.deep.equal([2, '']);
        const installed = createTestPodsecrets().registry.types().join(', ');
        expect(finished.stderr).to.equal(`podsecrets mutate: webhook.secretManagerType: unknown secret manager type "NoSuchBackend"; installed: ${installed} (any case)\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
