import { hostname } from 'node:os';

/** Who takes the certificate Lease: the pod's name when the Deployment passes it, else host and pid. */
export function leaseHolder(environment: NodeJS.ProcessEnv): string {
  return environment['POD_NAME'] || `${hostname()}-${process.pid}`;
}
