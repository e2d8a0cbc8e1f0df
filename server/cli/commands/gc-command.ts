import { parseArgs } from 'node:util';
import { isDnsLabel } from '../../../core/index.js';
import { OrphanedSecretCollector } from '../../../plugins/embedded/orphaned-secret-collector.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';

/**
 * `podsecrets gc`: deletes the Secrets podsecrets manages in a namespace (Embedded's value Secrets and
 * image pull copies) that no pod of the namespace references, printing each one; `--dry-run` only
 * prints. For Secrets of pods without a controller, which Kubernetes' garbage collector cannot remove.
 */
export const gcCommand: CliCommand = {
  name: 'gc',
  synopsis: '--namespace NS [--dry-run] [--config FILE]',
  summary: 'delete the Embedded Secrets of a namespace that no pod references',
  async run(args, io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' }, namespace: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true });
    const namespace = values.namespace ?? '';
    if (!isDnsLabel(namespace)) {
      throw new UsageError(`--namespace ${JSON.stringify(namespace)} is not a namespace name (lower-case letters, digits and '-', at most 63 characters); usage: podsecrets gc ${gcCommand.synopsis}`);
    }
    let collector: OrphanedSecretCollector;
    try {
      collector = (await loadPodsecrets(values.config, environment)).container.get(OrphanedSecretCollector);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dryRun = values['dry-run'] === true;
    let collected;
    try {
      collected = await collector.collect(namespace, dryRun);
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      io.writeErr(
        `podsecrets gc: cannot collect in namespace ${namespace}: ${typeof status === 'number' ? `the API server answered ${status}` : (error as Error).message} (gc needs list on pods, list and delete on secrets there)\n`,
      );
      return ExitCode.Denied;
    }
    for (const { name, outcome } of collected) {
      if (outcome === 'deleted') io.writeOut(`deleted secret ${namespace}/${name}\n`);
      else if (outcome === 'would-delete') io.writeOut(`would delete secret ${namespace}/${name} (dry run)\n`);
      else io.writeErr(`kept secret ${namespace}/${name}: it changed after it was listed, so a pod may be using it now\n`);
    }
    if (collected.length === 0) io.writeErr(`no unreferenced Secret of podsecrets in namespace ${namespace}\n`);
    return ExitCode.Ok;
  },
};
