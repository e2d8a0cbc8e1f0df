import { statSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { md5Hex, MountRequirement, type SecretRequest } from '../../../core/index.js';
import { GcpSecretInjector } from '../../../plugins/gcp/gcp-injector.js';
import { admitAndCheck } from '../../support/admit.js';
import { containersOf, expectFetcherLayout, failureOf, FETCHER_SECURITY_CONTEXT, fileSecretEnv, initContainerNames } from '../../support/backend-checks.js';
import { createFetcherSandbox } from '../../support/fetcher-shell.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const TOKEN: Partial<SecretRequest> = { group: 'projects/my-project/secrets/Api_Token', groupVersion: 'latest', key: 'ignored' };
const PLAIN: Partial<SecretRequest> = { group: 'db-password', groupVersion: '3', mountRequirement: MountRequirement.FILE };

function gcp(gcpSecretManager: Record<string, unknown> = {}) {
  return createTestPodsecrets({ config: { webhook: { secretManagerType: 'GCP', gcpSecretManager } } });
}

// A fake gcloud that writes the value 0600 to --out-file, as gcloud does; the resource-name form fails
// for a plain secret id, as gcloud does.
const FAKE_GCLOUD = `for a in "$@"; do case "$a" in --out-file=*) out="\${a#--out-file=}";; esac; done
case "$4" in */versions/*) case "$4" in projects/*) ;; *) exit 1;; esac;; esac
printf 'the-value' > "$out"; chmod 600 "$out"`;

describe('GcpSecretInjector', () => {
  describe('when secretManagerType names it', () => {
    it("should be selected by secretManagerType 'GCP' in any case", () => {
      for (const type of ['GCP', 'gcp', 'Gcp']) {
        const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: type } } });
        expect(podsecrets.mutator.chain).to.deep.equal(['Global', 'GCP']);
        expect(podsecrets.registry.get(type)).to.be.instanceOf(GcpSecretInjector);
      }
    });
  });

  describe('when a pod asks for a secret version', () => {
    it('should add a gcloud fetcher writing /etc/flyte/secrets/<lc group>/<lc version>, with every argument quoted', async () => {
      const pod = await admitAndCheck(gcp().handler, podWithSecrets({ secrets: [TOKEN], initContainers: [{ name: 'user-init', image: 'busybox' }] }));
      const [fetcher] = expectFetcherLayout(pod, 'gcp-pull-secret', 'gcp-secret-vol', '/etc/flyte/secrets');
      const file = '/etc/flyte/secrets/projects/my-project/secrets/api_token/latest';
      expect(fetcher).to.deep.equal({
        name: `gcp-pull-secret-${md5Hex(JSON.stringify(['projects/my-project/secrets/Api_Token', 'latest'])).slice(0, 12)}`,
        image: 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine',
        command: [
          'sh',
          '-ec',
          "mkdir -p '/etc/flyte/secrets/projects/my-project/secrets/api_token'; " +
            `gcloud secrets versions access 'projects/my-project/secrets/Api_Token/versions/latest' --out-file='${file}' || ` +
            `gcloud secrets versions access 'latest' --secret='projects/my-project/secrets/Api_Token' --out-file='${file}'; ` +
            "chmod a+rX '/etc/flyte/secrets/projects' '/etc/flyte/secrets/projects/my-project' '/etc/flyte/secrets/projects/my-project/secrets' " +
            `'/etc/flyte/secrets/projects/my-project/secrets/api_token' '${file}'`,
        ],
        volumeMounts: [{ name: 'gcp-secret-vol', mountPath: '/etc/flyte/secrets' }],
        resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } },
        env: [...fileSecretEnv(), { name: 'PODSECRETS_SECRET_FILE', value: file }],
        securityContext: FETCHER_SECURITY_CONTEXT,
      });
      expect(initContainerNames(pod)[1]).to.equal('user-init');
      expect(containersOf(pod, 'containers')[0]?.['env']).to.deep.equal(fileSecretEnv());
    });

    it('should honour envVar with the file path (Flyte ignores it, flyte#6459)', async () => {
      const pod = await admitAndCheck(gcp().handler, podWithSecrets({ secrets: [{ ...PLAIN, envVar: 'DB_PASSWORD_FILE' }] }));
      expect(containersOf(pod, 'containers')[0]?.['env']).to.deep.equal(fileSecretEnv({ name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db-password/3' }));
    });

    it('should keep one fetcher per secret version whatever the order, and configured image and resources', async () => {
      const podsecrets = gcp({ sidecarImage: 'registry.example/cloud-sdk:1', resources: { requests: { memory: '100Mi' } } });
      const forward = await admitAndCheck(podsecrets.handler, podWithSecrets({ secrets: [TOKEN, PLAIN, TOKEN] }));
      const backward = await admitAndCheck(podsecrets.handler, podWithSecrets({ secrets: [PLAIN, TOKEN] }));
      expect(initContainerNames(forward)).to.have.length(2);
      expect(initContainerNames(backward)).to.deep.equal([...initContainerNames(forward)].reverse());
      const [fetcher] = containersOf(forward, 'initContainers');
      expect(fetcher?.['image']).to.equal('registry.example/cloud-sdk:1');
      expect(fetcher?.['resources']).to.deep.equal({ requests: { memory: '100Mi' }, limits: { cpu: '200m', memory: '500Mi' } });
    });
  });

  describe('when the fetcher command runs', () => {
    it('should write the file where the pod reads it, readable by every user whatever the umask', async () => {
      for (const secret of [TOKEN, PLAIN]) {
        const pod = await admitAndCheck(gcp().handler, podWithSecrets({ secrets: [secret] }));
        const [fetcher] = containersOf(pod, 'initContainers');
        const run = createFetcherSandbox({ gcloud: FAKE_GCLOUD });
        const result = run.run(fetcher?.['command'] as string[]);
        expect(result.status, result.stderr).to.equal(0);
        const relative = secret === TOKEN ? 'projects/my-project/secrets/api_token/latest' : 'db-password/3';
        expect(readFileSync(`${run.secretsDir}/${relative}`, 'utf8')).to.equal('the-value');
        expect(statSync(`${run.secretsDir}/${relative}`).mode & 0o777).to.equal(0o644);
        const parts = relative.split('/').slice(0, -1);
        for (let i = 1; i <= parts.length; i++) expect(statSync(`${run.secretsDir}/${parts.slice(0, i).join('/')}`).mode & 0o777).to.equal(0o755);
        const file = `${run.secretsDir}/${relative}`;
        const expected =
          secret === TOKEN
            ? [['secrets', 'versions', 'access', 'projects/my-project/secrets/Api_Token/versions/latest', `--out-file=${file}`]]
            : [
                ['secrets', 'versions', 'access', 'db-password/versions/3', `--out-file=${file}`],
                ['secrets', 'versions', 'access', '3', '--secret=db-password', `--out-file=${file}`],
              ];
        expect(run.calls()).to.deep.equal(expected);
        run.cleanup();
      }
    });
  });

  describe('when another fetching backend already uses /etc/flyte/secrets in the pod', () => {
    it('should deny with a mount conflict instead of a pod the API server refuses', async () => {
      const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerTypes: ['AWS', 'GCP'] } } });
      const aws = { group: 'arn:aws:secretsmanager:us-east-1:123456789012:secret', key: 'a-AbCdEf' };
      const failure = await failureOf(podsecrets, podWithSecrets({ secrets: [aws, PLAIN] }), 'GCP');
      expect(failure).to.deep.equal({
        type: 'GCP',
        code: 'MountConflict',
        message: `init container "gcp-pull-secret-${md5Hex(JSON.stringify(['db-password', '3'])).slice(0, 12)}" writes /etc/flyte/secrets/db-password/3, but volume "aws-secret-vol" is mounted at /etc/flyte/secrets over it; ask for one of them or use one backend for both`,
      });
    });
  });

  describe('when the request cannot be served', () => {
    it('should refuse ENV_VAR and say why', async () => {
      const failure = await failureOf(gcp(), podWithSecrets({ secrets: [{ ...PLAIN, mountRequirement: MountRequirement.ENV_VAR }] }), 'GCP');
      expect(failure.code).to.equal('UnsupportedMount');
      expect(failure.message).to.include('Google Secret Manager delivers a secret only as a file');
    });

    const invalid: [Partial<SecretRequest>, string][] = [
      [{ group: 'db-password', key: 'k' }, 'needs a group (the secret) and a group_version (its version)'],
      [{ groupVersion: '1', key: 'k' }, 'needs a group (the secret) and a group_version (its version)'],
      [{ group: "x'; touch /tmp/pwned; '", groupVersion: '1' }, 'is not a Secret Manager secret id'],
      [{ group: 'my secret', groupVersion: '1' }, 'is not a Secret Manager secret id'],
      [{ group: '../etc', groupVersion: '1' }, 'is not a Secret Manager secret id'],
      [{ group: 'db-password', groupVersion: '$(id)' }, 'group_version "$(id)" is not a Secret Manager version'],
      [{ group: 'db-password', groupVersion: '..' }, 'group_version ".." is not a Secret Manager version'],
    ];
    for (const [fields, reason] of invalid) {
      it(`should refuse ${JSON.stringify(fields)}`, async () => {
        const failure = await failureOf(gcp(), podWithSecrets({ secrets: [fields] }), 'GCP');
        expect(failure.code).to.equal('InvalidRequest');
        expect(failure.message).to.include(reason);
      });
    }
  });
});
