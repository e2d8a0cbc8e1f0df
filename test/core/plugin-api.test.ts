import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import ts from 'typescript';
import { repoPath } from '../support/repo-path.js';

const SECTION = '## 6. The plugin API: every name of `podsecrets/core`';

/** The names core/index.ts exports, read from its `export { … } from` lists, and any statement of another kind. */
function exportedNames(): { names: string[]; others: string[] } {
  const source = ts.createSourceFile('index.ts', readFileSync(repoPath('core/index.ts'), 'utf8'), ts.ScriptTarget.ES2022);
  const names: string[] = [];
  const others: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((element) => element.name.text));
    } else others.push(statement.getText(source));
  }
  return { names, others };
}

/** The names docs/plugins.md lists in its plugin API section, one `- \`Name\`: …` line each. */
function documentedNames(): string[] {
  const doc = readFileSync(repoPath('docs/plugins.md'), 'utf8');
  const start = doc.indexOf(SECTION);
  expect(start, `docs/plugins.md has no section "${SECTION}"`).to.be.greaterThan(-1);
  const end = doc.indexOf('\n## ', start + SECTION.length);
  const section = doc.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^- `([A-Za-z_$][\w$]*)`: \S/gm)].map((match) => match[1] ?? '');
}

describe('the plugin API (podsecrets/core)', () => {
  describe('when core/index.ts is read', () => {
    it('should hold only `export { … } from` lists (no `export *`, no declaration), so that its exports can be read from it', () => {
      expect(exportedNames().others).to.deep.equal([]);
    });
  });

  describe('when docs/plugins.md lists it', () => {
    it('should list every exported name once, and nothing core/index.ts does not export', () => {
      const documented = documentedNames();
      const exported = exportedNames().names;
      expect(
        documented.filter((name, index) => documented.indexOf(name) !== index),
        'listed twice',
      ).to.deep.equal([]);
      expect(
        exported.filter((name) => !documented.includes(name)),
        'exported, not in docs/plugins.md',
      ).to.deep.equal([]);
      expect(
        documented.filter((name) => !exported.includes(name)),
        'in docs/plugins.md, not exported',
      ).to.deep.equal([]);
    });
  });
});
