import { defineSettings, setting, type SettingsOf } from '../core/index.js';
import { isJsonObject } from '../core/json/is-json-object.js';

/** A cert-manager issuerRef ({name, kind, group}), copied into the Certificate as given. */
export type IssuerRef = Readonly<Record<string, unknown>>;

/** podsecrets' `certificates:` section: where the serving certificate comes from and when it is renewed; durations in milliseconds. */
export const CertificatesSettings = Symbol.for('podsecrets.CertificatesSettings');

export const certificatesSettings = defineSettings(CertificatesSettings, {
  path: 'certificates',
  owner: 'server',
  schema: {
    source: setting.oneOf(
      'Where the serving certificate comes from: self (init-certs makes and rotates a CA and certificate in webhook.secretName), files (certDir is provisioned by someone else; ca.crt there is the caBundle), cert-manager (a cert-manager Certificate; its cainjector fills caBundle).',
      ['self', 'files', 'cert-manager'],
      'self',
    ),
    caValidity: setting.duration('Lifetime of a CA made by init-certs (source self).', '8760h'),
    caRenewBefore: setting.duration('A new CA is made when the current one has less than this left; both stay in caBundle until the old one expires.', '2160h'),
    certValidity: setting.duration('Lifetime of a serving certificate made by init-certs (source self).', '2160h'),
    certRenewBefore: setting.duration('The serving certificate is renewed when it has less than this left.', '720h'),
    propagationDelay: setting.duration('How long a new CA is in caBundle before serving certificates signed by it are issued, so every API server trusts it first.', '5m'),
    checkInterval: setting.interval('How often `serve` (source self, webhook.localCert true) checks whether the certificates are due for renewal.', '10m'),
    reloadInterval: setting.interval('How often the server looks at certDir for a changed tls.crt/tls.key and loads it without a restart.', '5s'),
    issuerRef: setting.custom({
      doc: 'cert-manager issuerRef ({name, kind, group}) for source cert-manager; when absent, `manifests` renders a self-signed Issuer and a CA Issuer of its own.',
      format: Object,
      default: null,
      nullable: true,
      convert: (value): IssuerRef | null => (isJsonObject(value) ? { ...value } : null),
    }),
  },
});

export interface CertificatesSettings extends SettingsOf<typeof certificatesSettings> {}
