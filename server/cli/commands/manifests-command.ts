import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderManifests } from '../../deploy/render-manifests.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode } from '../cli-io.js';
import { configFileOf, loadPodsecrets } from '../load-podsecrets.js';

/**
 * `podsecrets manifests`: the Kubernetes manifests for a configuration, as one YAML stream on stdout or
 * one file per concern with --out-dir (what deploy/ holds, rendered from config/deploy.yaml).
 */
export const manifestsCommand: CliCommand = {
  name: 'manifests',
  synopsis: '[--config FILE] [--out-dir DIR]',
  summary: 'render the Namespace, RBAC, Deployment, Service, PodDisruptionBudget, NetworkPolicy and webhook registration for a configuration',
  async run(args, io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' }, 'out-dir': { type: 'string' } }, strict: true });
    const configFile = configFileOf(values.config, environment);
    const podsecrets = await loadPodsecrets(configFile, {});
    const files = renderManifests(podsecrets.config, {
      configText: configFile === undefined ? '{}\n' : readFileSync(configFile, 'utf8'),
      configFile: configFile ?? '(defaults)',
    });
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
