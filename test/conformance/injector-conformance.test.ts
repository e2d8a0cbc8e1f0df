import { expect } from 'chai';
import { ContainerModule, inject, injectable, type Newable } from 'inversify';
import { InjectionError, InjectionErrorCode, Logger, MountRequirement, type PodEdit, SecretInjector, type SecretRequest, secretRequest } from '../../core/index.js';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import type { ConformanceCase } from './conformance-matrix.js';
import { checkConformance, conformanceCasesOf, conformancePod, createConformanceHarness, type InjectorConformanceOptions } from './injector-conformance.js';
import { conformanceCases } from './conformance-matrix.js';
import { fixturesFor } from './injector-fixtures.js';

const LEAKED = 'hunter2-leaked-value';

function moduleOf(injector: Newable<SecretInjector>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(injector).toSelf().inSingletonScope();
    bind(SecretInjector).toService(injector);
  });
}

function fileSecret(): ConformanceCase {
  return { title: 'one file', secrets: [secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE })], pod: {} };
}

async function failureOf(options: InjectorConformanceOptions, testCase: ConformanceCase = fileSecret()): Promise<string> {
  const harness = createConformanceHarness(options);
  try {
    await checkConformance(harness, conformancePod(harness, testCase, 'flyte'));
  } catch (error) {
    return (error as Error).message;
  }
  return expect.fail('the conformance check passed a broken injector');
}

@injectable()
class ThrowsPlainError implements SecretInjector {
  readonly type = 'Broken';
  inject(): void {
    throw new Error('boom');
  }
}

@injectable()
class RefusesSilently implements SecretInjector {
  readonly type = 'Broken';
  inject(): void {
    throw new InjectionError(InjectionErrorCode.SecretNotFound, ' ');
  }
}

@injectable()
class RefusesWithValue implements SecretInjector {
  readonly type = 'Broken';
  inject(): void {
    throw new InjectionError(InjectionErrorCode.SecretNil, `value ${LEAKED} is too short`);
  }
}

@injectable()
class LogsValue implements SecretInjector {
  readonly type = 'Broken';
  readonly #logger: Logger;
  constructor(@inject(Logger) logger: Logger) {
    this.#logger = logger;
  }
  inject(secret: SecretRequest, edit: PodEdit): void {
    this.#logger.debug({ key: secret.key, value: LEAKED }, 'fetched');
    edit.setEnv({ name: 'DB_PASSWORD', value: LEAKED });
  }
}

@injectable()
class DoesNothing implements SecretInjector {
  readonly type = 'Broken';
  inject(): void {}
}

@injectable()
class AddsAVolumeEachPass implements SecretInjector {
  readonly type = 'Broken';
  inject(_secret: SecretRequest, edit: PodEdit): void {
    edit.addVolume({ name: `scratch-${edit.pod.spec.volumes?.length ?? 0}`, emptyDir: {} });
  }
}

@injectable()
class WritesABadEnvName implements SecretInjector {
  readonly type = 'Broken';
  inject(_secret: SecretRequest, edit: PodEdit): void {
    edit.setEnv({ name: 'DB PASSWORD', value: '/etc/flyte/secrets/db/password' });
  }
}

// Declines with one reason, and given the chance to inject, refuses with another: the denial would not say what inject would.
@injectable()
class DeclinesOtherwise implements SecretInjector {
  readonly type = 'Broken';

  decline(): InjectionError {
    return new InjectionError(InjectionErrorCode.SecretNotFound, 'no such secret');
  }

  inject(): void {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, 'the key is not a valid name');
  }
}

// The newcomer's bug: the init container fetches into a volume that no app container mounts.
@injectable()
class FetchesIntoAnUnmountedVolume implements SecretInjector {
  readonly type = 'Broken';
  inject(_secret: SecretRequest, edit: PodEdit): void {
    edit.addVolume({ name: 'fetched', emptyDir: { medium: 'Memory' } });
    edit.addInitContainer({ name: 'fetch', image: 'busybox', command: ['true'], volumeMounts: [{ name: 'fetched', mountPath: '/etc/flyte/secrets' }] });
  }
}

