import { expect } from 'chai';
import { AwsSecretFetcher } from '../../../plugins/aws/aws-fetcher.js';
import { FakeSecretsManager } from '../../support/backends/fake-secrets-manager.js';
import { admitAndCheck } from '../../support/admit.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { ENV, envOf, orgId, ORGANIZATION, projectId, taskPod } from '../embedded/embedded-fixtures.js';
import { fetchRejection } from '../../support/fetch-rejection.js';
import { admit } from '../../support/admit.js';
import { MOUNT_WAYS, OUTSIDE_SCOPE_PATH, TRAVERSAL_KEYS } from '../../support/secret-id-attacks.js';

const ID = projectId('db-password');
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDPODSECRETS', AWS_SECRET_ACCESS_KEY: 'test-secret-key', AWS_EC2_METADATA_DISABLED: 'true' };

describe('AwsSecretFetcher', () => {
  let aws: FakeSecretsManager;
  let saved: Record<string, string | undefined>;

  const podsecrets = (extra: Record<string, unknown> = {}) =>
    createTestPodsecrets({
      config: {
        webhook: {
          secretManagerType: 'Embedded',
          embeddedSecretManagerConfig: { type: 'aws', valueDelivery: 'plainText', organization: ORGANIZATION, awsConfig: { region: 'us-east-1', endpoint: aws.server.url }, ...extra },
        },
      },
    });

  before(() => {
    // The SDK's standard credential chain reads the environment: the test gives it credentials there.
    saved = Object.fromEntries(Object.keys(CREDENTIALS).map((key) => [key, process.env[key]]));
    Object.assign(process.env, CREDENTIALS);
  });

  after(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  beforeEach(async () => {
    aws = await new FakeSecretsManager().start();
  });

  afterEach(() => aws.stop());

  describe('when the secret holds a string', () => {
    it('should return it, asking for the id at AWSCURRENT with a signed JSON 1.1 request', async () => {
      aws.secrets.set(ID, { string: 'p=ss / word' });
      const value = await podsecrets().container.get(AwsSecretFetcher).fetch(ID, new AbortController().signal);
      expect(value).to.equal('p=ss / word');
      expect(aws.server.requests.map((r) => JSON.parse(r.body) as unknown)).to.deep.equal([{ SecretId: ID, VersionStage: 'AWSCURRENT' }]);
      expect(aws.server.requests[0]?.headers['x-amz-target']).to.equal('secretsmanager.GetSecretValue');
    });
  });

  describe('when the secret holds bytes', () => {
    it('should return the bytes', async () => {
      aws.secrets.set(ID, { binary: new Uint8Array([0, 1, 254, 255]) });
      const value = await podsecrets().container.get(AwsSecretFetcher).fetch(ID, new AbortController().signal);
      expect([...(value as Uint8Array)]).to.deep.equal([0, 1, 254, 255]);
    });
  });

  describe('when the secret holds neither', () => {
    it('should reject with SecretNil', async () => {
      aws.secrets.set(ID, { empty: true });
      const error = await fetchRejection(podsecrets().container.get(AwsSecretFetcher).fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNil');
    });
  });

  describe('when there is no such secret', () => {
    it('should reject with SecretNotFound', async () => {
      const error = await fetchRejection(podsecrets().container.get(AwsSecretFetcher).fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNotFound');
      expect(error.detail).to.equal("Secrets Manager has no such secret (Secrets Manager can't find the specified secret.)");
    });
  });

  describe('when access is denied', () => {
    it('should reject with SecretReadFailure naming the service error', async () => {
      aws.failWith = { status: 400, type: 'AccessDeniedException' };
      const error = await fetchRejection(podsecrets().container.get(AwsSecretFetcher).fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.detail).to.equal('Secrets Manager GetSecretValue failed: AccessDeniedException: injected failure');
    });
  });

  describe('when the service does not answer and the signal aborts', () => {
    it('should reject with SecretReadFailure', async () => {
      aws.server.hang = true;
      const controller = new AbortController();
      const pending = podsecrets().container.get(AwsSecretFetcher).fetch(ID, controller.signal);
      while (aws.server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      expect((await fetchRejection(pending)).code).to.equal('SecretReadFailure');
    });
  });

  describe('when Embedded mode reads through it', () => {
    it('should fall through to the org scope and inject the value', async () => {
      aws.secrets.set(orgId('token'), { string: 'org-token' });
      const pod = await admitAndCheck(podsecrets().handler, taskPod([{ key: 'token', mountRequirement: ENV }]));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_TOKEN', value: 'org-token' });
      expect(aws.server.requests).to.have.length(3);
    });
  });

  describe('when a key tries to climb out of its scope', () => {
    for (const key of TRAVERSAL_KEYS) {
      for (const way of MOUNT_WAYS) {
        it(`should deny ${JSON.stringify(key)} asked as ${way.name}, and call Secrets Manager not once`, async () => {
          aws.secrets.set(OUTSIDE_SCOPE_PATH, { string: 'root-credentials-value' });
          const { response } = await admit(podsecrets().handler, taskPod([{ key, ...way.request }]));
          expect(response.allowed).to.equal(false);
          expect(JSON.stringify(response)).not.to.include('root-credentials-value');
          expect(aws.server.requests).to.deep.equal([]);
        });
      }
    }

    for (const key of ['a/../b', '..', 'a b', 'k\u0000x', 'k\nx']) {
      it(`should refuse the id with key ${JSON.stringify(key)} with InvalidSecretId before any call`, async () => {
        const error = await fetchRejection(podsecrets().container.get(AwsSecretFetcher).fetch(projectId(key), new AbortController().signal));
        expect(error.code).to.equal('InvalidSecretId');
        expect(error.detail)
          .to.include(`key ${JSON.stringify(key)}`)
          .and.to.include('AWS Secrets Manager accepts letters, digits and / _ + = . @ -');
        expect(aws.server.requests).to.deep.equal([]);
      });
    }
  });
});
