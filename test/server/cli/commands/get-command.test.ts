import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../../../server/cli/cli.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';
import { FakeKubeApi } from '../../../support/fake-kube-api.js';
import { domainId, orgId, storeFlyteSecret } from '../../../plugins/embedded/embedded-fixtures.js';

const SCOPE = ['--org', 'acme', '--project', 'flytesnacks', '--domain', 'development'];

describe('podsecrets get', () => {
  let kube: FakeKubeApi;
  let config: string;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    config = join(mkdtempSync(join(tmpdir(), 'podsecrets-get-')), 'config.yaml');
    writeFileSync(config, `webhook:\n  embeddedSecretManagerConfig:\n    type: K8s\n    kubeconfig: ${kube.kubeconfigFile}\n    k8sConfig:\n      namespace: flyte\n`);
  });

  afterEach(() => kube.stop());

  describe('when the key is at a wider scope', () => {
    it('should print the value alone on stdout and the scope on stderr', async () => {
      storeFlyteSecret(kube, domainId('a=b c'), 'value with = and / and spaces');
      const io = new FakeCliIo();
      const code = await runCli(['get', '--config', config, ...SCOPE, '--key', 'a=b c'], io, {});
      expect({ code, out: io.out, err: io.err }).to.deep.equal({
        code: 0,
        out: 'value with = and / and spaces',
        err: 'found key "a=b c" at domain scope (org "acme", domain "development") in the K8s backend\n',
      });
    });
  });

  describe('when the value is binary', () => {
    it('should refuse without --base64 and print base64 with it', async () => {
      storeFlyteSecret(kube, orgId('bin'), new Uint8Array([0xff, 0x00, 0x10]));
      const plain = new FakeCliIo();
      expect(await runCli(['get', '--config', config, ...SCOPE, '--key', 'bin'], plain, {})).to.equal(2);
      expect(plain.err).to.equal('podsecrets get: the value of key "bin" at org scope (org "acme") is binary, not UTF-8 text; add --base64\n');
      const encoded = new FakeCliIo();
      expect(await runCli(['get', '--config', config, ...SCOPE, '--key', 'bin', '--base64'], encoded, {})).to.equal(0);
      expect(encoded.out).to.equal('/wAQ');
    });
  });

  describe('when no scope has the key', () => {
    it('should exit 1 saying so', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['get', '--config', config, ...SCOPE, '--key', 'nope'], io, {})).to.equal(1);
      expect(io.out).to.equal('');
      expect(io.err).to.equal(
        'podsecrets get: [SecretNotFoundAcrossAllScopes] secret not found across all scopes: key "nope" is in none of project "flytesnacks", domain "development", org "acme" of the K8s backend\n',
      );
    });
  });

  describe('when an option is missing', () => {
    it('should exit 2 naming it', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['get', '--config', config, '--org', 'acme', '--key', 'k'], io, {})).to.equal(2);
      expect(io.err).to.match(/^podsecrets get: missing --project, --domain; usage: podsecrets get --org ORG/);
    });
  });

  describe('when the configured fetcher type is not installed', () => {
    it('should exit 2 naming the key and the installed types', async () => {
      writeFileSync(config, 'webhook:\n  embeddedSecretManagerConfig:\n    type: Keeper\n');
      const io = new FakeCliIo();
      expect(await runCli(['get', '--config', config, ...SCOPE, '--key', 'k'], io, {})).to.equal(2);
      expect(io.err).to.equal('podsecrets get: webhook.embeddedSecretManagerConfig.type: unknown secret fetcher "Keeper"; installed: K8s, AWS, Vault, GCP, Azure (any case)\n');
    });
  });
});
