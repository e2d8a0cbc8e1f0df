import { applyPatch, type Operation } from 'rfc6902';
import { AdmissionRequestError } from '../../core/admission/admission-request-error.js';
import type { AdmissionHandler, AdmissionResult } from '../../core/admission/admission-handler.js';
import { UsageError } from './cli-io.js';

export interface PodAdmission {
  readonly pod: unknown;
  readonly patch: Operation[];
  /** Why the pod was denied, when it was. */
  readonly denied?: string;
}

function namespaceOf(pod: unknown): string {
  const namespace = (pod as { metadata?: { namespace?: unknown } }).metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : 'default';
}

/**
 * Sends one pod through the same AdmissionHandler the server uses, as a dry-run CREATE, and applies the
 * returned patch to it: the CLI's output is exactly what the API server would store.
 */
export async function admitPod(handler: AdmissionHandler, pod: unknown, where: string): Promise<PodAdmission> {
  const review = {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `podsecrets-cli-${where}`,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      operation: 'CREATE',
      namespace: namespaceOf(pod),
      dryRun: true,
      object: pod,
    },
  };
  let result: AdmissionResult;
  try {
    result = await handler.handle(review);
  } catch (error) {
    if (error instanceof AdmissionRequestError) throw new UsageError(`${where}: ${error.message.replace(/^request\.object\b/, 'the document')}`);
    throw error;
  }
  const { response } = result.review;
  if (result.outcome === 'invalid') throw new UsageError(`${where}: ${response.status?.message ?? 'not a pod'}`);
  if (!response.allowed) return { pod, patch: [], denied: response.status?.message ?? 'denied' };
  return { pod: applyAdmissionPatch(pod, response.patch), patch: decodePatch(response.patch) };
}

/** The JSON Patch of an AdmissionResponse, decoded. */
export function decodePatch(patch: string | undefined): Operation[] {
  return patch === undefined ? [] : (JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as Operation[]);
}

function applyAdmissionPatch(pod: unknown, patch: string | undefined): unknown {
  const copy = structuredClone(pod);
  const failures = applyPatch(copy, decodePatch(patch)).filter((failure) => failure !== null);
  if (failures.length > 0) throw new Error(`podsecrets bug: its own patch does not apply: ${String(failures[0])}`);
  return copy;
}
