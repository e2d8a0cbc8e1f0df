import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kustomizationFile } from '../../manifests/kustomization-file.js';
import { renderManifests } from '../../manifests/render-manifests.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { configFileOf, loadPodsecrets } from '../load-podsecrets.js';

/**
 * `podsecrets manifests`: the Kubernetes manifests for a configuration, as one YAML stream on stdout or
 * one file per concern with --out-dir (what deploy/ holds, rendered from config/deploy.yaml), plus a
 * kustomization.yaml listing them with --kustomize.
 */
export const manifestsCommand: CliCommand = {
  name: 'manifests',
  synopsis: '[--config FILE] [--out-dir DIR [--kustomize]]',
  summary: 'render the Namespace, RBAC, Deployment, Service, PodDisruptionBudget, NetworkPolicy and webhook registration for a configuration',
  async run(args, io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' }, 'out-dir': { type: 'string' }, kustomize: { type: 'boolean' } }, strict: true });
    if (values.kustomize === true && values['out-dir'] === undefined) throw new UsageError('--kustomize writes a kustomization.yaml beside the files: give --out-dir DIR');
    const configFile = configFileOf(values.config, environment);
    const podsecrets = await loadPodsecrets(configFile, {});
    const rendered = renderManifests(podsecrets.config, {
      configText: configFile === undefined ? '{}\n' : readFileSync(configFile, 'utf8'),
      configFile: configFile ?? '(defaults)',
    });
    const files = values.kustomize === true ? [...rendered, kustomizationFile(rendered, configFile ?? '(defaults)')] : rendered;
    const outDir = values['out-dir'];
    if (outDir === undefined) {
      io.writeOut(files.map((file) => file.text).join('---\n'));
      return ExitCode.Ok;
    }
    await mkdir(outDir, { recursive: true });
    for (const file of files) await writeFile(join(outDir, file.name), file.text);
    io.writeErr(`wrote ${files.map((file) => join(outDir, file.name)).join(', ')}\n`);
    return ExitCode.Ok;
  },
};
