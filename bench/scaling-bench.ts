import type { AdmissionHandler } from '../core/admission/admission-handler.js';
import { benchReview } from './bench-pods.js';
import { type AdmissionCost, measureAdmissionCost } from './in-process-bench.js';

/** One pod size of the growth table. */
export interface ScalingRow extends AdmissionCost {
  readonly containers: number;
  readonly secrets: number;
  /** admissionNs / (containers x secrets): flat when the cost grows linearly in both. */
  readonly perUnitNs: number;
}

export interface ScalingOptions {
  readonly counts: readonly number[];
  readonly rounds: number;
  /** Container-secret pairs admitted per batch; a batch of a small pod holds more admissions. */
  readonly unitsPerBatch: number;
}

/** The admission cost of pods with each count of containers times each count of secrets. */
export async function measureScaling(handler: AdmissionHandler, options: ScalingOptions): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const containers of options.counts) {
    for (const secrets of options.counts) {
      const units = containers * secrets;
      const iterations = Math.max(2, Math.round(options.unitsPerBatch / units));
      const cost = await measureAdmissionCost(handler, benchReview(containers, secrets), { rounds: options.rounds, iterations });
      rows.push({ ...cost, containers, secrets, perUnitNs: cost.admissionNs / units });
    }
  }
  return rows;
}
