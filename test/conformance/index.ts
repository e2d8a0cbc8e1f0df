// `podsecrets/conformance`: the plugin conformance suite, for a plugin's own mocha tests (needs chai and
// kubernetes-models beside it). See docs/plugins.md.
export { describePluginConformance, type PluginConformanceOptions } from './plugin-conformance.js';
export {
  checkConformance,
  type ConformanceHarness,
  type ConformanceOutcome,
  conformancePod,
  createConformanceHarness,
  describeInjectorConformance,
  type InjectorConformanceOptions,
} from './injector-conformance.js';
export { type ConformanceCase, conformanceCases, conformanceSecretNames } from './conformance-matrix.js';
export { type BackendFixtures, fixturesFor, type InjectorFixture } from './injector-fixtures.js';
export { podProblems, expectAcceptablePod } from '../support/acceptable-pod.js';
export { RecordingLogger } from '../support/recording-logger.js';
