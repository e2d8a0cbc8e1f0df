import { expect } from 'chai';
import { CORE_CONFIG_OWNER, ConfigSchemaContribution } from '../../core/config/config-schema-contribution.js';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { selectedBackends } from '../support/selected-backends.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { describeInjectorConformance } from './injector-conformance.js';
import { fixturesFor } from './injector-fixtures.js';

// Every backend server/wiring/plugin-modules.ts loads, discovered from the container the server builds, so a
// backend added there is held to the plugin contract without an edit here.
const installed = createTestPodsecrets();
const installedTypes = installed.registry.types();

describe('pluginModules', () => {
  describe('when the shipped plugin modules are loaded', () => {
    it('should register at least the Global and K8s injectors', () => {
      expect(installedTypes).to.include.members(['Global', 'K8s']);
    });

    it("should give every configuration contribution an installed backend's type as owner, core's own aside", () => {
      const container = installed.container;
      const all = container.isBound(ConfigSchemaContribution) ? container.getAll<ConfigSchemaContribution>(ConfigSchemaContribution).map((c) => c.owner) : [];
      const owners = all.filter((owner) => owner !== CORE_CONFIG_OWNER);
      const types = installedTypes.map((type) => type.toLowerCase());
      expect(
        owners.filter((owner) => !types.includes(owner.toLowerCase())),
        `owners that are no installed type (installed: ${installedTypes.join(', ')})`,
      ).to.deep.equal([]);
    });
  });
});

for (const type of selectedBackends(installedTypes)) {
  describeInjectorConformance({ type, modules: pluginModules, fixtures: fixturesFor(type, installedTypes) });
}
