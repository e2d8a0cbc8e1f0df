import { type ContainerResources, containerResourcesProblems, mergeContainerResources } from '../pod/container-resources.js';
import { MAPPING_FORMAT, type MappingSetting } from './mapping-setting.js';

/** Flyte's default for every fetching sidecar: requests = limits = {cpu: 200m, memory: 500Mi}. */
export const DEFAULT_FETCHER_RESOURCES: ContainerResources = Object.freeze({
  requests: Object.freeze({ cpu: '200m', memory: '500Mi' }),
  limits: Object.freeze({ cpu: '200m', memory: '500Mi' }),
});

/** A backend's fetching sidecar, as configured: the image it runs and its resources. */
export interface FetcherContainerSettings {
  readonly image: string;
  readonly resources: ContainerResources;
}

/** The convict leaf of a container's `resources` ({requests, limits} maps of quantities, claims), each given map replacing the default's. */
export function containerResourcesSetting(doc: string, defaults: ContainerResources = DEFAULT_FETCHER_RESOURCES): MappingSetting<ContainerResources> {
  return {
    doc,
    format: MAPPING_FORMAT,
    default: defaults,
    check(value) {
      const problems = containerResourcesProblems(value, defaults);
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };
}

/**
 * The schema of a section such as Flyte's `awsSecretManager`: `sidecarImage` (default `image`) and
 * `resources` (default {@link DEFAULT_FETCHER_RESOURCES}). A plugin places it under its own key.
 */
export function fetcherContainerSchema(image: string, what: string): Record<string, unknown> {
  return {
    sidecarImage: {
      doc: `Image of the init container that fetches ${what}.`,
      format(value: unknown) {
        if (typeof value !== 'string' || value === '' || /\s/.test(value)) throw new Error('must be a container image reference such as registry/name:tag (not empty, no spaces)');
      },
      default: image,
    },
    resources: containerResourcesSetting(`Resources (requests, limits, claims) of the init container that fetches ${what}; a given map replaces the default one, as in Flyte.`),
  };
}

/** The settings of a section declared with {@link fetcherContainerSchema}, as the validated config holds it. */
export function readFetcherContainerSettings(section: unknown): FetcherContainerSettings {
  const { sidecarImage, resources } = (section ?? {}) as { sidecarImage?: unknown; resources?: unknown };
  return { image: String(sidecarImage), resources: mergeContainerResources(DEFAULT_FETCHER_RESOURCES, resources) };
}
