import { expect } from 'chai';
import { GcpFetcherClientOptions, GcpSecretFetcher } from '../../../plugins/gcp/gcp-fetcher.js';
import { FakeGcpSecretManager } from '../../support/backends/fake-gcp-secret-manager.js';
import { admitAndCheck } from '../../support/admit.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { ENV, envOf, ORGANIZATION, projectId, taskPod } from '../embedded/embedded-fixtures.js';
import { fetchRejection } from '../../support/fetch-rejection.js';

const ID = projectId('db-password');

describe('GcpSecretFetcher', () => {
  let gcp: FakeGcpSecretManager;

  const podsecrets = () =>
    createTestPodsecrets({
      config: {
        webhook: {
          secretManagerType: 'Embedded',
          embeddedSecretManagerConfig: { type: 'GCP', valueDelivery: 'plainText', organization: ORGANIZATION, gcpConfig: { project: 'my-project', apiEndpoint: '127.0.0.1' } },
        },
      },
      configure: (container) => {
        // The real client in REST mode, over plain HTTP to the loopback server, with an API key instead of ADC.
        container.unbind(GcpFetcherClientOptions);
        container.bind(GcpFetcherClientOptions).toConstantValue({ protocol: 'http', port: Number(new URL(gcp.server.url).port), apiKey: gcp.apiKey });
      },
    });
  const fetcher = () => podsecrets().container.get(GcpSecretFetcher);

  beforeEach(async () => {
    gcp = await new FakeGcpSecretManager().start();
  });

  afterEach(() => gcp.stop());

  describe('when the latest version has a payload', () => {
    it('should return its bytes, read from projects/<project>/secrets/<id>/versions/latest', async () => {
      gcp.secrets.set(`projects/my-project/secrets/${ID}`, Buffer.from('gcp=value / x'));
      const value = await fetcher().fetch(ID, new AbortController().signal);
      expect(Buffer.from(value).toString('utf8')).to.equal('gcp=value / x');
      expect(gcp.server.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`)).to.deep.equal([`GET /v1/projects/my-project/secrets/${ID}/versions/latest:access`]);
    });
  });

  describe('when there is no such secret', () => {
    it('should reject with SecretNotFound', async () => {
      const error = await fetchRejection(fetcher().fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNotFound');
    });
  });

  describe('when the version has no payload', () => {
    it('should reject with SecretNil', async () => {
      gcp.secrets.set(`projects/my-project/secrets/${ID}`, undefined);
      const error = await fetchRejection(fetcher().fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNil');
    });
  });

  describe('when access is denied', () => {
    it('should reject with SecretReadFailure', async () => {
      gcp.failWith = { code: 403, status: 'PERMISSION_DENIED' };
      const error = await fetchRejection(fetcher().fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.detail).to.include('PERMISSION_DENIED');
    });
  });

  describe('when Embedded mode reads through it', () => {
    it('should inject the project-scope value', async () => {
      gcp.secrets.set(`projects/my-project/secrets/${projectId('token')}`, Buffer.from('gcp-token'));
      const pod = await admitAndCheck(podsecrets().handler, taskPod([{ key: 'token', mountRequirement: ENV }]));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_TOKEN', value: 'gcp-token' });
    });
  });

  describe('when the id is not a plain secret id', () => {
    for (const key of ['a/b', '..', 'x/versions/1', 'a.b', 'k\u0000x']) {
      it(`should refuse key ${JSON.stringify(key)} with InvalidSecretId before any call`, async () => {
        const error = await fetchRejection(fetcher().fetch(projectId(key), new AbortController().signal));
        expect(error.code).to.equal('InvalidSecretId');
        expect(error.detail).to.include(`key ${JSON.stringify(key)}`);
        expect(gcp.server.requests).to.deep.equal([]);
      });
    }
  });
});
