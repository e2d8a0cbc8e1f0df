import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError } from '../../config/config-error.js';
import { loadConfig } from '../../config/config-loader.js';
import type { ConfigSchemaContribution } from '../../core/config/config-schema-contribution.js';
import { MAPPING_FORMAT } from '../../core/config/mapping-setting.js';

const contribution: ConfigSchemaContribution = {
  owner: 'test',
  schema: {
    webhook: {
      example: {
        labels: {
          doc: 'labels',
          format: MAPPING_FORMAT,
          default: { 'app.kubernetes.io/part-of': 'podsecrets' },
          check(value: Record<string, unknown>) {
            if (Object.values(value).some((v) => typeof v !== 'string')) throw new Error('values must be strings');
          },
        },
        name: { doc: 'a plain setting beside it', format: String, default: 'n' },
      },
    },
  },
};

function withFile<T>(yaml: string, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'podsecrets-config-'));
  try {
    writeFileSync(join(dir, 'config.yaml'), yaml);
    return use(join(dir, 'config.yaml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function example(config: ReturnType<typeof loadConfig>): Record<string, unknown> {
  return config.webhook['example'] as Record<string, unknown>;
}

describe('loadConfig', () => {
  describe('when nothing sets a mapping setting', () => {
    it('should hold the default', () => {
      expect(example(loadConfig({ contributions: [contribution] }))).to.deep.equal({ labels: { 'app.kubernetes.io/part-of': 'podsecrets' }, name: 'n' });
    });
  });

  describe('when the file and the overrides set keys with dots in a mapping setting', () => {
    it('should lay the file over the default and the overrides over the file, key by key', () => {
      const config = withFile('webhook:\n  example:\n    name: file\n    labels:\n      a.b/c: file\n      d.e/f: file\n', (file) =>
        loadConfig({ file, contributions: [contribution], overrides: { webhook: { example: { labels: { 'd.e/f': 'override' } } } } }),
      );
      expect(example(config)).to.deep.equal({ name: 'file', labels: { 'app.kubernetes.io/part-of': 'podsecrets', 'a.b/c': 'file', 'd.e/f': 'override' } });
    });
  });

  describe('when a mapping setting is bad', () => {
    it('should report it with the other problems, naming the keys', () => {
      try {
        withFile('webhook:\n  example:\n    labels: [a]\n    nam: x\n', (file) => loadConfig({ file, contributions: [contribution] }));
        expect.fail('accepted');
      } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        const message = (error as Error).message;
        expect(message).to.include("configuration param 'webhook.example.nam' not declared in the schema");
        expect(message).to.include('webhook.example.labels: must be a mapping: value was ["a"]');
      }
    });

    it("should report what the setting's check refuses", () => {
      expect(() => loadConfig({ contributions: [contribution], overrides: { webhook: { example: { labels: { x: 1 } } } } })).to.throw(
        ConfigError,
        'webhook.example.labels: values must be strings: value was {"app.kubernetes.io/part-of":"podsecrets","x":1}',
      );
    });
  });
});
