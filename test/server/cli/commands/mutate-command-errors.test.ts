import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../server/cli/cli.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';
import { createTestPodsecrets } from '../../../support/test-podsecrets.js';
import { NO_ENV, pod, SECRETS } from './mutate-fixtures.js';

describe('podsecrets mutate', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-mutate-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the input is bad', () => {
    const cases: { name: string; argv?: string[]; stdin?: string; err: string }[] = [
      { name: 'text that is neither JSON nor YAML', stdin: '{"kind": "Pod"', err: 'podsecrets mutate: standard input is not valid JSON: ' },
      { name: 'invalid YAML', stdin: 'kind: [Pod\n', err: 'podsecrets mutate: standard input: YAML document 1 is not valid: ' },
      { name: 'no document', stdin: '# nothing\n---\n', err: 'podsecrets mutate: standard input holds no document: expected a Pod, a List of Pods, or an AdmissionReview\n' },
      { name: 'a JSON array', stdin: '[1]', err: 'podsecrets mutate: standard input: expected kind Pod, List or AdmissionReview, got a list, not an object\n' },
      { name: 'a YAML scalar', stdin: 'hello\n', err: 'podsecrets mutate: standard input: expected kind Pod, List or AdmissionReview, got "hello", not an object\n' },
      { name: 'another kind', stdin: '{"apiVersion":"v1","kind":"Secret"}', err: 'podsecrets mutate: standard input: expected kind Pod, List or AdmissionReview, got kind "Secret"\n' },
      {
        name: 'a pod of the wrong shape in the second document',
        stdin: `${JSON.stringify(pod('fine'))}\n---\nkind: Pod\nspec: {}\n`,
        err: 'podsecrets mutate: standard input document 2: pod field spec.containers: is required: a list with at least one entry\n',
      },
      { name: 'a file that does not exist', argv: ['mutate', '-f', 'missing.yaml'], err: 'podsecrets mutate: cannot read missing.yaml: no such file\n' },
      { name: 'an unknown option', argv: ['mutate', '--frob'], stdin: '', err: "podsecrets mutate: Unknown option '--frob'" },
      { name: 'an unknown output format', argv: ['mutate', '-o', 'xml'], stdin: '', err: 'podsecrets mutate: -o xml: expected yaml or json\n' },
    ];
    for (const testCase of cases) {
      it(`should exit 2 for ${testCase.name}, saying what is wrong and where`, async () => {
        const io = new FakeCliIo(testCase.stdin !== undefined ? { stdin: testCase.stdin } : {});
        expect(await runCli(testCase.argv ?? ['mutate'], io, NO_ENV)).to.equal(2);
        expect(io.out).to.equal('');
        expect(io.err.startsWith(testCase.err), io.err).to.equal(true);
      });
    }

    it('should exit 2 for a file that is a directory', async () => {
      const io = new FakeCliIo();
      // The real file system's error, not a fake one.
      io.readInput = (file) => new Promise((resolve) => resolve(readFileSync(file ?? '', 'utf8')));
      expect(await runCli(['mutate', '-f', dir], io, NO_ENV)).to.equal(2);
      expect(io.err).to.equal(`podsecrets mutate: cannot read ${dir}: it is a directory\n`);
    });
  });

  describe('when given a configuration', () => {
    const write = (name: string, text: string): string => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    const envName = async (argv: string[], env: NodeJS.ProcessEnv): Promise<string[]> => {
      const io = new FakeCliIo({ stdin: JSON.stringify(pod('task', [SECRETS[0]!])) });
      expect(await runCli(argv, io, env), io.err).to.equal(0);
      const [container] = (JSON.parse(io.out) as { spec: { containers: { env: { name: string }[] }[] } }).spec.containers;
      return (container?.env ?? []).map((entry) => entry.name).filter((name) => name.includes('MY-GROUP'));
    };

    it('should read the file named by --config', async () => {
      const file = write('fsec.yaml', 'webhook:\n  secretEnvVarPrefix: _FSEC_\n');
      expect(await envName(['mutate', '--config', file], NO_ENV)).to.deep.equal(['_FSEC_MY-GROUP_MY-KEY']);
    });

    it('should read the file named by PODSECRETS_CONFIG, and prefer --config to it', async () => {
      const fromEnv = write('env.yaml', 'webhook:\n  secretEnvVarPrefix: _ENV_\n');
      const fromOption = write('option.yaml', 'webhook:\n  secretEnvVarPrefix: _OPT_\n');
      expect(await envName(['mutate'], { PODSECRETS_CONFIG: fromEnv })).to.deep.equal(['_ENV_MY-GROUP_MY-KEY']);
      expect(await envName(['mutate', '--config', fromOption], { PODSECRETS_CONFIG: fromEnv })).to.deep.equal(['_OPT_MY-GROUP_MY-KEY']);
      expect(await envName(['mutate'], NO_ENV)).to.deep.equal(['_UNION_MY-GROUP_MY-KEY']);
    });

    const invalid: { name: string; yaml: string; err: string }[] = [
      { name: 'an unknown key', yaml: 'webhook:\n  secretManagerTyp: K8s\n', err: "configuration param 'webhook.secretManagerTyp' not declared in the schema" },
      { name: 'an unknown section', yaml: 'webhok:\n  secretManagerType: K8s\n', err: "configuration param 'webhok.secretManagerType' not declared in the schema" },
      { name: 'a section that is not a mapping', yaml: 'webhook: K8s\n', err: 'webhook: must be a mapping of settings (metrics-prefix, certDir, ' },
      {
        name: 'an unknown secretManagerType',
        yaml: 'webhook:\n  secretManagerType: Nope\n',
        err: `webhook.secretManagerType: unknown secret manager type "Nope"; installed: ${createTestPodsecrets().registry.types().join(', ')} (any case)\n`,
      },
      { name: 'a bad value', yaml: 'webhook:\n  listenPort: 70000\n', err: 'webhook.listenPort: ports must be within range 0 - 65535: value was 70000' },
      { name: 'YAML that is not a mapping', yaml: '- webhook\n', err: 'must be a YAML mapping of sections' },
    ];
    for (const testCase of invalid) {
      it(`should exit 2 for ${testCase.name}, naming it`, async () => {
        const file = write('invalid.yaml', testCase.yaml);
        for (const [argv, env] of [
          [['mutate', '--config', file], NO_ENV],
          [['mutate'], { PODSECRETS_CONFIG: file }],
        ] as const) {
          const io = new FakeCliIo({ stdin: JSON.stringify(pod('task')) });
          expect(await runCli([...argv], io, env)).to.equal(2);
          expect(io.out).to.equal('');
          expect(io.err).to.include(testCase.err);
          expect(io.err.startsWith('podsecrets mutate: ')).to.equal(true);
        }
      });
    }

    it('should exit 2 for a configuration file that does not exist, naming it', async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify(pod('task')) });
      expect(await runCli(['mutate', '--config', join(dir, 'absent.yaml')], io, NO_ENV)).to.equal(2);
      expect(io.err).to.equal(`podsecrets mutate: cannot read configuration ${join(dir, 'absent.yaml')}: ENOENT\n`);
    });
  });
});
