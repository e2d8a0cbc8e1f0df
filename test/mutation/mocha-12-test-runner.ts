import { isAbsolute, relative, resolve, sep } from 'node:path';
import Mocha from 'mocha';
import { INSTRUMENTER_CONSTANTS, type InstrumenterContext, type StrykerOptions } from '@stryker-mutator/api/core';
import type { Logger } from '@stryker-mutator/api/logging';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import {
  determineHitLimitReached,
  DryRunStatus,
  TestStatus,
  toMutantRunResult,
  type DryRunOptions,
  type DryRunResult,
  type MutantRunOptions,
  type MutantRunResult,
  type TestResult,
  type TestRunner,
  type TestRunnerCapabilities,
} from '@stryker-mutator/api/test-runner';
import { SPEC_SUFFIX, specFiles } from '../support/spec-files.js';

/**
 * StrykerJS's own mocha runner (9.x, the last line that runs on Node 20) requires mocha's CLI
 * internals by their pre-12 paths (lib/cli/options, lib/cli/run-helpers), which mocha 12 renamed to
 * .cjs; its 10.x line supports mocha 12 but needs Node 22. This runner uses mocha's public API only:
 * one Mocha instance per worker, spec files loaded once (ESM cannot be reloaded), a mutant selected
 * through the instrumenter's global context, and the covering tests chosen by their full title.
 */
interface Mocha12Options {
  /** Spec files or folders (searched for *.test.js), relative to the sandbox. */
  readonly spec: readonly string[];
  /** Modules imported before the specs, as mocha's --require. */
  readonly require: readonly string[];
}

// Tests may fake the clock; test durations are measured with the real one.
const realNow = performance.now.bind(performance);

export class Mocha12TestRunner implements TestRunner {
  static readonly inject = tokens(commonTokens.logger, commonTokens.options);

  readonly #log: Logger;
  readonly #options: Mocha12Options;
  readonly #testFiles: readonly string[] | undefined;
  readonly #context: InstrumenterContext;
  #mocha: Mocha | undefined;
  #loaded = false;
  #tests: TestResult[] = [];
  #recordCoverage = false;

