import { expect } from 'chai';
import { InjectionError } from '../../../core/injector/injection-error.js';
import { PodDraft, type PendingPodEdit } from '../../../core/pod/pod-draft.js';
import type { EnvVar, Pod } from '../../../core/pod/pod-types.js';

export function pod(spec: Partial<Pod['spec']> = {}, metadata: Pod['metadata'] = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata }, spec: { containers: [{ name: 'main', image: 'busybox' }], ...spec } };
}

/** Records edits for one secret with each of `records` and applies them; returns the finished pod. */
export function edited(source: Pod, ...records: ((edit: PendingPodEdit) => void)[]): Pod {
  const draft = new PodDraft(source);
  for (const record of records) {
    const edit = draft.begin();
    record(edit);
    draft.apply(edit);
  }
  return draft.finish();
}

export function catchInjectionError(action: () => void): InjectionError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(InjectionError);
    return error as InjectionError;
  }
  expect.fail('no InjectionError was thrown');
}

export const names = (env: readonly EnvVar[] | undefined): string[] => (env ?? []).map((entry) => `${entry.name}=${entry.value ?? ''}`);
