import { readFile } from 'node:fs/promises';
import type { CliIo } from './cli-io.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The real process's streams. */
export const processIo: CliIo = {
  readInput: (file) => (file === undefined || file === '-' ? readStdin() : readFile(file, 'utf8')),
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
};
