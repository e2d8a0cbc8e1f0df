import type { AdmissionHandler } from '../core/admission/admission-handler.js';
import type { PodSizeLimits } from '../core/mutation/pod-size-limits.js';
import { benchReview } from './bench-pods.js';
import { measureAdmissionCost } from './in-process-bench.js';
import type { ScalingOptions } from './scaling-bench.js';

/** A pod shape: containers x secrets. */
export type PodShape = readonly [containers: number, secrets: number];

/** One edge of what the limits accept: a small pod and the largest accepted one of the same shape. */
export interface LimitEdge {
  readonly edge: string;
  readonly small: PodShape;
  readonly largest: PodShape;
  /** Admission cost per container x secret, in nanoseconds. */
  readonly smallPerUnitNs: number;
  readonly largestPerUnitNs: number;
  /** largestPerUnitNs / smallPerUnitNs: at most 1.5 when every step is linear. */
  readonly ratio: number;
}

const SMALL = 8;

/**
 * The largest pods `limits` accept, along each edge: all secrets in one container, the secrets spread
 * over as many containers as the entries allow, and one secret in as many containers as the entries
 * allow (at most `maxContainers`, so that the review stays within server.maxRequestBytes).
 */
export function limitEdges(limits: PodSizeLimits, maxContainers: number): { edge: string; small: PodShape; largest: PodShape }[] {
  const secrets = limits.maxSecretsPerPod;
  const spread = Math.max(1, Math.min(maxContainers, Math.floor(limits.maxInjectedEntries / secrets)));
  const single = Math.max(1, Math.min(maxContainers, limits.maxInjectedEntries));
  const small = (count: number): number => Math.min(SMALL, count);
  return [
    { edge: 'maxSecretsPerPod secrets in 1 container', small: [1, small(secrets)], largest: [1, secrets] },
    { edge: 'maxSecretsPerPod secrets in every container maxInjectedEntries allows', small: [small(spread), small(secrets)], largest: [spread, secrets] },
    { edge: '1 secret in every container maxInjectedEntries allows', small: [small(single), 1], largest: [single, 1] },
  ];
}

/** The cost per unit of each edge's small and largest pod, measured as the growth grid measures its rows. */
export async function measureLimitEdges(handler: AdmissionHandler, limits: PodSizeLimits, maxContainers: number, options: Omit<ScalingOptions, 'counts'>): Promise<LimitEdge[]> {
  const perUnit = async ([containers, secrets]: PodShape): Promise<number> => {
    const units = containers * secrets;
    const iterations = Math.max(2, Math.round(options.unitsPerBatch / units));
    const cost = await measureAdmissionCost(handler, benchReview(containers, secrets), { rounds: options.rounds, iterations });
    return cost.admissionNs / units;
  };
  const rows: LimitEdge[] = [];
  for (const { edge, small, largest } of limitEdges(limits, maxContainers)) {
    const smallPerUnitNs = await perUnit(small);
    const largestPerUnitNs = await perUnit(largest);
    rows.push({ edge, small, largest, smallPerUnitNs, largestPerUnitNs, ratio: largestPerUnitNs / smallPerUnitNs });
  }
  return rows;
}
