import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import { type LoadConfigOptions, loadConfig } from '../../config/config-loader.js';
import type { ConfigSchemaContribution } from '../../core/config/config-schema-contribution.js';
import { globalSecretsSettings } from '../../plugins/global/global-config.js';
import { thrownMessage } from '../support/thrown-message.js';

const configError = (options: LoadConfigOptions): string => thrownMessage(() => loadConfig(options), ConfigError);

describe('loadConfig', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-config-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when nothing is configured', () => {
    it("should give Flyte's keys and defaults (spec section 2), with secretManagerType K8s", () => {
      const config = loadConfig({ contributions: [globalSecretsSettings.contribution] });
      expect(config.webhook).to.deep.equal({
        'metrics-prefix': 'flyte:',
        certDir: '/etc/webhook/certs',
        localCert: false,
        listenPort: 9443,
        serviceName: 'flyte-pod-webhook',
        servicePort: 443,
        secretName: 'flyte-pod-webhook',
        secretManagerType: 'K8s',
        secretManagerTypes: [],
        secretEnvVarPrefix: '_UNION_',
        disableCreateMutatingWebhookConfig: false,
        namespaceSelector: null,
        cacheInvalidationPort: 9444,
        webhookTimeout: 10,
        imageBuilderConfig: { excludedContainerNames: ['init-embedded-secret'] },
        kubeClientConfig: { qps: 100, burst: 25, timeout: '30s' },
      });
      expect(config['secrets']).to.deep.equal({ 'secrets-prefix': '/etc/secrets', 'env-prefix': 'FLYTE_SECRET_', type: 'local', allowedNamespaces: [] });
      expect(config['server']).to.deep.equal({
        host: '0.0.0.0',
        maxRequestBytes: 3145728,
        selfSignedCert: false,
        cacheInvalidationHost: '127.0.0.1',
        cacheInvalidationTokenFile: '',
        headersTimeoutMs: 10000,
        requestTimeoutMs: 30000,
        keepAliveTimeoutMs: 60000,
        clientCAFile: '',
        allowUnauthenticatedValues: false,
        maxConnections: 1024,
        metricsMaxNamespaces: 200,
        logLevel: 'info',
        shutdownDelay: '5s',
        shutdownTimeout: '15s',
      });
    });

    it('should give the same for an empty file and for a file whose sections are all commented out', () => {
      const defaults = loadConfig();
      expect(loadConfig({ file: file('empty.yaml', '') })).to.deep.equal(defaults);
      expect(loadConfig({ file: file('commented.yaml', 'webhook:\n  # secretManagerType: Vault\nserver:\n') })).to.deep.equal(defaults);
    });
  });

  describe('when a Flyte configuration file is given', () => {
    it('should read its values, in any case for the secret manager type', () => {
      const path = file(
        'flyte.yaml',
        [
          'webhook:',
          '  secretManagerType: k8s',
          '  secretManagerTypes: [Global, K8s]',
          '  secretEnvVarPrefix: _FSEC_',
          '  listenPort: 8443',
          '  localCert: true',
          '  kubeClientConfig: {qps: 12.5, burst: 3, timeout: 1m30s}',
          '  namespaceSelector:',
          '    matchLabels:',
          '      kubernetes.io/metadata.name: flyte',
          'secrets:',
          '  env-prefix: MY_',
        ].join('\n'),
      );
      const config = loadConfig({ file: path, contributions: [globalSecretsSettings.contribution] });
      expect(config.webhook.secretManagerType).to.equal('k8s');
      expect(config.webhook.secretManagerTypes).to.deep.equal(['Global', 'K8s']);
      expect(config.webhook.secretEnvVarPrefix).to.equal('_FSEC_');
      expect(config.webhook['listenPort']).to.equal(8443);
      expect(config.webhook['localCert']).to.equal(true);
      expect(config.webhook['kubeClientConfig']).to.deep.equal({ qps: 12.5, burst: 3, timeout: '1m30s' });
      expect(config.webhook['namespaceSelector']).to.deep.equal({ matchLabels: { 'kubernetes.io/metadata.name': 'flyte' } });
      expect(config['secrets']).to.deep.equal({ 'secrets-prefix': '/etc/secrets', 'env-prefix': 'MY_', type: 'local', allowedNamespaces: [] });
    });

    it('should take a mapping-valued setting with nested mappings and dotted keys as given', () => {
      const imageBuilderConfig = { excludedContainerNames: ['x'], 'example.com/extra': { nested: true } };
      const config = loadConfig({ overrides: { webhook: { imageBuilderConfig } } });
      expect(config.webhook['imageBuilderConfig']).to.deep.equal(imageBuilderConfig);
    });

    it('should lay overrides over the file', () => {
      const config = loadConfig({ file: file('a.yaml', 'webhook:\n  listenPort: 8443\n  servicePort: 444\n'), overrides: { webhook: { listenPort: 9000 } } });
      expect(config.webhook['listenPort']).to.equal(9000);
      expect(config.webhook['servicePort']).to.equal(444);
    });
  });

  describe('when a key is unknown', () => {
    it('should refuse it, naming the key, in a section or at the top', () => {
      const message = configError({ file: file('typo.yaml', 'webhook:\n  secretManagerTyp: K8s\npropeller:\n  workers: 4\n') });
      expect(message).to.include(`configuration ${join(dir, 'typo.yaml')} is not valid:`);
      expect(message).to.include("configuration param 'webhook.secretManagerTyp' not declared in the schema");
      expect(message).to.include("configuration param 'propeller.workers' not declared in the schema");
    });

    it("should refuse a plugin's key when that plugin is not loaded", () => {
      expect(configError({ overrides: { secrets: { 'env-prefix': 'X_' } } })).to.include("configuration param 'secrets.env-prefix' not declared in the schema");
    });
  });

  describe('when values are wrong', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a port out of range', { webhook: { listenPort: 70000 } }, 'webhook.listenPort: ports must be within range 0 - 65535: value was 70000'],
      [
        'a prefix starting with a digit',
        { webhook: { secretEnvVarPrefix: '1X' } },
        `webhook.secretEnvVarPrefix: must start an environment variable name: letters, digits, '_', '-' and '.', not starting with a digit: value was "1X"`,
      ],
      [
        'a type list that is not a list or a string',
        { webhook: { secretManagerTypes: 5 } },
        'webhook.secretManagerTypes: must be a list of installed secret manager names, e.g. [K8s], or a comma-separated string such as "K8s,Vault": value was 5',
      ],
      ['an empty type', { webhook: { secretManagerType: ' ' } }, 'webhook.secretManagerType: must be the name of an installed secret manager, e.g. K8s: value was " "'],
      [
        'a duration without unit',
        { webhook: { kubeClientConfig: { timeout: '30' } } },
        'webhook.kubeClientConfig.timeout: is not a Go duration (Go: missing unit in duration): give units ns, us, ms, s, m, h as in 30s, 1m30s or .5s, or 0, or a number of nanoseconds: value was "30"',
      ],
      [
        'a log level that does not exist',
        { server: { logLevel: 'loud' } },
        'server.logLevel: must be one of the possible values: ["trace","debug","info","warn","error","fatal","silent"]: value was "loud"',
      ],
      [
        'a section that is a scalar',
        { server: 5 },
        'server: must be a mapping of settings (host, maxRequestBytes, selfSignedCert, cacheInvalidationHost, cacheInvalidationTokenFile, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, clientCAFile, allowUnauthenticatedValues, maxConnections, metricsMaxNamespaces, logLevel, shutdownDelay, shutdownTimeout), got 5',
      ],
      ['an empty type name', { webhook: { secretManagerType: '' } }, 'webhook.secretManagerType: must be the name of an installed secret manager, e.g. K8s: value was ""'],
      ['a port that is not a number', { webhook: { servicePort: 'x' } }, 'webhook.servicePort: ports must be within range 0 - 65535: value was "x"'],
      ['a flag that is not a boolean', { webhook: { localCert: 0 } }, 'webhook.localCert: must be of type Boolean: value was 0'],
      ['a polling interval of zero', { certificates: { reloadInterval: '0s' } }, 'certificates.reloadInterval: must be a Go duration of at least 1s, such as 5s or 10m: value was "0s"'],
      ['a polling interval under a second', { certificates: { checkInterval: '10ms' } }, 'certificates.checkInterval: must be a Go duration of at least 1s, such as 5s or 10m: value was "10ms"'],
    ];
    for (const [what, overrides, line] of cases) {
      it(`should refuse ${what}, naming the key and the value`, () => {
        expect(configError({ overrides }).split('\n')).to.include(line);
      });
    }

    it('should refuse a selector that is not a mapping, naming the key and the value', () => {
      const line = configError({ overrides: { webhook: { namespaceSelector: 7 } } }).split('\n')[1] ?? '';
      expect(line.startsWith('webhook.namespaceSelector: must be a mapping'), line).to.equal(true);
      expect(line.endsWith(': value was 7'), line).to.equal(true);
    });

    it('should list every problem at once', () => {
      const message = configError({ overrides: { webhook: { listenPort: -1, servicePort: 'x', unknown: 1 } } });
      expect(message.split('\n').slice(1).sort()).to.deep.equal([
        "configuration param 'webhook.unknown' not declared in the schema",
        'webhook.listenPort: ports must be within range 0 - 65535: value was -1',
        'webhook.servicePort: ports must be within range 0 - 65535: value was "x"',
      ]);
    });
  });

  describe('when the file cannot be used', () => {
    it('should name the file and the line of a YAML syntax error', () => {
      const path = file('broken.yaml', 'webhook:\n  listenPort: [9443\n');
      const message = configError({ file: path });
      expect(message).to.match(new RegExp(`^configuration ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid YAML: .*line 3`, 's'));
    });

    it('should name a file that does not exist', () => {
      expect(configError({ file: join(dir, 'missing.yaml') })).to.equal(`cannot read configuration ${join(dir, 'missing.yaml')}: ENOENT`);
    });

    it('should refuse a document that is not a mapping', () => {
      const path = file('list.yaml', '- webhook\n');
      expect(configError({ file: path })).to.equal(`configuration ${path} must be a YAML mapping of sections (webhook:, secrets:, server:), not a list`);
    });
  });

  describe('when two schema fragments claim one key', () => {
    it('should refuse, naming the key and both owners', () => {
      const clash: ConfigSchemaContribution = { owner: 'Vault', schema: { webhook: { secretEnvVarPrefix: { doc: 'x', format: String, default: '' } } } };
      expect(configError({ contributions: [clash] })).to.equal('configuration key webhook.secretEnvVarPrefix is declared by both core and Vault');
      const first: ConfigSchemaContribution = { owner: 'AWS', schema: { webhook: { shared: { doc: 'x', format: String, default: '' } } } };
      const second: ConfigSchemaContribution = { owner: 'GCP', schema: { webhook: { shared: { inner: { doc: 'x', format: String, default: '' } } } } };
      expect(configError({ contributions: [first, second] })).to.equal('configuration key webhook.shared is declared by both AWS and GCP');
    });

    it('should merge fragments that add different keys to one section', () => {
      const aws: ConfigSchemaContribution = { owner: 'AWS', schema: { webhook: { awsSecretManager: { sidecarImage: { doc: 'x', format: String, default: 'a' } } } } };
      const gcp: ConfigSchemaContribution = { owner: 'GCP', schema: { webhook: { gcpSecretManager: { sidecarImage: { doc: 'x', format: String, default: 'g' } } } } };
      const config = loadConfig({ contributions: [aws, gcp] });
      expect(config.webhook['awsSecretManager']).to.deep.equal({ sidecarImage: 'a' });
      expect(config.webhook['gcpSecretManager']).to.deep.equal({ sidecarImage: 'g' });
    });
  });
});
