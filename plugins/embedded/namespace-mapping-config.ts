import { defineSettings, setting, type SettingsOf } from '../../core/index.js';
import { checkNamespaceTemplate } from './namespace-bound-scope.js';

/**
 * Flyte's top-level `namespace_mapping` (flyteadmin's key, spelled as Flyte spells it): the namespace of
 * a project and domain. Embedded mode binds a pod's scope labels to its namespace through it.
 */
export const NamespaceMappingSettings = Symbol.for('podsecrets.embedded.NamespaceMappingSettings');

export const namespaceMappingSettings = defineSettings(NamespaceMappingSettings, {
  path: 'namespace_mapping',
  owner: 'Embedded',
  schema: {
    template: setting.string(
      "flyteadmin's namespace of a project and domain ({{ project }}, {{ domain }}, {{ org }}); an Embedded pod's scope labels must render to its own namespace.",
      '{{ project }}-{{ domain }}',
      checkNamespaceTemplate,
    ),
  },
});

export interface NamespaceMappingSettings extends SettingsOf<typeof namespaceMappingSettings> {}
