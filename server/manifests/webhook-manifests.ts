import { formatGoDuration } from '../../core/config/go-duration.js';
import type { Manifest } from './manifest.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';
import { ALWAYS_EXCLUDED_NAMESPACES, COMMON_LABELS, OPT_IN_LABEL, webhookRegistration } from '../certificates/webhook-registration.js';

/** The webhook registration, each choice explained. */
export function webhookManifest(identity: WebhookIdentity): Manifest {
  const w = ['webhooks', 0] as const;
  const source = identity.certificates.source;
  return {
    object: webhookRegistration(identity),
    comments: [
      ...(source === 'cert-manager' ? [{ path: ['metadata', 'annotations'], text: "cert-manager's cainjector copies the CA of this Certificate into caBundle." }] : []),
      {
        path: ['webhooks'],
        text:
          source === 'cert-manager'
            ? 'caBundle is left out: cainjector fills it.'
            : 'caBundle is left out: init-certs sets it to the trusted CAs (old and new during a CA rotation); kubectl apply keeps it.',
      },
      { path: [...w, 'admissionReviewVersions'], text: 'v1 first; v1beta1 for old API servers. The answer uses the version asked.' },
      { path: [...w, 'clientConfig'], text: 'Flyte\'s path, "/mutate-" + group + "-" + version + "-" + kind, so Flyte\'s registrations keep working.' },
      { path: [...w, 'rules'], text: 'Pod CREATE only: secrets are decided when a pod is made; an update cannot add volumes or containers.' },
      {
        path: [...w, 'failurePolicy'],
        text:
          identity.deployment.failurePolicy === 'Fail'
            ? 'Fail: a pod that opted in (the label below) and asked for secrets is not created without them. Only opted-in\npods are affected, two replicas and a PodDisruptionBudget keep the webhook reachable, and podsecrets never\nanswers HTTP 500 (it denies with a reason or admits with warnings).'
            : 'Ignore: when the webhook cannot be reached, opted-in pods are created WITHOUT their secrets (the API server\nrecords failed-open audit annotations). Choose it only when a pod without secrets is better than no pod.',
      },
      { path: [...w, 'matchPolicy'], text: 'Equivalent: pods reached through another API version are still sent here.' },
      {
        path: [...w, 'sideEffects'],
        text: "NoneOnDryRun (Flyte's): only Embedded mode with valueDelivery secretRef or imagePullSecrets writes (Secrets in the pod's namespace), and never on a dry run, so dry-run requests are sent too.",
      },
      {
        path: [...w, 'timeoutSeconds'],
        text: `webhook.webhookTimeout. Mutating webhooks run one after another: keep it short. podsecrets stops\nwork at 90% of the deadline the API server passes, to answer in time.`,
      },
      {
        path: [...w, 'reinvocationPolicy'],
        text: 'IfNeeded: called again when a later webhook changed the pod (e.g. added a container), so that container gets\nits secrets too. podsecrets is idempotent: a second pass over its own output changes nothing.',
      },
      {
        path: [...w, 'namespaceSelector'],
        text: `Never ${ALWAYS_EXCLUDED_NAMESPACES.join(', ')}, nor podsecrets' own namespace (${identity.namespace}): the control plane and\nthe webhook's own pods must never wait on the webhook.${identity.namespaceSelector !== null ? ' Merged with webhook.namespaceSelector.' : ''}`,
      },
      {
        path: [...w, 'objectSelector'],
        text: `Opt-in per pod, as Flyte: only pods labelled ${OPT_IN_LABEL}: "true" are sent, so no other pod's creation depends\non the webhook.`,
      },
    ],
  };
}

/** For source cert-manager: a self-signed root, a CA Issuer from it, and the serving Certificate. Durations are Go duration strings, as cert-manager's CRD requires. */
export function certManagerManifests(identity: WebhookIdentity): Manifest[] {
  const { namespace, serviceName: name } = identity;
  const labels = { ...COMMON_LABELS };
  const dnsNames = [`${name}.${namespace}.svc`, name, `${name}.${namespace}`, `${name}.${namespace}.svc.cluster.local`];
  const serving = (issuerRef: Record<string, unknown>): Manifest => ({
    object: {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name, namespace, labels },
      spec: {
        secretName: identity.secretName,
        dnsNames,
        duration: formatGoDuration(identity.certificates.certValidity),
        renewBefore: formatGoDuration(identity.certificates.certRenewBefore),
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        usages: ['digital signature', 'key encipherment', 'server auth'],
        issuerRef,
      },
    },
    comments: [{ path: ['spec', 'renewBefore'], text: 'cert-manager renews the Secret; the server reloads the files without a restart.' }],
  });
  if (identity.certificates.issuerRef !== null) return [serving({ ...identity.certificates.issuerRef })];
  const root = `${name}-selfsigned`;
  const ca = `${name}-ca`;
  return [
    { object: { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: root, namespace, labels }, spec: { selfSigned: {} } }, comments: [] },
    {
      object: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: ca, namespace, labels },
        spec: {
          isCA: true,
          commonName: `${name} CA`,
          secretName: ca,
          duration: formatGoDuration(identity.certificates.caValidity),
          renewBefore: formatGoDuration(identity.certificates.caRenewBefore),
          privateKey: { algorithm: 'ECDSA', size: 256 },
          issuerRef: { name: root, kind: 'Issuer', group: 'cert-manager.io' },
        },
      },
      comments: [{ path: ['spec', 'isCA'], text: 'A CA of its own, so renewing the serving certificate leaves caBundle unchanged.' }],
    },
    { object: { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: ca, namespace, labels }, spec: { ca: { secretName: ca } } }, comments: [] },
    serving({ name: ca, kind: 'Issuer', group: 'cert-manager.io' }),
  ];
}
