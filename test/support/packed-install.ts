import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoPath } from './repo-path.js';

const run = promisify(execFile);

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

async function npm(args: readonly string[], cwd: string): Promise<void> {
  await run('npm', [...args, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd, maxBuffer: 16 * 1024 * 1024 });
}

/** The example plugin as its own package: its package.json beside its compiled modules, packed into `destination`. */
async function packExamplePlugin(destination: string): Promise<string> {
  const stage = mkdtempSync(join(tmpdir(), 'podsecrets-example-plugin-'));
  try {
    copyFileSync(repoPath('test/example-plugin/package.json'), join(stage, 'package.json'));
    const compiled = repoPath('dist/test/example-plugin');
    for (const file of readdirSync(compiled).filter((name) => /\.(js|d\.ts)$/.test(name) && !name.includes('.test.'))) copyFileSync(join(compiled, file), join(stage, file));
    await npm(['pack', '--pack-destination', destination], stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const plugin = readJson<PackageJson>(repoPath('test/example-plugin/package.json'));
  return `${plugin.name}-${plugin.version}.tgz`;
}

/**
 * podsecrets and the example plugin as an operator installs them: each packed with `npm pack` (dist/ is
 * built already), then installed with npm into a scratch directory beside the two tarballs, every other
 * package at the version this repository's lockfile pins (the scratch lockfile is a copy of it). The
 * directory is kept per lockfile under node_modules/.cache, so a later run reinstalls the two tarballs
 * only; the first one installs the whole tree from npm's cache (network only for what it lacks).
 * Returns the directory; `node_modules/.bin/podsecrets` is the installed command.
 */
export async function installPackedPlugin(): Promise<string> {
  const root = readJson<PackageJson>(repoPath('package.json'));
  const lockText = readFileSync(repoPath('package-lock.json'));
  const dir = repoPath(`node_modules/.cache/podsecrets-plugin-install/${createHash('sha256').update(lockText).digest('hex').slice(0, 16)}`);
  mkdirSync(dir, { recursive: true });
  await npm(['pack', '--pack-destination', dir], repoPath('.'));
  const tarballs = { [root.name]: `file:${root.name}-${root.version}.tgz`, 'podsecrets-example-plugin': `file:${await packExamplePlugin(dir)}` };
  // What podsecrets needs, plus what its conformance suite needs beside it (its optional peers).
  const dependencies = { ...root.dependencies, ...Object.fromEntries(Object.keys(root.peerDependencies).map((name) => [name, root.devDependencies[name] ?? ''])) };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'podsecrets-plugin-install', version: '0.0.0', private: true, type: 'module', dependencies: { ...dependencies, ...tarballs } }, null, 2),
  );
  const lock = existsSync(join(dir, 'node_modules'))
    ? readJson<{ packages: Record<string, unknown> }>(join(dir, 'package-lock.json'))
    : (JSON.parse(lockText.toString('utf8')) as { packages: Record<string, unknown> });
  lock.packages[''] = { name: 'podsecrets-plugin-install', version: '0.0.0', dependencies };
  // The tarballs are new on every run: forget what the last run installed from them.
  for (const name of Object.keys(tarballs)) {
    delete lock.packages[`node_modules/${name}`];
    rmSync(join(dir, 'node_modules', name), { recursive: true, force: true });
  }
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  await npm(['install', '--prefer-offline'], dir);
  return dir;
}