describe('checkConformance', () => {
  describe('when the injector keeps the contract', () => {
    it('should report what K8s injected', async () => {
      const harness = createConformanceHarness({ type: 'K8s', fixtures: fixturesFor('K8s', ['Global', 'K8s']) });
      const outcome = await checkConformance(harness, conformancePod(harness, fileSecret(), 'flyte'));
      expect(outcome.kind).to.equal('injected');
      expect(outcome.kind === 'injected' ? outcome.injections : -1).to.equal(1);
    });

    it("should report Global's typed refusal of a file", async () => {
      const harness = createConformanceHarness({ type: 'Global', modules: pluginModules, fixtures: fixturesFor('Global', ['Global', 'K8s']) });
      const outcome = await checkConformance(harness, conformancePod(harness, fileSecret(), 'flyte'));
      expect(outcome.kind === 'refused' ? [outcome.code, outcome.secret.source] : []).to.deep.equal([InjectionErrorCode.UnsupportedMount, 'flyte.secrets/s0']);
    });
  });

  describe('when the injector breaks the contract', () => {
    it('should fail an injector that throws something other than an InjectionError', async () => {
      const message = await failureOf({ type: 'Broken', modules: [moduleOf(ThrowsPlainError)] });
      expect(message).to.include('must refuse with an InjectionError, not an unexpected exception');
      expect(message, "the plugin's own error, to fix it by").to.include('Error: boom');
    });

    it('should fail an injector whose init container fetches into a volume no app container mounts', async () => {
      expect(await failureOf({ type: 'Broken', modules: [moduleOf(FetchesIntoAnUnmountedVolume)] })).to.include('writes secrets into volume "fetched", which container "main" does not mount');
    });

    it('should fail a refusal without a message', async () => {
      expect(await failureOf({ type: 'Broken', modules: [moduleOf(RefusesSilently)] })).to.include('the refusal message');
    });

    it('should fail a refusal that quotes a secret value', async () => {
      const message = await failureOf({ type: 'Broken', modules: [moduleOf(RefusesWithValue)], fixtures: [{ secretValues: [LEAKED] }] });
      expect(message).to.include('a secret value reached the admission response');
    });

    it('should fail an injector that logs a secret value', async () => {
      const message = await failureOf({ type: 'Broken', modules: [moduleOf(LogsValue)], fixtures: [{ secretValues: [LEAKED] }] });
      expect(message).to.include('a secret value reached a log line');
    });

    it('should fail an injector that leaves the pod as it was', async () => {
      expect(await failureOf({ type: 'Broken', modules: [moduleOf(DoesNothing)] })).to.include('an injected secret must change the pod');
    });

    it('should fail an injector whose output changes on a second pass', async () => {
      expect(await failureOf({ type: 'Broken', modules: [moduleOf(AddsAVolumeEachPass)] })).to.include('a second pass must change nothing');
    });

    it('should fail an injector whose decline gives another reason than its inject', async () => {
      expect(await failureOf({ type: 'Broken', modules: [moduleOf(DeclinesOtherwise)] })).to.include("Broken's inject and decline for flyte.secrets/s0");
    });

    it('should fail an injector whose pod the API server would refuse', async () => {
      expect(await failureOf({ type: 'Broken', modules: [moduleOf(WritesABadEnvName)] })).to.include('problems the API server would find');
    });
  });
});

describe('conformanceCasesOf', () => {
  describe('when fixtures bring cases of their own', () => {
    it('should run the matrix and then those cases', () => {
      const extra = fileSecret();
      const cases = conformanceCasesOf({ type: 'Azure', fixtures: fixturesFor('Azure', ['Global', 'K8s', 'Azure']).concat([{ cases: [extra] }]) });
      const matrix = conformanceCases();
      expect(cases.slice(0, matrix.length)).to.deep.equal(matrix);
      expect(cases.slice(matrix.length).map((testCase) => testCase.title)).to.deep.equal(['a Key Vault secret URI as group, as a file', 'two Key Vault secret URIs, one with a version', 'one file']);
    });
  });

  describe('when given cases', () => {
    it('should run only those', () => {
      expect(conformanceCasesOf({ type: 'K8s', cases: [fileSecret()] }).map((testCase) => testCase.title)).to.deep.equal(['one file']);
    });
  });
});