  constructor(log: Logger, options: StrykerOptions) {
    this.#log = log;
    this.#options = readOptions(options['mocha12']);
    this.#testFiles = options.testFiles.length > 0 ? options.testFiles.map(compiledSpec) : undefined;
    const scope = globalThis as Record<string, unknown>;
    scope[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {};
    this.#context = scope[INSTRUMENTER_CONSTANTS.NAMESPACE] as InstrumenterContext;
  }

  capabilities(): TestRunnerCapabilities {
    return { reloadEnvironment: false };
  }

  async init(): Promise<void> {
    for (const module of this.#options.require) await import(module);
    const files = (this.#testFiles ?? this.#options.spec).flatMap((entry) => specFiles(resolve(entry)));
    if (files.length === 0) throw new Error(`mocha12: no ${SPEC_SUFFIX} file under ${this.#options.spec.join(', ')}`);
    this.#log.debug('mocha12: %d spec files', files.length);
    const mocha = new Mocha({ reporter: this.#reporter(), timeout: 0 });
    mocha.cleanReferencesAfterRun(false);
    for (const file of files) mocha.addFile(file);
    const context = this.#context;
    const recordingCoverage = (): boolean => this.#recordCoverage;
    mocha.suite.beforeEach(function () {
      if (recordingCoverage()) context.currentTestId = this.currentTest?.fullTitle();
    });
    this.#mocha = mocha;
  }

  async dryRun({ coverageAnalysis, disableBail }: DryRunOptions): Promise<DryRunResult> {
    this.#recordCoverage = coverageAnalysis === 'perTest';
    try {
      const result = await this.#run(disableBail, undefined);
      if (result.status === DryRunStatus.Complete && coverageAnalysis !== 'off') {
        return { ...result, mutantCoverage: this.#context.mutantCoverage };
      }
      return result;
    } finally {
      this.#recordCoverage = false;
    }
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const mocha = this.#requireMocha();
    this.#context.hitLimit = options.hitLimit;
    this.#context.hitCount = options.hitLimit === undefined ? undefined : 0;
    // Stryker 9.6 passes the --testFiles themselves as the filter of a static mutant; those are the only
    // files this worker loaded, so that filter means every test. An empty pattern matches every test.
    const ids = (options.testFilter ?? []).filter((id) => !isAbsolute(id));
    const pattern = ids.map((id) => `^${escapeRegExp(id)}$`).join('|');
    mocha.grep(new RegExp(pattern));
    return toMutantRunResult(await this.#run(options.disableBail, options.activeMutant.id));
  }

  dispose(): Promise<void> {
    try {
      this.#mocha?.dispose();
    } catch (error) {
      // After a timed-out mutant the run is still going; the worker process ends anyway.
      if ((error as { code?: unknown }).code !== 'ERR_MOCHA_INSTANCE_ALREADY_RUNNING') throw error;
    }
    return Promise.resolve();
  }

  async #run(disableBail: boolean, mutantId: string | undefined): Promise<DryRunResult> {
    const mocha = this.#requireMocha();
    setBail(mocha.suite, !disableBail);
    try {
      this.#context.activeMutant = mutantId;
      if (!this.#loaded) {
        // A static mutant acts while the modules load, so it is active before the first import. Stryker
        // 9.6 says 'runtime' for those when --testFiles is given, but it always starts a fresh worker for
        // them; a runtime mutant is never reached during the load (or it would count as static).
        await mocha.loadFilesAsync();
        this.#loaded = true;
      }
      await new Promise<void>((done) => mocha.run(() => done()));
      return (
        determineHitLimitReached(this.#context.hitCount, this.#context.hitLimit) ?? {
          status: DryRunStatus.Complete,
          tests: this.#tests,
        }
      );
    } catch (error) {
      return { status: DryRunStatus.Error, errorMessage: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  }

  #requireMocha(): Mocha {
    if (this.#mocha === undefined) throw new Error('mocha12: init() has not run');
    return this.#mocha;
  }

  #reporter(): Mocha.ReporterConstructor {
    const tests = (): TestResult[] => this.#tests;
    const resetTests = (): void => {
      this.#tests = [];
    };
    return class StrykerReporter {
      constructor(events: Mocha.Runner) {
        let started = realNow();
        const elapsed = (): number => {
          const now = realNow();
          const spent = now - started;
          started = now;
          return spent;
        };
        events.on('start', () => {
          resetTests();
          started = realNow();
        });
        events.on('pass', (test) => {
          const id = test.fullTitle();
          tests().push({ id, name: id, status: TestStatus.Success, timeSpentMs: elapsed(), fileName: sourceSpec(test.file) });
        });
        events.on('fail', (test, error: Error) => {
          // A failing hook reports the test it ran for, so the failure counts against that test.
          const id = test.ctx?.currentTest?.fullTitle() ?? test.fullTitle();
          const failureMessage = error.message || error.stack || '<no failure message>';
          tests().push({ id, name: id, status: TestStatus.Failed, failureMessage, timeSpentMs: elapsed() });
        });
      }
    } as unknown as Mocha.ReporterConstructor;
  }
}

function readOptions(raw: unknown): Mocha12Options {
  const value = (raw ?? {}) as Partial<Record<keyof Mocha12Options, unknown>>;
  const list = (key: keyof Mocha12Options): string[] => {
    const entry = value[key] ?? [];
    if (!Array.isArray(entry) || entry.some((item) => typeof item !== 'string')) {
      throw new Error(`mocha12.${key} must be a list of strings, got ${JSON.stringify(entry)}`);
    }
    return entry as string[];
  };
  return { spec: list('spec'), require: list('require') };
}

/**
 * `--testFiles` names specs as Stryker reads them, TypeScript sources: a file, or a folder as
 * `folder/**`. Mocha runs what tsc made of them.
 */
function compiledSpec(source: string): string {
  const path = source
    .replace(/^\.\//, '')
    .replace(/\/\*\*$/, '')
    .replace(/\.ts$/, '.js');
  if (path.includes('*')) throw new Error(`mocha12: --testFiles takes a file or folder/**, got ${source}`);
  return path.startsWith('dist/') ? path : `dist/${path}`;
}

/** The report lists tests under the spec's TypeScript source, which is what Stryker read. */
function sourceSpec(compiled: string | undefined): string | undefined {
  if (compiled === undefined) return undefined;
  const path = relative(process.cwd(), compiled);
  return path.startsWith(`dist${sep}`) ? resolve(path.slice('dist/'.length).replace(/\.js$/, '.ts')) : compiled;
}

function setBail(suite: Mocha.Suite, bail: boolean): void {
  suite.bail(bail);
  for (const child of suite.suites) setBail(child, bail);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'mocha12', Mocha12TestRunner)];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    mocha12: {
      description: 'Options of the mocha 12 test runner (test/mutation/mocha-12-test-runner.ts).',
      type: 'object',
      properties: {
        spec: { type: 'array', items: { type: 'string' } },
        require: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
      default: {},
    },
  },
};
