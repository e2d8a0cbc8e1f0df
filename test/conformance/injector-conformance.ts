import { expect } from 'chai';
import type { Container, ContainerModule } from 'inversify';
import { applyPatch, type Operation } from 'rfc6902';
import { InjectionError, type InjectionContext, type Pod, type SecretInjector } from '../../core/index.js';
import type { AnnotatedSecretRequest } from '../../core/secret/secret-request.js';
import { decodePodSecretRequests, sameSecretRequest } from '../../core/wire/pod-secret-requests.js';
import { encodeReadableSecretAnnotations, isReadableSecretAnnotation } from '../../core/wire/readable-secret-annotations.js';
import { encodeSecretAnnotations, isSecretAnnotation } from '../../core/wire/secret-annotations.js';
import { PodDraft } from '../../core/pod/pod-draft.js';
import type { Podsecrets } from '../../server/wiring/create-podsecrets.js';
import { expectAcceptablePod } from '../support/acceptable-pod.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { reviewFor } from '../support/pod-builders.js';
import type { RecordingLogger } from '../support/recording-logger.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { type ConformanceCase, conformanceCases } from './conformance-matrix.js';
import type { InjectorFixture } from './injector-fixtures.js';
import { expectSecretsReachContainers } from './secret-reach.js';

export interface InjectorConformanceOptions {
  /** The injector under test: the `secretManagerType` that selects it (any case). */
  readonly type: string;
  /** The plugin modules to load; the shipped ones (server/wiring/plugin-modules.ts) by default. */
  readonly modules?: readonly ContainerModule[];
  /** What the backends need around them (see injector-fixtures.ts); merged in order. */
  readonly fixtures?: readonly InjectorFixture[];
  /** The requests to drive it with; by default the matrix of conformance-matrix.ts plus the fixtures' cases. */
  readonly cases?: readonly ConformanceCase[];
}

/** podsecrets wired so that the injector under test is the one the configuration selects. */
export interface ConformanceHarness {
  readonly podsecrets: Podsecrets & { logger: RecordingLogger };
  readonly injector: SecretInjector;
  readonly secretValues: readonly string[];
  readonly podLabels: Readonly<Record<string, string>>;
}

/** What the injector did with one pod. */
export type ConformanceOutcome =
  { readonly kind: 'injected'; readonly pod: Record<string, unknown>; readonly injections: number } | { readonly kind: 'refused'; readonly secret: AnnotatedSecretRequest; readonly code: string };

