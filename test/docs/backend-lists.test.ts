import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { repoPath } from '../support/repo-path.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';

// The lists of installed backends that the docs spell out, held to what server/wiring/plugin-modules.ts installs.
const installed = createTestPodsecrets().registry.types();

describe('the backend lists in the docs', () => {
  describe('when README.md lists the backends in its table', () => {
    it('should have one row for every installed type and none for another', () => {
      const readme = readFileSync(repoPath('README.md'), 'utf8');
      // Found by its header cells, whatever padding Prettier gives the columns.
      const table = readme.slice(readme.search(/^\| type +\| what the pod receives +\|$/m));
      const lines = table.split('\n').slice(2);
      const rows = lines.slice(
        0,
        lines.findIndex((line) => !line.startsWith('|')),
      );
      const types = rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]));
      expect([...types].sort(), 'README.md "Backends" table (add a row for a new backend)').to.deep.equal([...installed].sort());
    });
  });

  describe('when docs/cli.md quotes the unknown-type error', () => {
    it('should name the installed types in load order, as the error does', () => {
      const cli = readFileSync(repoPath('docs/cli.md'), 'utf8');
      const quoted = /installed: ([^(]+) \(any case\)/.exec(cli)?.[1];
      expect(quoted, 'docs/cli.md, exit code 2 (the list the error prints)').to.equal(installed.join(', '));
    });
  });
});
