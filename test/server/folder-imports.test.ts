import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { repoPath } from '../support/repo-path.js';

const IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

function sources(folder: string): string[] {
  return readdirSync(repoPath(folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The part a file belongs to: `core`, `config`, `plugins/<backend>`, `server/<folder>` (`server` for its own files). */
function partOf(file: string): string {
  const [top = '', second = '', third] = file.split('/');
  if (top === 'plugins') return `plugins/${second}`;
  if (top === 'server') return third === undefined ? 'server' : `server/${second}`;
  return top;
}

/** Which parts each part imports, with one file that does it as the evidence. */
function partGraph(files: readonly string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = partOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const [, specifier = ''] of readFileSync(repoPath(file), 'utf8').matchAll(IMPORT)) {
      const to = partOf(normalize(join(dirname(file), specifier)));
      if (to !== from && !edges.has(to)) edges.set(to, `${file} imports ${specifier}`);
    }
  }
  return graph;
}

/** A loop of parts, as `a -> b -> a` with the evidence of each step, or undefined. */
export function findLoop(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (part: string): string | undefined => {
    state.set(part, 'open');
    path.push(part);
    for (const [next, evidence] of graph.get(part) ?? []) {
      if (state.get(next) === 'open') {
        const loop = [...path.slice(path.indexOf(next)), next];
        return `${loop.join(' -> ')} (last step: ${evidence})`;
      }
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== undefined) return found;
      }
    }
    path.pop();
    state.set(part, 'done');
    return undefined;
  };
  for (const part of graph.keys()) {
    if (state.get(part) === undefined) {
      const found = visit(part);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

describe('the folders of the source tree', () => {
  describe('when their imports are followed', () => {
    it('should have no loop: each of core, config, every plugin and every server/ folder only builds on others', () => {
      const files = ['core', 'config', 'plugins', 'server'].flatMap(sources);
      expect(findLoop(partGraph(files))).to.equal(undefined);
    });
  });

  describe('when two folders import each other', () => {
    it('should name the loop and the file that closes it', () => {
      const graph = new Map([
        ['server/a', new Map([['server/b', 'server/a/x.ts imports ../b/y.js']])],
        ['server/b', new Map([['server/a', 'server/b/y.ts imports ../a/x.js']])],
      ]);
      expect(findLoop(graph)).to.equal('server/a -> server/b -> server/a (last step: server/b/y.ts imports ../a/x.js)');
    });
  });
});