export type RequestForm = 'flyte' | 'readable' | 'both';

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(target: Json, source: Readonly<Json>): Json {
  const merged: Json = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = merged[key];
    merged[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

/** Wires podsecrets with the fixtures, configured to select `options.type`. */
export function createConformanceHarness(options: InjectorConformanceOptions): ConformanceHarness {
  const fixtures = options.fixtures ?? [];
  let config: Json = {};
  for (const fixture of fixtures) config = deepMerge(config, fixture.config ?? {});
  config = deepMerge(config, { webhook: { secretManagerType: options.type, secretManagerTypes: [] } });
  const podsecrets = createTestPodsecrets({
    config,
    ...(options.modules !== undefined ? { modules: options.modules } : {}),
    configure: (container: Container) => {
      for (const fixture of fixtures) fixture.configure?.(container);
    },
  });
  const injector = podsecrets.registry.get(options.type);
  expect(podsecrets.mutator.chain.at(-1), 'the injector under test must be the last one tried').to.equal(injector.type);
  return {
    podsecrets,
    injector,
    secretValues: fixtures.flatMap((fixture) => fixture.secretValues ?? []),
    podLabels: Object.assign({}, ...fixtures.map((fixture) => fixture.podLabels ?? {})) as Record<string, string>,
  };
}

/** The pod of `testCase`, asking for its secrets in Flyte's annotations, the readable ones, or both. */
export function conformancePod(harness: ConformanceHarness, testCase: ConformanceCase, form: RequestForm): Pod {
  const flyte = form === 'readable' ? {} : encodeSecretAnnotations(testCase.secrets);
  const readable = form === 'flyte' ? {} : encodeReadableSecretAnnotations(testCase.secrets);
  return podWithSecrets({
    ...testCase.pod,
    labels: { ...harness.podLabels, ...testCase.pod.labels },
    annotations: { ...testCase.pod.annotations, ...flyte, ...readable },
  });
}

/** `pod` without the annotations that ask for secrets, to compare pods asked for in different forms. */
export function withoutRequestAnnotations(pod: Readonly<Json>): Json {
  const copy = structuredClone(pod) as { metadata?: { annotations?: Record<string, string> } };
  const annotations = copy.metadata?.annotations ?? {};
  for (const key of Object.keys(annotations)) {
    if (isSecretAnnotation(key) || isReadableSecretAnnotation(key)) delete annotations[key];
  }
  return copy;
}

function decodePatch(patch: string | undefined): Operation[] {
  return patch === undefined ? [] : (JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as Operation[]);
}

function applied(pod: unknown, patch: readonly Operation[]): Json {
  const copy = structuredClone(pod) as Json;
  const failures = applyPatch(copy, [...patch]).filter((failure) => failure !== null);
  expect(failures, 'JSON Patch operations that failed to apply').to.deep.equal([]);
  return copy;
}

function expectNoSecretValue(harness: ConformanceHarness, texts: readonly string[], where: string): void {
  for (const value of harness.secretValues) {
    for (const text of texts) expect(text.includes(value), `a secret value reached ${where}: ${text}`).to.equal(false);
  }
}

const context = (namespace: string): InjectionContext => ({ namespace, uid: '', dryRun: false, signal: new AbortController().signal });

/**
 * Calls the injector under test directly, as the mutator does, on the secrets of `pod` up to `refused`:
 * the earlier ones must go in, and `refused` must be refused with an {@link InjectionError}.
 */
async function expectTypedRefusal(harness: ConformanceHarness, pod: Pod, refused: AnnotatedSecretRequest): Promise<InjectionError> {
  const draft = new PodDraft(pod);
  for (const secret of decodePodSecretRequests(pod.metadata?.annotations)) {
    const edit = draft.begin();
    // An injector that declines (SecretInjector.decline) must refuse the same way when asked to inject.
    const declined = harness.injector.decline?.(secret, context(pod.metadata?.namespace ?? 'default'));
    try {
      await harness.injector.inject(secret, edit, context(pod.metadata?.namespace ?? 'default'));
    } catch (error) {
      expect(sameSecretRequest(secret, refused), `${harness.injector.type} refused ${secret.source}, which the mutator injected`).to.equal(true);
      if (declined !== undefined) {
        expect([(error as InjectionError).code, (error as InjectionError).message], `${harness.injector.type}'s inject and decline for ${secret.source}`).to.deep.equal([
          declined.code,
          declined.message,
        ]);
      }
      if (!(error instanceof InjectionError)) {
        // The plugin's own error, whole: the mutator keeps it out of the denial, so only this shows what broke.
        const thrown = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
        return expect.fail(`${harness.injector.type} must refuse with an InjectionError, not an unexpected exception; it threw ${thrown}`);
      }
      return error;
    }
    expect(sameSecretRequest(secret, refused), `${harness.injector.type} injected ${secret.source} when called directly, but the mutator says it refused it`).to.equal(false);
    expect(declined?.message, `${harness.injector.type} declined ${secret.source}, which inject injected`).to.equal(undefined);
    draft.apply(edit);
  }
  return expect.fail(`the refused secret ${refused.source} is not among the pod's requests`);
}

/**
 * Admits `pod` and checks the plugin contract on the result. Injected: every secret by the injector under
 * test, the patch applied to the input equals the mutator's pod, which the API server would accept,
 * and which a second pass leaves unchanged; the same input gives the same patch. Refused: the injector
 * threw an InjectionError with a code and a message, and the denial names the backend and the secret.
 * Either way, no secret value reaches a log line, the denial or a warning.
 */
export async function checkConformance(harness: ConformanceHarness, pod: Pod): Promise<ConformanceOutcome> {
  const { handler, logger } = harness.podsecrets;
  const type = harness.injector.type;
  const first = await handler.handle(reviewFor(pod));
  const { response } = first.review;
  expectNoSecretValue(harness, [response.status?.message ?? '', ...(response.warnings ?? [])], 'the admission response');
  expectNoSecretValue(harness, logger.lines, 'a log line');
  const mutation = first.mutation;
  if (response.allowed) {
    expect(mutation?.outcome, 'outcome of a pod that asks for secrets').to.equal('mutated');
    if (mutation?.outcome !== 'mutated') throw new Error('unreachable');
    expect(
      mutation.injections.map((injection) => injection.type),
      'the backends that injected each secret',
    ).to.deep.equal(mutation.injections.map(() => type));
    expect(mutation.injections.length, 'secrets injected').to.equal(decodePodSecretRequests(pod.metadata?.annotations).length);
    const patch = decodePatch(response.patch);
    expect(patch.length, 'an injected secret must change the pod').to.be.greaterThan(0);
    const output = applied(pod, patch);
    expect(output, 'the patch applied to the input must equal the mutated pod').to.deep.equal(mutation.pod);
    expectAcceptablePod(output);
    expectSecretsReachContainers(type, pod, output);
    const second = await handler.handle(reviewFor(output));
    expect(second.review.response.allowed, second.review.response.status?.message).to.equal(true);
    expect(decodePatch(second.review.response.patch), 'a second pass must change nothing').to.deep.equal([]);
    const again = await handler.handle(reviewFor(pod));
    expect(decodePatch(again.review.response.patch), 'the same input must give the same patch').to.deep.equal(patch);
    expectNoSecretValue(harness, logger.lines, 'a log line');
    return { kind: 'injected', pod: output, injections: mutation.injections.length };
  }
  expect(first.outcome, `outcome of a refused pod: ${response.status?.message ?? ''}`).to.equal('denied');
  if (mutation?.outcome !== 'denied' || mutation.secret === undefined) return expect.fail(`the pod was denied before any backend was tried: ${response.status?.message ?? ''}`);
  const secret = mutation.secret as AnnotatedSecretRequest;
  const failure = mutation.failures.find((candidate) => candidate.type === type);
  expect(failure, `${type} must have been tried for ${secret.source}`).to.not.equal(undefined);
  // First the direct call, which shows what the injector threw when it was no InjectionError.
  const error = await expectTypedRefusal(harness, pod, secret);
  expect(failure!.code, `${type} must refuse with an InjectionError, not an unexpected exception`).to.not.equal('InternalError');
  expect(failure!.code, 'the refusal code').to.match(/^[A-Za-z][A-Za-z0-9]*$/);
  expect(failure!.message.trim(), 'the refusal message').to.not.equal('');
  const denial = response.status?.message ?? '';
  expect(denial, 'the denial must name the backend').to.include(`${type}: [${failure!.code}]`);
  expect(denial, 'the denial must name the secret').to.include(secret.source);
  expect(error.code, 'the code the mutator reports').to.equal(failure!.code);
  expect(error.message.trim(), 'the InjectionError message').to.not.equal('');
  expectNoSecretValue(harness, [error.message], 'an InjectionError message');
  return { kind: 'refused', secret, code: error.code };
}

function expectSameOutcome(actual: ConformanceOutcome, expected: ConformanceOutcome, what: string): void {
  expect(actual.kind, what).to.equal(expected.kind);
  if (actual.kind === 'injected' && expected.kind === 'injected') {
    expect(withoutRequestAnnotations(actual.pod), `${what}: the pod`).to.deep.equal(withoutRequestAnnotations(expected.pod));
    expect(actual.injections, `${what}: secrets injected`).to.equal(expected.injections);
  } else if (actual.kind === 'refused' && expected.kind === 'refused') {
    expect(actual.code, `${what}: refusal code`).to.equal(expected.code);
    expect(sameSecretRequest(actual.secret, expected.secret), `${what}: the refused secret`).to.equal(true);
  }
}

/** The requests the suite drives an injector with: `options.cases`, or the matrix plus the fixtures' cases. */
export function conformanceCasesOf(options: InjectorConformanceOptions): ConformanceCase[] {
  return [...(options.cases ?? [...conformanceCases(), ...(options.fixtures ?? []).flatMap((fixture) => fixture.cases ?? [])])];
}

/**
 * The plugin conformance suite for one injector: every request of the matrix, asked in Flyte's
 * annotations, in the readable ones, and both ways at once, must be injected or refused by the contract
 * ({@link checkConformance}), the same way in every form, and at least one request must be injected.
 */
export function describeInjectorConformance(options: InjectorConformanceOptions): void {
  const cases = conformanceCasesOf(options);
  describe(`SecretInjector conformance: ${options.type}`, () => {
    for (const testCase of cases) {
      describe(`when a pod asks for ${testCase.title}`, () => {
        it('should inject it or refuse it by the contract, asked in Flyte annotations', async () => {
          const harness = createConformanceHarness(options);
          await checkConformance(harness, conformancePod(harness, testCase, 'flyte'));
        });

        it('should do the same with the readable annotations, and once when asked both ways', async () => {
          const harness = createConformanceHarness(options);
          const flyte = await checkConformance(harness, conformancePod(harness, testCase, 'flyte'));
          const readable = await checkConformance(createConformanceHarness(options), conformancePod(harness, testCase, 'readable'));
          expectSameOutcome(readable, flyte, 'readable annotations compared with Flyte annotations');
          const both = await checkConformance(createConformanceHarness(options), conformancePod(harness, testCase, 'both'));
          expectSameOutcome(both, flyte, 'both forms compared with Flyte annotations alone');
        });
      });
    }

    it('should inject at least one request of the matrix', async () => {
      const kinds: string[] = [];
      for (const testCase of cases) {
        const harness = createConformanceHarness(options);
        kinds.push((await checkConformance(harness, conformancePod(harness, testCase, 'flyte'))).kind);
      }
      expect(kinds, 'a backend that refuses every request cannot be told apart from a broken one').to.include('injected');
    });
  });
}
