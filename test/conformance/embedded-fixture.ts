import { type Container, injectable } from 'inversify';
import { SecretFetcher } from '../../core/index.js';

// The one value the conformance fetcher holds: it must reach no log line, denial or warning.
const CONFORMANCE_VALUE = 'conformance-embedded-value:5d1e8b';

/** A backend for Embedded mode's conformance run: it holds every id, always with the same value. */
@injectable()
class ConformanceSecretFetcher implements SecretFetcher {
  readonly type = 'Conformance';
  async fetch(): Promise<string> {
    return CONFORMANCE_VALUE;
  }
}

/**
 * What the conformance suite needs to drive the Embedded injector (the shape of injector-fixtures.ts's
 * BackendFixtures, kept structural so this file stands alone): Flyte's scope labels on every pod, and
 * a fetcher that holds the matrix's secrets. plainText delivery, so no Kubernetes API is needed.
 */
export const embeddedFixtures = {
  subject: () => ({
    config: { webhook: { embeddedSecretManagerConfig: { type: 'Conformance', valueDelivery: 'plainText', organization: 'acme' } } },
    configure: (container: Container) => {
      container.bind(ConformanceSecretFetcher).toSelf();
      container.bind(SecretFetcher).toService(ConformanceSecretFetcher);
    },
    secretValues: [CONFORMANCE_VALUE],
    // The conformance pods live in namespace team-a: the scope whose labels render to it.
    podLabels: { organization: 'acme', project: 'team', domain: 'a' },
  }),
};
