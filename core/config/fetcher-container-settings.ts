import { type ContainerResources, containerResourcesProblems, mergeContainerResources } from '../pod/container-resources.js';
import { type Setting, setting } from './setting.js';
import type { SettingsValues } from './settings-section.js';

/** Flyte's default for every fetching sidecar: requests = limits = {cpu: 200m, memory: 500Mi}. */
export const DEFAULT_FETCHER_RESOURCES: ContainerResources = Object.freeze({
  requests: Object.freeze({ cpu: '200m', memory: '500Mi' }),
  limits: Object.freeze({ cpu: '200m', memory: '500Mi' }),
});

/** A container's `resources` ({requests, limits} maps of quantities, claims), each given map replacing the default's, as Flyte does. */
export function containerResourcesSetting(doc: string, defaults: ContainerResources = DEFAULT_FETCHER_RESOURCES): Setting<ContainerResources> {
  return setting.mapping<ContainerResources>(
    doc,
    defaults,
    (value) => {
      const problems = containerResourcesProblems(value, defaults);
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
    (value) => mergeContainerResources(defaults, value),
  );
}

/** A container image reference: not empty, no spaces. */
export function containerImageSetting(doc: string, image: string): Setting<string> {
  return setting.string(doc, image, (value) => {
    if (typeof value !== 'string' || value === '' || /\s/.test(value)) throw new Error('must be a container image reference such as registry/name:tag (not empty, no spaces)');
  });
}

/**
 * The schema of a section such as Flyte's `awsSecretManager`: `sidecarImage` (default `image`) and
 * `resources` (default {@link DEFAULT_FETCHER_RESOURCES}). A plugin declares its section with it.
 */
export function fetcherContainerSchema(image: string, what: string) {
  return {
    sidecarImage: containerImageSetting(`Image of the init container that fetches ${what}.`, image),
    resources: containerResourcesSetting(`Resources (requests, limits, claims) of the init container that fetches ${what}; a given map replaces the default one, as in Flyte.`),
  };
}

/** A backend's fetching sidecar, as configured: the image it runs and its resources. */
export type FetcherContainerSettings = SettingsValues<ReturnType<typeof fetcherContainerSchema>>;
