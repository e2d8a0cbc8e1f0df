import { expect } from 'chai';
import { md5Hex, MountRequirement, type SecretRequest } from '../../../core/index.js';
import { AwsSecretInjector } from '../../../plugins/aws/aws-injector.js';
import { admitAndCheck } from '../../support/admit.js';
import { containersOf, envValue, expectFetcherLayout, failureOf, FETCHER_SECURITY_CONTEXT, fileSecretEnv, initContainerNames } from '../../support/backend-checks.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const PREFIX = 'arn:aws:secretsmanager:us-east-1:123456789012:secret';
const DB: Partial<SecretRequest> = { group: PREFIX, key: 'Db-Password-AbCdEf' };
const API: Partial<SecretRequest> = { group: `${PREFIX}:`, key: ':api-token-XyZ123', mountRequirement: MountRequirement.FILE };

function aws(awsSecretManager: Record<string, unknown> = {}) {
  return createTestPodsecrets({ config: { webhook: { secretManagerType: 'AWS', awsSecretManager } } });
}

function fetcherName(arn: string, fileName: string): string {
  return `aws-pull-secret-${md5Hex(JSON.stringify([arn, fileName])).slice(0, 12)}`;
}

describe('AwsSecretInjector', () => {
  describe('when secretManagerType names it', () => {
    it("should be selected by secretManagerType 'AWS' in any case", () => {
      for (const type of ['AWS', 'aws', 'Aws']) {
        const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerTypes: [type] } } });
        expect(podsecrets.mutator.chain).to.deep.equal(['Global', 'AWS']);
        expect(podsecrets.registry.get(type)).to.be.instanceOf(AwsSecretInjector);
      }
    });
  });

  describe('when a pod asks for two secrets and has an init container of its own', () => {
    it('should add one fetcher per secret before it, the shared volume, the read-only mount and the env', async () => {
      const pod = await admitAndCheck(aws().handler, podWithSecrets({ secrets: [DB, API], initContainers: [{ name: 'migrate', image: 'busybox' }] }));
      const dbArn = `${PREFIX}:Db-Password-AbCdEf`;
      const apiArn = `${PREFIX}:api-token-XyZ123`;
      const dbFile = `/${PREFIX.toLowerCase()}/db-password-abcdef`;
      const apiFile = `/${PREFIX.toLowerCase()}:/:api-token-xyz123`;
      expect(initContainerNames(pod)).to.deep.equal([fetcherName(dbArn, dbFile), fetcherName(apiArn, apiFile), 'migrate']);
      const fetchers = expectFetcherLayout(pod, 'aws-pull-secret', 'aws-secret-vol', '/tmp');
      expect(fetchers[0]).to.deep.equal({
        name: fetcherName(dbArn, dbFile),
        image: 'docker.io/amazon/aws-secrets-manager-secret-sidecar:v0.1.4',
        env: [...fileSecretEnv(), { name: 'SECRET_ARN', value: dbArn }, { name: 'SECRET_FILENAME', value: dbFile }, { name: 'PODSECRETS_SECRET_FILE', value: `/etc/flyte/secrets${dbFile}` }],
        volumeMounts: [{ name: 'aws-secret-vol', mountPath: '/tmp' }],
        resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } },
        securityContext: FETCHER_SECURITY_CONTEXT,
      });
      expect(envValue(fetchers[1]!, 'SECRET_ARN')).to.equal(apiArn);
      for (const container of [...containersOf(pod, 'containers'), containersOf(pod, 'initContainers')[2]!]) {
        expect(container['env']).to.deep.equal(fileSecretEnv());
      }
    });
  });

  describe('when the secrets come in another order', () => {
    it('should give each secret the same fetcher, whatever its position', async () => {
      const forward = await admitAndCheck(aws().handler, podWithSecrets({ secrets: [DB, API] }));
      const backward = await admitAndCheck(aws().handler, podWithSecrets({ secrets: [API, DB] }));
      expect(initContainerNames(backward)).to.deep.equal([...initContainerNames(forward)].reverse());
      const byName = (pod: Record<string, unknown>) => Object.fromEntries(containersOf(pod, 'initContainers').map((c): [string, unknown] => [String(c['name']), c]));
      expect(byName(backward)).to.deep.equal(byName(forward));
    });
  });

  describe('when the same secret is asked for twice', () => {
    it('should add one fetcher', async () => {
      const pod = await admitAndCheck(aws().handler, podWithSecrets({ secrets: [DB, { ...DB, mountRequirement: MountRequirement.FILE }] }));
      expect(initContainerNames(pod)).to.have.length(1);
    });
  });

  describe('when image and resources are configured', () => {
    it('should give the fetcher the configured image, and a configured resources map in place of the default one', async () => {
      const pod = await admitAndCheck(aws({ sidecarImage: 'registry.example/aws-sidecar:2', resources: { limits: { cpu: '500m' } } }).handler, podWithSecrets({ secrets: [DB] }));
      const [fetcher] = containersOf(pod, 'initContainers');
      expect(fetcher?.['image']).to.equal('registry.example/aws-sidecar:2');
      expect(fetcher?.['resources']).to.deep.equal({ requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '500m' } });
    });
  });

  describe('when the request names an env var (ignored by Flyte v2, flyte#6304)', () => {
    it('should set it to the file path in every container', async () => {
      const pod = await admitAndCheck(aws().handler, podWithSecrets({ secrets: [{ ...DB, envVar: 'DB_PASSWORD_FILE' }] }));
      const value = `/etc/flyte/secrets/${PREFIX.toLowerCase()}/db-password-abcdef`;
      expect(containersOf(pod, 'containers')[0]?.['env']).to.deep.equal(fileSecretEnv({ name: 'DB_PASSWORD_FILE', value }));
    });
  });

  describe('when the request cannot be served', () => {
    it('should refuse ENV_VAR and say why', async () => {
      const failure = await failureOf(aws(), podWithSecrets({ secrets: [{ ...DB, mountRequirement: MountRequirement.ENV_VAR }] }), 'AWS');
      expect(failure.code).to.equal('UnsupportedMount');
      expect(failure.message).to.include('AWS Secrets Manager delivers a secret only as a file, written by an init container before the containers start');
    });

    const invalid: [Partial<SecretRequest>, string][] = [
      [{ key: 'k' }, 'needs both a group and a key'],
      [{ group: PREFIX }, 'needs both a group and a key'],
      [{ group: 'my-group', key: 'my-key' }, '"my-group:my-key" (group ":" key) is not a Secrets Manager secret ARN'],
      [{ group: PREFIX, key: "x'; rm -rf /" }, 'is not a Secrets Manager secret ARN'],
      [{ group: 'arn:aws:secretsmanager:us-east-1:12345:secret', key: 'k' }, 'is not a Secrets Manager secret ARN'],
      [{ group: PREFIX, key: 'a/../../b' }, "must not hold empty, '.' or '..' path segments"],
    ];
    for (const [fields, reason] of invalid) {
      it(`should refuse ${JSON.stringify(fields)}`, async () => {
        const failure = await failureOf(aws(), podWithSecrets({ secrets: [fields] }), 'AWS');
        expect(failure.code).to.equal('InvalidRequest');
        expect(failure.message).to.include(reason);
      });
    }

    it('should refuse two ARNs that differ only in case, which would share one file', async () => {
      const failure = await failureOf(aws(), podWithSecrets({ secrets: [DB, { group: PREFIX, key: 'db-password-abcdef' }] }), 'AWS');
      const file = `/etc/flyte/secrets/${PREFIX.toLowerCase()}/db-password-abcdef`;
      const first = fetcherName(`${PREFIX}:Db-Password-AbCdEf`, `/${PREFIX.toLowerCase()}/db-password-abcdef`);
      expect(failure.message).to.equal(`this secret would be written to ${file}, where init container "${first}" already writes ${file}; ask for one of them`);
    });
  });
});
