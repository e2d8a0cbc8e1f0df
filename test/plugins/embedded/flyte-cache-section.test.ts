import { expect } from 'chai';
import { ConfigError } from '../../../config/config-error.js';
import { md5Hex } from '../../../core/index.js';
import { createPodsecrets } from '../../../server/wiring/create-podsecrets.js';
import { EmbeddedClock } from '../../../plugins/embedded/embedded-clock.js';
import { MappedCacheOptions } from '../../../plugins/embedded/flyte-cache-section.js';
import { admitAndCheck } from '../../support/admit.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { ENV, ORGANIZATION, projectId, storeFlyteSecret, taskPod, TestClock } from './embedded-fixtures.js';

const HOUR = 3_600_000;

describe("Flyte's cache section", () => {
  let kube: FakeKubeApi;
  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
  });
  afterEach(() => kube.stop());

  function podsecrets(config: Record<string, unknown>, clock = new TestClock(), configFile?: string) {
    const webhook = (config['webhook'] ?? {}) as Record<string, unknown>;
    const embedded = (webhook['embeddedSecretManagerConfig'] ?? {}) as Record<string, unknown>;
    const logger = new RecordingLogger();
    const wired = createPodsecrets({
      logger,
      ...(configFile !== undefined ? { configFile } : {}),
      overrides: {
        ...config,
        webhook: { secretManagerType: 'Embedded', ...webhook, embeddedSecretManagerConfig: { kubeconfig: kube.kubeconfigFile, valueDelivery: 'plainText', organization: ORGANIZATION, ...embedded } },
      },
      configure: (container) => {
        container.unbind(EmbeddedClock);
        container.bind(EmbeddedClock).toConstantValue(clock.read);
      },
    });
    return { ...wired, logger, mapped: wired.container.get<MappedCacheOptions>(MappedCacheOptions) };
  }

  /** How many times the backend was asked for the project-scope value of `k` after `ms` more on the clock. */
  async function getsAfter(handler: ReturnType<typeof podsecrets>['handler'], clock: TestClock, ms: number): Promise<number> {
    clock.now += ms;
    await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
    return kube.requestsTo('GET', 'flyte').filter((request) => request.path.endsWith(`/${md5Hex(projectId('k'))}`)).length;
  }

  describe('when it sets inMemoryFixedSize.defaultExpiration and size', () => {
    it('should keep a value that long, and bound the cache to that size, as Flyte does', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const clock = new TestClock();
      const { handler, mapped } = podsecrets({ cache: { type: 'InMemoryFixedSize', inMemoryFixedSize: { size: '10M', defaultExpiration: '1h' } } }, clock);
      expect(mapped).to.deep.equal({ ttlMs: HOUR, maxBytes: 10_000_000 });
      expect(await getsAfter(handler, clock, 0)).to.equal(1);
      expect(await getsAfter(handler, clock, HOUR - 1)).to.equal(1);
      expect(await getsAfter(handler, clock, 1)).to.equal(2);
    });
  });

  describe('when it leaves keys out', () => {
    it("should take Flyte's defaults for them (24h, 100M), the section being there", () => {
      expect(podsecrets({ cache: { type: 'inmemoryfixedsize' } }).mapped).to.deep.equal({ ttlMs: 24 * HOUR, maxBytes: 100_000_000 });
    });
  });

  describe('when embeddedSecretManagerConfig.cache.ttl or maxBytes is written too', () => {
    it("should let podsecrets' own key win, and the section give the other", () => {
      const config = { cache: { inMemoryFixedSize: { defaultExpiration: '1h', size: '10M' } }, webhook: { embeddedSecretManagerConfig: { cache: { ttl: '2m' } } } };
      expect(podsecrets(config).mapped).to.deep.equal({ ttlMs: 120_000, maxBytes: 10_000_000 });
    });
  });

  describe('when there is no cache section', () => {
    it("should keep podsecrets' own defaults (5m, 16 MiB)", () => {
      expect(podsecrets({}).mapped).to.deep.equal({ ttlMs: 300_000, maxBytes: 16 * 1024 * 1024 });
    });
  });

  describe('when defaultExpiration is 0', () => {
    it('should keep a value until it is invalidated or evicted, as freecache keeps it', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const clock = new TestClock();
      const { handler } = podsecrets({ cache: { inMemoryFixedSize: { defaultExpiration: 0 } } }, clock);
      expect(await getsAfter(handler, clock, 0)).to.equal(1);
      expect(await getsAfter(handler, clock, 10_000 * HOUR)).to.equal(1);
    });
  });

  describe('when type is Redis', () => {
    it('should load, use the in-memory tier as Flyte does, and warn that the Redis tier is not used', () => {
      const { mapped, logger } = podsecrets({ cache: { type: 'Redis', redis: { options: { Addr: 'redis:6379' }, defaultExpiration: '1h' } } });
      expect(mapped.ttlMs).to.equal(24 * HOUR);
      expect(logger.lines.filter((line) => line.includes('"level":"warn"') && line.includes('the Redis tier is not used'))).to.have.length(1);
    });
  });

  describe('when the fixture embedded-cache.yaml (Flyte 2 manager config with a cache section) is loaded', () => {
    it('should map its cache section', () => {
      expect(podsecrets({}, new TestClock(), 'test/fixtures/flyte-configs/embedded-cache.yaml').mapped).to.deep.equal({ ttlMs: HOUR, maxBytes: 10_000_000 });
    });
  });

  describe('when a value is not what Flyte accepts', () => {
    it('should refuse it at start, naming the key', () => {
      for (const [cache, message] of [
        [{ type: 'Memcached' }, 'cache.type: must be one of InMemoryFixedSize, Redis'],
        [{ inMemoryFixedSize: { size: 'big' } }, 'cache.inMemoryFixedSize.size: must be a quantity of bytes'],
        [{ inMemoryFixedSize: { defaultExpiration: '1d' } }, 'cache.inMemoryFixedSize.defaultExpiration: is not a Go duration'],
        [{ ttl: '1h' }, "configuration param 'cache.ttl' not declared in the schema"],
      ] as const) {
        expect(() => podsecrets({ cache }), message).to.throw(ConfigError, message);
      }
    });
  });
});
