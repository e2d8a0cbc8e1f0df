import { expect } from 'chai';
import fc from 'fast-check';
import { applyPatch } from 'rfc6902';
import { diffJson, jsonEqual } from '../../../core/admission/json-patch-diff.js';

function patched(before: unknown, after: unknown): unknown {
  const document = { root: structuredClone(before) };
  const operations = diffJson(before, after).map((operation) => ({ ...operation, path: `/root${operation.path}`, ...('from' in operation ? { from: `/root${operation.from}` } : {}) }));
  const failures = applyPatch(document, operations).filter((failure) => failure !== null);
  expect(failures, 'operations that failed to apply').to.deep.equal([]);
  return document.root;
}

// rfc6902's applyPatch copies values through plain objects, which drops an own "__proto__" key: such
// values would test the applier, not the diff.
const json = (): fc.Arbitrary<unknown> => fc.jsonValue().filter((value) => !JSON.stringify(value).includes('"__proto__"'));

// Pairs of values where the second is the first with edits of the kinds podsecrets makes, so that
// the shared-subtree and list paths of the diff are exercised, not only "everything differs".
const edited = json().chain((before) =>
  fc.tuple(fc.constant(before), json(), fc.nat(), fc.nat()).map(([, extra, at, count]) => {
    const after = structuredClone<unknown>(before);
    if (Array.isArray(after)) after.splice(at % (after.length + 1), count % 3, extra, extra);
    else if (typeof after === 'object' && after !== null) (after as Record<string, unknown>)[`k/${at % 4}~`] = extra;
    return [before, after] as const;
  }),
);

describe('diffJson', () => {
  describe('when applied with rfc6902 to the first value', () => {
    it('should give the second for any two JSON values', () => {
      fc.assert(
        fc.property(json(), json(), (before, after) => {
          expect(patched(before, after)).to.deep.equal(after);
        }),
        { numRuns: 500 },
      );
    });

    it('should give the second for values edited by insertions, removals and new keys', () => {
      fc.assert(
        fc.property(edited, ([before, after]) => {
          expect(patched(before, after)).to.deep.equal(after);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('when the values are equal', () => {
    it('should return no operation, whether or not they are the same object', () => {
      const pod = { spec: { containers: [{ name: 'main', env: [{ name: 'A', value: '1' }] }] } };
      expect(diffJson(pod, pod)).to.deep.equal([]);
      expect(diffJson(pod, structuredClone(pod))).to.deep.equal([]);
    });
  });

  describe('when entries are put in front of a list', () => {
    it('should add them at their indices and leave the rest alone', () => {
      const own = { name: 'OWN', value: 'x' };
      const before = { env: [own] };
      const after = { env: [{ name: 'S1', value: '1' }, { name: 'S2', value: '2' }, own] };
      expect(diffJson(before, after)).to.deep.equal([
        { op: 'add', path: '/env/0', value: { name: 'S1', value: '1' } },
        { op: 'add', path: '/env/1', value: { name: 'S2', value: '2' } },
      ]);
    });

    it('should leave a list of several entries alone too, matching it from its end', () => {
      const own = [
        { name: 'A', value: 'a' },
        { name: 'B', value: 'b' },
        { name: 'C', value: 'c' },
      ];
      const after = { env: [{ name: 'S1', value: '1' }, ...structuredClone(own)] };
      expect(diffJson({ env: own }, after)).to.deep.equal([{ op: 'add', path: '/env/0', value: { name: 'S1', value: '1' } }]);
    });
  });

  describe('when entries are appended to a list', () => {
    it('should add them at the end, even when they repeat the entries before them', () => {
      const mount = { name: 'secrets', mountPath: '/etc/secrets' };
      expect(diffJson({ mounts: [mount] }, { mounts: [mount, mount] })).to.deep.equal([{ op: 'add', path: '/mounts/1', value: mount }]);
      expect(diffJson([1, 2], [1, 2, 1, 2])).to.deep.equal([
        { op: 'add', path: '/2', value: 1 },
        { op: 'add', path: '/3', value: 2 },
      ]);
    });
  });

  describe('when one new object is put in several places', () => {
    it('should add it once and copy it from there to the others', () => {
      const secret = { name: 'S', valueFrom: { secretKeyRef: { name: 'g', key: 'k' } } };
      const own = { name: 'OWN', value: 'x' };
      const before = { containers: [{ env: [own] }, { env: [] }, {}] };
      const after = { containers: [{ env: [secret, own] }, { env: [secret] }, { env: [secret] }] };
      expect(diffJson(before, after)).to.deep.equal([
        { op: 'add', path: '/containers/0/env/0', value: secret },
        { op: 'copy', from: '/containers/0/env/0', path: '/containers/1/env/0' },
        { op: 'add', path: '/containers/2/env', value: [secret] },
      ]);
      expect(patched(before, after)).to.deep.equal(after);
    });

    it('should not copy what the first value already held, nor a string', () => {
      const mount = { name: 'secrets', mountPath: '/etc/secrets' };
      expect(diffJson({ a: [mount], b: [] }, { a: [mount], b: [mount], c: 'x', d: 'x' })).to.deep.equal([
        { op: 'add', path: '/b/0', value: mount },
        { op: 'add', path: '/c', value: 'x' },
        { op: 'add', path: '/d', value: 'x' },
      ]);
    });
  });

  describe('when a key holds "/" or "~"', () => {
    it('should escape them in the path as RFC 6901 says', () => {
      expect(diffJson({ annotations: {} }, { annotations: { 'flyte.secrets/s0': 'a', 'x~y': 'b' } })).to.deep.equal([
        { op: 'add', path: '/annotations/flyte.secrets~1s0', value: 'a' },
        { op: 'add', path: '/annotations/x~0y', value: 'b' },
      ]);
    });
  });

  describe('when a key is set to undefined', () => {
    it('should treat it as absent, as JSON.stringify does', () => {
      expect(diffJson({ a: 1 }, { a: 1, b: undefined })).to.deep.equal([]);
      expect(diffJson({ a: 1 }, { a: undefined })).to.deep.equal([{ op: 'remove', path: '/a' }]);
    });

    it('should treat it as absent in the first value too: nothing to remove, and a value there is added', () => {
      expect(diffJson({ a: 1, b: undefined }, { a: 1 })).to.deep.equal([]);
      expect(diffJson({ b: undefined }, { b: 1 })).to.deep.equal([{ op: 'add', path: '/b', value: 1 }]);
    });
  });
});

describe('jsonEqual', () => {
  describe('when objects hold the same keys in another order', () => {
    it('should find them equal, and unequal once a value differs', () => {
      expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).to.equal(true);
      expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 3 }], a: 1 })).to.equal(false);
      expect(jsonEqual([1], { 0: 1 })).to.equal(false);
    });
  });

  describe('when an object has the index keys of a list', () => {
    it('should still tell them apart, in either order, and diffJson should replace one with the other', () => {
      expect(jsonEqual({ 0: 1 }, [1])).to.equal(false);
      expect(jsonEqual([1], { 0: 1 })).to.equal(false);
      expect(diffJson({ a: { 0: 'x' } }, { a: ['x'] })).to.deep.equal([{ op: 'replace', path: '/a', value: ['x'] }]);
    });
  });

  describe('when a key is set to undefined on either side', () => {
    it('should treat it as absent, as JSON.stringify does', () => {
      expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).to.equal(true);
      expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).to.equal(true);
      expect(jsonEqual({ a: 1, b: undefined }, { a: 1, b: 2 })).to.equal(false);
    });
  });
});
