import { expect } from 'chai';
import { type ContainerResources, containerResourcesSpec } from '../../../core/index.js';
import { containerResourcesProblems, mergeContainerResources, undeclaredResourceClaims } from '../../../core/pod/container-resources.js';

const DEFAULTS: ContainerResources = { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } };

describe('mergeContainerResources', () => {
  describe('when a requests or limits map is given', () => {
    it("should replace the default map whole, as Flyte's decoder zeroes the field before decoding", () => {
      expect(mergeContainerResources(DEFAULTS, { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } })).to.deep.equal({
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { memory: '1Gi' },
      });
    });

    it('should keep the other map, and not add a default quantity to a partial map', () => {
      expect(mergeContainerResources(DEFAULTS, { requests: { cpu: '50m' } })).to.deep.equal({ requests: { cpu: '50m' }, limits: { cpu: '200m', memory: '500Mi' } });
    });
  });

  describe('when a map is empty, null or absent', () => {
    it("should keep the default, as Flyte's loader drops keys without a value", () => {
      for (const given of [{}, { requests: {} }, { requests: null }, { limits: undefined }, undefined]) {
        expect(mergeContainerResources(DEFAULTS, given), JSON.stringify(given)).to.deep.equal(DEFAULTS);
      }
    });
  });

  describe('when claims are given', () => {
    it('should keep them, each a copy', () => {
      const claims = [{ name: 'gpu' }, { name: 'fpga', request: 'small' }];
      const merged = mergeContainerResources(DEFAULTS, { claims });
      expect(merged.claims).to.deep.equal(claims);
      expect(merged.claims?.[0]).to.not.equal(claims[0]);
    });
  });
});

describe('containerResourcesProblems', () => {
  describe('when the value is what Flyte accepts and the API server would too', () => {
    it('should find nothing in the common "no CPU limit" setting or in claims', () => {
      expect(containerResourcesProblems({ requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } }, DEFAULTS)).to.deep.equal([]);
      expect(containerResourcesProblems({ claims: [{ name: 'gpu', request: 'one' }] }, DEFAULTS)).to.deep.equal([]);
    });
  });

  describe('when a claim is malformed', () => {
    it('should name the entry and say what is accepted', () => {
      expect(containerResourcesProblems({ claims: { name: 'gpu' } }, DEFAULTS)).to.deep.equal(['claims must be a list of {name, request}, e.g. [{name: gpu}]']);
      expect(containerResourcesProblems({ claims: [{ name: 'GPU' }, 'gpu', { name: 'a', size: 1 }, { name: 'b', request: 'X_' }, { name: 'a' }] }, DEFAULTS)).to.deep.equal([
        'claims[0].name: "GPU" must name one of the pod\'s spec.resourceClaims (a DNS label)',
        'claims[1] must be a mapping {name, request}',
        'claims[2]: unknown field "size" (accepted: name, request)',
        'claims[3].request: "X_" must be a DNS label',
        'claims[4]: claim "a" is listed twice',
      ]);
    });
  });

  describe('when the merged requests exceed the merged limits', () => {
    it('should refuse it as the API server would', () => {
      expect(containerResourcesProblems({ limits: { cpu: '100m' } }, DEFAULTS)).to.deep.equal(['requests.cpu (200m) is above limits.cpu (100m); the API server refuses such a container']);
    });
  });
});

describe('containerResourcesSpec', () => {
  describe('when a map is empty', () => {
    it("should leave it out, as Go's omitempty does, and copy claims", () => {
      expect(containerResourcesSpec({ requests: { cpu: '1' }, limits: {}, claims: [{ name: 'gpu' }] })).to.deep.equal({ requests: { cpu: '1' }, claims: [{ name: 'gpu' }] });
    });
  });
});

describe('undeclaredResourceClaims', () => {
  describe('when the pod does not declare a configured claim', () => {
    it('should name it', () => {
      const resources = { ...DEFAULTS, claims: [{ name: 'gpu' }, { name: 'fpga' }] };
      expect(undeclaredResourceClaims(resources, [{ name: 'gpu', resourceClaimName: 'gpu-claim' }])).to.deep.equal(['fpga']);
      expect(undeclaredResourceClaims(resources, undefined)).to.deep.equal(['gpu', 'fpga']);
    });
  });
});
