import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Container } from 'inversify';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../config/config-loader.js';
import { baseContributions } from '../../config/base-settings.js';
import { mergeSchemaFragments } from '../../config/merge-schema-fragments.js';
import { ConfigSchemaContribution } from '../../core/config/config-schema-contribution.js';
import { coreModule } from '../../core/core-module.js';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { repoPath } from '../support/repo-path.js';

/** The schema fragments of core and of every shipped plugin, as createPodsecrets gathers them. */
function shippedContributions(): ConfigSchemaContribution[] {
  const container = new Container();
  container.load(coreModule, ...pluginModules);
  return container.getAll<ConfigSchemaContribution>(ConfigSchemaContribution);
}

/** Every leaf key of a convict schema, with its default: `webhook.kubeClientConfig.qps` -> 100. */
function schemaDefaults(node: Record<string, unknown>, path = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, child] of Object.entries(node)) {
    const keyPath = `${path}${key}`;
    if (typeof child === 'object' && child !== null && 'default' in child) leaves.set(keyPath, child.default);
    else for (const [leaf, value] of schemaDefaults(child as Record<string, unknown>, `${keyPath}.`)) leaves.set(leaf, value);
  }
  return leaves;
}

function lookUp(document: unknown, path: string): { found: boolean; value?: unknown } {
  let node = document;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return { found: false };
    node = (node as Record<string, unknown>)[part];
  }
  return { found: true, value: node };
}

describe('config/default.yaml', () => {
  const file = repoPath('config/default.yaml');
  const contributions = shippedContributions();

  describe('when loaded with the shipped plugins', () => {
    it('should give exactly the configuration that no file gives', () => {
      expect(loadConfig({ file, contributions })).to.deep.equal(loadConfig({ contributions }));
    });

    it('should list every key of core and of the shipped plugins, with its default', () => {
      const document = parseYaml(readFileSync(file, 'utf8')) as unknown;
      const problems: string[] = [];
      for (const [key, value] of schemaDefaults(mergeSchemaFragments([...baseContributions, ...contributions]))) {
        const entry = lookUp(document, key);
        if (!entry.found) problems.push(`${key} is missing (its default is ${JSON.stringify(value)})`);
        else if (JSON.stringify(entry.value) !== JSON.stringify(value)) problems.push(`${key} is ${JSON.stringify(entry.value)}, but its default is ${JSON.stringify(value)}`);
      }
      expect(problems, 'add each key to config/default.yaml with its default and doc').to.deep.equal([]);
    });

    it('should hold Flyte-compatible values, K8s being the backend', () => {
      const config = loadConfig({ file, contributions });
      expect(config.webhook.secretManagerType).to.equal('K8s');
      expect(config.webhook.secretEnvVarPrefix).to.equal('_UNION_');
      expect(config.webhook['listenPort']).to.equal(9443);
      expect((config['server'] as { maxRequestBytes: number }).maxRequestBytes).to.equal(3 * 1024 * 1024);
    });
  });
});

describe('config/local.yaml', () => {
  describe('when loaded with the shipped plugins', () => {
    it('should load, serving HTTPS on localhost with a self-signed certificate kept in .certs', () => {
      const config = loadConfig({ file: repoPath('config/local.yaml'), contributions: shippedContributions() });
      expect(config.webhook.secretManagerType).to.equal('K8s');
      expect(config.webhook['listenPort']).to.equal(9443);
      expect(config.webhook['certDir']).to.equal('.certs');
      expect(config['server']).to.include({ host: '127.0.0.1', selfSignedCert: true });
    });
  });
});
