/** podsecrets' `certificates:` section: where the serving certificate comes from and when it is renewed. */
export interface CertificatesConfig {
  readonly source: 'self' | 'files' | 'cert-manager';
  readonly caValidity: string;
  readonly caRenewBefore: string;
  readonly certValidity: string;
  readonly certRenewBefore: string;
  readonly propagationDelay: string;
  readonly checkInterval: string;
  readonly reloadInterval: string;
  readonly issuerRef: { readonly name: string; readonly kind?: string; readonly group?: string } | null;
}

/** podsecrets' `deployment:` section: what `manifests` renders, and the namespace without $POD_NAMESPACE. */
export interface DeploymentConfig {
  readonly namespace: string;
  readonly image: string;
  readonly replicas: number;
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** Namespaces where Embedded mode may write Secrets (a RoleBinding each); empty: every namespace. */
  readonly embeddedNamespaces: readonly string[];
}
