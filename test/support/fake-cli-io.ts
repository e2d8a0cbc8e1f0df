import type { CliIo } from '../../server/cli/cli-io.js';

/** A CliIo over strings: `files` by name, `stdin` for `-` or no file; what the command writes is kept. */
export class FakeCliIo implements CliIo {
  out = '';
  err = '';
  readonly #files: Readonly<Record<string, string>>;
  readonly #stdin: string | undefined;

  constructor(options: { files?: Readonly<Record<string, string>>; stdin?: string } = {}) {
    this.#files = options.files ?? {};
    this.#stdin = options.stdin;
  }

  readInput(file: string | undefined): Promise<string> {
    if (file === undefined || file === '-') {
      if (this.#stdin === undefined) return Promise.reject(new Error('the test gave no standard input'));
      return Promise.resolve(this.#stdin);
    }
    const text = this.#files[file];
    if (text === undefined) return Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' }));
    return Promise.resolve(text);
  }

  writeOut(text: string): void {
    this.out += text;
  }

  writeErr(text: string): void {
    this.err += text;
  }
}
