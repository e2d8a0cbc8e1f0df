import { expect } from 'chai';
import { BackendTelemetry } from '../../../core/index.js';
import { AdmissionMetrics } from '../../../server/runtime/admission-metrics.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

describe('webhookModule', () => {
  describe('when podsecrets is wired', () => {
    it("should make the server's metrics the one BackendTelemetry, so backends' reports reach /metrics", async () => {
      const { container } = createTestPodsecrets();
      const metrics = container.get(AdmissionMetrics);
      expect(container.get(BackendTelemetry)).to.equal(metrics);
      container.get<BackendTelemetry>(BackendTelemetry).cacheLookup('K8s', true);
      expect(await metrics.registry.metrics()).to.match(/^podsecrets_backend_cache_lookups_total\{backend="K8s",result="hit"\} 1$/m);
    });
  });
});
