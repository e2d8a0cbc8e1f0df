import type { CliIo } from '../../../server/cli/cli-io.js';

/** A CliIo for running commands in process: the input is given, the output kept. */
export class RecordingCliIo implements CliIo {
  out = '';
  err = '';
  readonly #input: string;

  constructor(input = '') {
    this.#input = input;
  }

  async readInput(): Promise<string> {
    return this.#input;
  }

  writeOut(text: string): void {
    this.out += text;
  }

  writeErr(text: string): void {
    this.err += text;
  }
}
