/** A Kubernetes client configuration the client cannot use: it names the file (or the in-cluster account) and why. */
export class KubeConfigError extends Error {
  override readonly name = 'KubeConfigError';
}
