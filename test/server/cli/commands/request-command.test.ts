import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';
import { MountRequirement, secretRequest } from '../../../../core/index.js';
import { decodeSecretAnnotations } from '../../../../core/wire/secret-annotations.js';
import { runCli } from '../../../../server/cli/cli.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';

async function run(...argv: string[]): Promise<{ code: number; io: FakeCliIo }> {
  const io = new FakeCliIo();
  return { code: await runCli(argv, io, {}), io };
}

type Metadata = { metadata: { labels: Record<string, string>; annotations: Record<string, string> } };

describe('podsecrets request', () => {
  describe('when given secrets in the readable form', () => {
    it('should print the label and the Flyte annotations, as YAML', async () => {
      const { code, io } = await run('request', '--secret', 'group=db,key=password,mount=file,envVar=DB_PASSWORD_FILE', '--secret', 'key=my_key');
      expect([code, io.err]).to.deep.equal([0, '']);
      const printed = parseYaml(io.out) as Metadata;
      expect(printed.metadata.labels).to.deep.equal({ 'inject-flyte-secrets': 'true' });
      // The second value is Flyte's own vector (flytepropeller marshaler_test.go).
      expect(printed.metadata.annotations['flyte.secrets/s1']).to.equal('nnsxsoraejwxsx2lmv3secq');
      expect(decodeSecretAnnotations(printed.metadata.annotations).map(({ source: _source, ...secret }) => secret)).to.deep.equal([
        secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' }),
        secretRequest({ key: 'my_key' }),
      ]);
      expect(io.out).to.include('inject-flyte-secrets: "true"');
    });

    it('should print JSON with -o json', async () => {
      const { code, io } = await run('request', '--secret', 'key=my_key', '-o', 'json');
      expect(code).to.equal(0);
      expect(JSON.parse(io.out)).to.deep.equal({
        metadata: { labels: { 'inject-flyte-secrets': 'true' }, annotations: { 'flyte.secrets/s0': 'nnsxsoraejwxsx2lmv3secq' } },
      });
    });

    it('should print the readable annotations with --form readable', async () => {
      const { code, io } = await run('request', '--secret', 'key=password, group=db ,mount=FILE', '--form', 'readable', '-o', 'json');
      expect(code).to.equal(0);
      expect((JSON.parse(io.out) as Metadata).metadata.annotations).to.deep.equal({ 'secrets.podsecrets.io/s0': 'group=db,key=password,mount=file' });
    });
  });

  describe('when its output is pasted into a pod', () => {
    it('should make podsecrets mutate inject the secrets', async () => {
      const { io: requested } = await run('request', '--secret', 'group=db,key=password,mount=env');
      const metadata = (parseYaml(requested.out) as Metadata).metadata;
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'team-a', ...metadata }, spec: { containers: [{ name: 'main', image: 'busybox' }] } };
      const io = new FakeCliIo({ files: { 'pod.json': JSON.stringify(pod) } });
      expect(await runCli(['mutate', '-f', 'pod.json'], io, {})).to.equal(0);
      const env = (JSON.parse(io.out) as { spec: { containers: { env: unknown[] }[] } }).spec.containers[0]!.env;
      expect(env).to.deep.equal([
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
        { name: '_UNION_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } },
      ]);
    });
  });

  describe('when the input is wrong', () => {
    it('should refuse a secret naming which one, the field and what is accepted', async () => {
      const { code, io } = await run('request', '--secret', 'key=a', '--secret', 'group=db,kye=password');
      expect([code, io.out]).to.deep.equal([2, '']);
      expect(io.err).to.equal('podsecrets request: --secret #2 "group=db,kye=password": unknown field "kye" (accepted: group, groupVersion, key, mount, envVar)\n');
    });

    it('should refuse no secret at all', async () => {
      const { code, io } = await run('request');
      expect(code).to.equal(2);
      expect(io.err).to.match(/^podsecrets request: no --secret given \(accepted: one or more --secret group=<group>,key=<key>/);
    });

    it('should refuse an unknown output format or form', async () => {
      expect((await run('request', '--secret', 'key=k', '-o', 'xml')).io.err).to.equal('podsecrets request: -o xml: expected yaml or json\n');
      expect((await run('request', '--secret', 'key=k', '--form', 'vault')).io.err).to.equal('podsecrets request: --form vault: expected flyte or readable\n');
    });
  });
});
