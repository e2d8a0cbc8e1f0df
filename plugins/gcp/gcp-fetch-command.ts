import { makeParentCommand, openToWorkloadCommand, shellQuote } from '../../core/index.js';
import type { GcpSecretReference } from './gcp-secret-reference.js';

/**
 * The fetcher's shell command: Flyte's two `gcloud secrets versions access` forms (the version's
 * resource name, then the version of a named secret), every argument quoted, with the directory made
 * first and the result opened to the workload (Flyte's `chmod +rX` obeys the umask and leaves out the
 * directories between /etc/flyte/secrets and the file).
 */
export function gcpFetchCommand(reference: GcpSecretReference): string[] {
  const out = `--out-file=${shellQuote(reference.filePath)}`;
  const access = [
    `gcloud secrets versions access ${shellQuote(`${reference.secret}/versions/${reference.version}`)} ${out}`,
    `gcloud secrets versions access ${shellQuote(reference.version)} --secret=${shellQuote(reference.secret)} ${out}`,
  ].join(' || ');
  const steps = [makeParentCommand(reference.filePath), access, openToWorkloadCommand(reference.filePath)];
  return ['sh', '-ec', steps.filter((step) => step !== undefined).join('; ')];
}
