import { expect } from 'chai';
import { assertPodShape } from '../../../core/pod/assert-pod-shape.js';
import { PodShapeError } from '../../../core/pod/pod-shape-error.js';

function shapeError(value: unknown): PodShapeError {
  try {
    assertPodShape(value);
  } catch (error) {
    expect(error).to.be.instanceOf(PodShapeError);
    return error as PodShapeError;
  }
  expect.fail('assertPodShape accepted the value');
}

const container = { name: 'main', image: 'busybox' };
const withSpec = (spec: Record<string, unknown>, metadata?: unknown): unknown => ({ kind: 'Pod', ...(metadata !== undefined ? { metadata } : {}), spec: { containers: [container], ...spec } });

describe('assertPodShape', () => {
  describe('when the pod has every field podsecrets reads in the right shape', () => {
    it('should accept it, with or without the optional fields', () => {
      expect(() => assertPodShape({ spec: { containers: [{ name: 'a' }] } })).not.to.throw();
      expect(() =>
        assertPodShape(
          withSpec(
            {
              initContainers: [{ name: 'i', env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'v', mountPath: '/m' }] }],
              volumes: [
                { name: 'v', secret: { secretName: 's', items: [{ key: 'k', path: 'k' }] } },
                { name: 'e', emptyDir: {} },
              ],
              imagePullSecrets: [{ name: 'r' }],
              ephemeralContainers: 'not read',
            },
            { labels: { a: 'b' }, annotations: { c: 'd' } },
          ),
        ),
      ).not.to.throw();
    });
  });

  describe('when the shape is wrong', () => {
    const cases: [string, unknown, string, string][] = [
      ['the object is not an object', [], 'object', 'expected an object, got an array'],
      ['the kind is not Pod', { kind: 'Deployment', spec: { containers: [container] } }, 'kind', 'expected "Pod", got "Deployment"'],
      ['metadata is not an object', withSpec({}, 'x'), 'metadata', 'expected an object, got a string'],
      ['an annotation is not a string', withSpec({}, { annotations: { 'flyte.secrets/s0': 5 } }), 'metadata.annotations["flyte.secrets/s0"]', 'expected a string, got a number'],
      ['labels are a list', withSpec({}, { labels: [] }), 'metadata.labels', 'expected an object, got an array'],
      ['spec is missing', { kind: 'Pod' }, 'spec', 'expected an object, got nothing'],
      ['there are no containers', { spec: { containers: [] } }, 'spec.containers', 'is required: a list with at least one entry'],
      ['containers is absent', { spec: {} }, 'spec.containers', 'is required: a list with at least one entry'],
      ['a container is null', { spec: { containers: [null] } }, 'spec.containers[0]', 'expected an object, got null'],
      ['a container has no name', { spec: { containers: [{ image: 'x' }] } }, 'spec.containers[0].name', 'expected a string, got nothing'],
      ['env is an object', withSpec({ initContainers: [{ name: 'i', env: {} }] }), 'spec.initContainers[0].env', 'expected a list, got an object'],
      ['an env entry has a numeric name', { spec: { containers: [{ name: 'a', env: [{ name: 1 }] }] } }, 'spec.containers[0].env[0].name', 'expected a string, got a number'],
      ['a mount has no mountPath', { spec: { containers: [{ name: 'a', volumeMounts: [{ name: 'v' }] }] } }, 'spec.containers[0].volumeMounts[0].mountPath', 'expected a string, got nothing'],
      ['volumes is a string', withSpec({ volumes: 'v' }), 'spec.volumes', 'expected a list, got a string'],
      ['a secret volume source is a string', withSpec({ volumes: [{ name: 'v', secret: 's' }] }), 'spec.volumes[0].secret', 'expected an object, got a string'],
      ['a secretName is a number', withSpec({ volumes: [{ name: 'v', secret: { secretName: 1 } }] }), 'spec.volumes[0].secret.secretName', 'expected a string, got a number'],
      ['secret items are an object', withSpec({ volumes: [{ name: 'v', secret: { secretName: 's', items: {} } }] }), 'spec.volumes[0].secret.items', 'expected a list, got an object'],
      ['a secret item has no path', withSpec({ volumes: [{ name: 'v', secret: { items: [{ key: 'k' }] } }] }), 'spec.volumes[0].secret.items[0].path', 'expected a string, got nothing'],
      ['an image pull secret has no name', withSpec({ imagePullSecrets: [{}] }), 'spec.imagePullSecrets[0].name', 'expected a string, got nothing'],
    ];
    for (const [when, value, field, problem] of cases) {
      it(`should name the field when ${when}`, () => {
        const error = shapeError(value);
        expect(error.field).to.equal(field);
        expect(error.problem).to.equal(problem);
        expect(error.message).to.equal(`pod field ${field}: ${problem}`);
      });
    }
  });
});
