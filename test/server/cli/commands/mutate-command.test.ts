import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { applyPatch, type Operation } from 'rfc6902';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { MountRequirement } from '../../../../core/index.js';
import type { AdmissionReviewResponse } from '../../../../core/admission/admission-review.js';
import { expectAcceptablePod } from '../../../support/acceptable-pod.js';
import { admit } from '../../../support/admit.js';
import { expectExamplePodMutated } from '../../../support/example-pod.js';
import { runCli } from '../../../../server/cli/cli.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';
import { reviewFor } from '../../../support/pod-builders.js';
import { repoPath } from '../../../support/repo-path.js';
import { expectStable, handler, type Json, mutated, NO_ENV, pod, SECRETS } from './mutate-fixtures.js';

function yamlStream(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => document.toJS() as unknown);
}

describe('podsecrets mutate', () => {
  describe('when given a Pod', () => {
    it('should write the mutated pod as YAML for YAML in, reading the file given with -f', async () => {
      const file = repoPath('docs/examples/pod.yaml');
      const io = new FakeCliIo({ files: { [file]: readFileSync(file, 'utf8') } });
      expect(await runCli(['mutate', '-f', file], io, NO_ENV), io.err).to.equal(0);
      expect(io.err).to.equal('');
      const output = parseYaml(io.out) as Json;
      expect(output).to.deep.equal(await mutated(parseYaml(readFileSync(file, 'utf8'))));
      expectAcceptablePod(output);
      await expectStable(io.out);
    });

    it('should write JSON for JSON in, reading standard input without -f', async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify(pod('task')) });
      expect(await runCli(['mutate'], io, NO_ENV), io.err).to.equal(0);
      expect(io.out).to.equal(`${JSON.stringify(await mutated(pod('task')), null, 2)}\n`);
      expectAcceptablePod(JSON.parse(io.out));
      await expectStable(io.out);
    });

    it("should read standard input for '-f -'", async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify(pod('task')) });
      expect(await runCli(['mutate', '-f', '-'], io, NO_ENV), io.err).to.equal(0);
      expect(JSON.parse(io.out)).to.deep.equal(await mutated(pod('task')));
    });

    it('should convert with -o: JSON in, YAML out, and YAML in, JSON out', async () => {
      const toYaml = new FakeCliIo({ stdin: JSON.stringify(pod('task')) });
      expect(await runCli(['mutate', '-o', 'yaml'], toYaml, NO_ENV), toYaml.err).to.equal(0);
      expect(toYaml.out.trimStart().startsWith('{')).to.equal(false);
      expect(parseYaml(toYaml.out)).to.deep.equal(await mutated(pod('task')));

      const toJson = new FakeCliIo({ stdin: toYaml.out });
      expect(await runCli(['mutate', '--output', 'json'], toJson, NO_ENV), toJson.err).to.equal(0);
      expect(toJson.out).to.equal(`${JSON.stringify(await mutated(pod('task')), null, 2)}\n`);
    });

    it('should write the JSON Patch instead with --patch', async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify(pod('task')) });
      expect(await runCli(['mutate', '--patch'], io, NO_ENV), io.err).to.equal(0);
      const expected = (await admit(handler, pod('task'))).patch;
      expect(expected).to.have.length.greaterThan(0);
      expect(JSON.parse(io.out)).to.deep.equal(expected);
    });

    it('should write an empty patch for a pod that asks for no secret, and the pod unchanged', async () => {
      const plain = pod('plain', []);
      const patch = new FakeCliIo({ stdin: JSON.stringify(plain) });
      expect(await runCli(['mutate', '--patch'], patch, NO_ENV), patch.err).to.equal(0);
      expect(JSON.parse(patch.out)).to.deep.equal([]);
      const same = new FakeCliIo({ stdin: JSON.stringify(plain) });
      expect(await runCli(['mutate'], same, NO_ENV), same.err).to.equal(0);
      expect(JSON.parse(same.out)).to.deep.equal(plain);
    });
  });

  describe('when the YAML relies on how kubectl reads it (YAML 1.1, as go-yaml v2)', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: modes',
      '  labels:',
      '    inject-flyte-secrets: "true"',
      '    enabled: "on"',
      '    at: 12:30',
      '    day: 2024-01-02',
      `  annotations: ${JSON.stringify((pod('modes')['metadata'] as { annotations: unknown }).annotations)}`,
      'spec:',
      '  containers:',
      '    - name: main',
      '      image: busybox',
      '      env: [{ name: FLAG, value: "yes" }]',
      '      volumeMounts: [{ name: config, mountPath: /config }]',
      '  volumes:',
      '    - name: config',
      '      configMap: { name: config, defaultMode: 0440 }',
      '',
    ].join('\n');

    it('should read 0440 as octal and leave times and dates as strings, as kubectl does', async () => {
      const io = new FakeCliIo({ stdin: text });
      expect(await runCli(['mutate', '-o', 'json'], io, NO_ENV), io.err).to.equal(0);
      const output = JSON.parse(io.out) as { metadata: { labels: Json }; spec: { volumes: Json[] } };
      expect(output.spec.volumes[0]).to.deep.equal({ name: 'config', configMap: { name: 'config', defaultMode: 0o440 } });
      expect(output.metadata.labels).to.deep.equal({ 'inject-flyte-secrets': 'true', enabled: 'on', at: '12:30', day: '2024-01-02' });
      expectAcceptablePod(output);
    });

    it('should quote the strings kubectl would read as booleans, so that its output reads back the same', async () => {
      const io = new FakeCliIo({ stdin: text });
      expect(await runCli(['mutate'], io, NO_ENV), io.err).to.equal(0);
      expect(io.out).to.include('    enabled: "on"\n');
      expect(io.out).to.include('          value: "yes"\n');
      expect(io.out).to.include('        defaultMode: 288\n');
      await expectStable(io.out);
    });
  });

  describe('when given a List of Pods', () => {
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [pod('first'), pod('second', [SECRETS[0]!])] };

    it('should write the List with every item mutated', async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify(list) });
      expect(await runCli(['mutate'], io, NO_ENV), io.err).to.equal(0);
      const output = JSON.parse(io.out) as { items: Json[] };
      expect(output).to.deep.equal({ ...list, items: [await mutated(list.items[0]), await mutated(list.items[1])] });
      for (const item of output.items) expectAcceptablePod(item);
      await expectStable(io.out);
    });

    it('should write one patch per item with --patch', async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify(list) });
      expect(await runCli(['mutate', '--patch'], io, NO_ENV), io.err).to.equal(0);
      expect(JSON.parse(io.out)).to.deep.equal([(await admit(handler, list.items[0])).patch, (await admit(handler, list.items[1])).patch]);
    });

    it('should refuse an item that is not a Pod with exit code 2, naming it', async () => {
      const io = new FakeCliIo({ stdin: JSON.stringify({ ...list, items: [pod('first'), { apiVersion: 'v1', kind: 'Secret' }] }) });
      expect(await runCli(['mutate'], io, NO_ENV)).to.equal(2);
      expect(io.out).to.equal('');
      expect(io.err).to.equal('podsecrets mutate: standard input.items[1]: expected kind Pod, got kind "Secret"\n');
    });
  });

  describe('when given a multi-document YAML stream', () => {
    const stream = `# two pods\n---\n${JSON.stringify(pod('first'))}\n---\n---\n${JSON.stringify(pod('second'))}\n`;

    it('should write a stream of the mutated pods, skipping empty documents', async () => {
      const io = new FakeCliIo({ stdin: stream });
      expect(await runCli(['mutate'], io, NO_ENV), io.err).to.equal(0);
      const output = yamlStream(io.out);
      expect(output).to.deep.equal([await mutated(pod('first')), await mutated(pod('second'))]);
      for (const item of output) expectAcceptablePod(item);
      await expectStable(io.out);
    });

    it('should write a List with -o json', async () => {
      const io = new FakeCliIo({ stdin: stream });
      expect(await runCli(['mutate', '-o', 'json'], io, NO_ENV), io.err).to.equal(0);
      expect(JSON.parse(io.out)).to.deep.equal({ apiVersion: 'v1', kind: 'List', items: [await mutated(pod('first')), await mutated(pod('second'))] });
    });

    it('should write a stream of patches with --patch', async () => {
      const io = new FakeCliIo({ stdin: stream });
      expect(await runCli(['mutate', '--patch'], io, NO_ENV), io.err).to.equal(0);
      expect(yamlStream(io.out)).to.deep.equal([(await admit(handler, pod('first'))).patch, (await admit(handler, pod('second'))).patch]);
    });
  });

  describe('when given an AdmissionReview', () => {
    it('should write the AdmissionReview response, in the request version, with the uid', async () => {
      const file = repoPath('docs/examples/admission-review.json');
      const text = readFileSync(file, 'utf8');
      const io = new FakeCliIo({ files: { [file]: text } });
      expect(await runCli(['mutate', '-f', file], io, NO_ENV), io.err).to.equal(0);
      const expected = await handler.handle(JSON.parse(text));
      expect(JSON.parse(io.out)).to.deep.equal(expected.review);
      const { response } = JSON.parse(io.out) as AdmissionReviewResponse;
      expect(response).to.include({ uid: '3f1c2a7e-0d4b-4c55-9a0e-7d1f2b9c8e61', allowed: true });
      const examplePod = structuredClone((JSON.parse(text) as { request: { object: Json } }).request.object);
      const patch = JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8')) as Operation[];
      expect(applyPatch(examplePod, patch).filter((failure) => failure !== null)).to.deep.equal([]);
      expectExamplePodMutated(examplePod);
      await expectStable(`${JSON.stringify(examplePod, null, 2)}\n`);
    });

    it('should answer a v1beta1 review given as YAML in YAML, and its patch with --patch', async () => {
      const review = reviewFor(pod('task'), { apiVersion: 'admission.k8s.io/v1beta1', uid: 'beta' });
      const io = new FakeCliIo({ stdin: JSON.stringify(review).replace(/^\{/, '{ ') });
      const yamlIo = new FakeCliIo({ stdin: JSON.stringify(review) });
      expect(await runCli(['mutate', '-o', 'yaml'], yamlIo, NO_ENV), yamlIo.err).to.equal(0);
      const answer = parseYaml(yamlIo.out) as AdmissionReviewResponse;
      expect(answer.apiVersion).to.equal('admission.k8s.io/v1beta1');
      expect(answer.response.uid).to.equal('beta');
      expect(await runCli(['mutate', '--patch'], io, NO_ENV), io.err).to.equal(0);
      const patch = JSON.parse(io.out) as Operation[];
      expect(patch).to.deep.equal((await admit(handler, pod('task'))).patch);
    });

    it('should refuse a review without a uid with exit code 2, naming the field', async () => {
      const review = reviewFor(pod('task'));
      delete (review['request'] as Json)['uid'];
      const io = new FakeCliIo({ stdin: JSON.stringify(review) });
      expect(await runCli(['mutate'], io, NO_ENV)).to.equal(2);
      expect(io.out).to.equal('');
      expect(io.err).to.equal('podsecrets mutate: standard input: not an AdmissionReview podsecrets can answer: request.uid: expected a non-empty string, got undefined\n');
    });

    it('should refuse a review whose object is not a pod with exit code 2, naming the field', async () => {
      const review = reviewFor({ ...pod('task'), spec: { containers: 'main' } });
      const io = new FakeCliIo({ stdin: JSON.stringify(review) });
      expect(await runCli(['mutate'], io, NO_ENV)).to.equal(2);
      expect(io.err).to.equal('podsecrets mutate: standard input: pod field spec.containers: expected a list, got a string\n');
    });
  });

  describe('when a pod is denied', () => {
    it('should exit 1 with the reason on stderr, still writing every document', async () => {
      const denied = pod('denied', [{ group: 'Not_A_Secret_Name', key: 'k', mountRequirement: MountRequirement.ANY }]);
      const io = new FakeCliIo({ stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod('fine'), denied] }) });
      expect(await runCli(['mutate'], io, NO_ENV)).to.equal(1);
      const output = JSON.parse(io.out) as { items: Json[] };
      expect(output.items).to.deep.equal([await mutated(pod('fine')), denied]);
      expect(io.err).to.match(/^standard input\.items\[1\]: denied: .*Not_A_Secret_Name.*\n$/);
    });

    it('should exit 1 for a denied AdmissionReview, writing the denial', async () => {
      const review = reviewFor(pod('denied', [{ group: 'Not_A_Secret_Name', key: 'k', mountRequirement: MountRequirement.ANY }]), { uid: 'no' });
      const io = new FakeCliIo({ stdin: JSON.stringify(review) });
      expect(await runCli(['mutate'], io, NO_ENV)).to.equal(1);
      expect((JSON.parse(io.out) as AdmissionReviewResponse).response).to.include({ uid: 'no', allowed: false });
      expect(io.err).to.match(/^standard input: denied: .*Not_A_Secret_Name/);
    });
  });
});
