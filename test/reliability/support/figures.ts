import { appendFileSync } from 'node:fs';

/**
 * Records what a reliability test measured (cases, requests, errors, lost...) as one JSON line in
 * the file named by PODSECRETS_FIGURES_FILE, from which docs/reliability.md's table is written.
 * Does nothing when the variable is unset.
 */
export function recordFigures(test: string, figures: Record<string, number | string>): void {
  const file = process.env['PODSECRETS_FIGURES_FILE'];
  if (file === undefined || file === '') return;
  appendFileSync(file, `${JSON.stringify({ test, ...figures })}\n`);
}
