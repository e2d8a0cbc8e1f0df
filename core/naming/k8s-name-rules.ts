// The API server's validation rules (k8s.io/apimachinery/pkg/util/validation) that the OpenAPI schema
// does not carry, so a pod can be checked here before the API server would refuse it.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Kubernetes 1.34 relaxed env names to any printable ASCII but '='; older API servers (still
// supported) accept only this shape, so podsecrets holds to the stricter rule.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export const MAX_DNS_LABEL_LENGTH = 63;
export const MAX_DNS_SUBDOMAIN_LENGTH = 253;

/** RFC 1123 label: volume names, container names. */
export function isDnsLabel(name: string): boolean {
  return name.length <= MAX_DNS_LABEL_LENGTH && DNS_LABEL.test(name);
}

/** RFC 1123 subdomain: Secret names. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= MAX_DNS_SUBDOMAIN_LENGTH && DNS_SUBDOMAIN.test(name);
}

/** A key of a Secret's or ConfigMap's data. */
export function isSecretDataKey(key: string): boolean {
  return key.length <= MAX_DNS_SUBDOMAIN_LENGTH && CONFIG_MAP_KEY.test(key) && key !== '.' && key !== '..' && !key.startsWith('..');
}

/** A name the API server accepts for an environment variable. */
export function isEnvVarName(name: string): boolean {
  return ENV_VAR_NAME.test(name) && name !== '.' && name !== '..' && !name.startsWith('..');
}

/** A name a shell can expand as `$NAME`. */
export function isShellIdentifier(name: string): boolean {
  return C_IDENTIFIER.test(name);
}
