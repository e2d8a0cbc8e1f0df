import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { exampleModule } from '../example-plugin/example-module.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { describeInjectorConformance } from './injector-conformance.js';
import { fixturesFor } from './injector-fixtures.js';

// The plugin guide's example backend, loaded next to the shipped ones as an operator would add it.
const modules = [...pluginModules, exampleModule];
const installedTypes = createTestPodsecrets({ modules }).registry.types();

describeInjectorConformance({ type: 'Example', modules, fixtures: fixturesFor('Example', installedTypes) });
