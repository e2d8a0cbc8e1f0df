import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, replaceResults } from './bench-report.js';
import { type BenchOptions, FULL_RUN, QUICK_RUN, runBench } from './bench-suite.js';

// `npm run bench`: the full run, printed as Markdown. --update-docs also puts the tables into
// docs/performance.md, between its results markers. --quick runs tiny counts, to see that it works.

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, 'update-docs': { type: 'boolean' } }, strict: true });
  const options: BenchOptions = { ...(values.quick === true ? QUICK_RUN : FULL_RUN), progress: (line) => console.error(`bench: ${line}`) };
  const report = await runBench(options);
  const markdown = formatReport(report);
  console.log(markdown);
  if (values['update-docs'] === true) {
    const path = new URL('../../docs/performance.md', import.meta.url);
    writeFileSync(path, replaceResults(readFileSync(path, 'utf8'), markdown));
    console.error('bench: docs/performance.md updated');
  }
}

await main();
