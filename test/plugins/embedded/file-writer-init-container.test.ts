import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { fileWriterInitContainer, setWriterFile } from '../../../plugins/embedded/file-writer-init-container.js';
import { clashingPath } from '../../../plugins/embedded/secret-key-path.js';

const SETTINGS = { name: 'init-embedded-secret', image: 'busybox', resources: { requests: {}, limits: {} } };
// Characters a shell or the kubelet would act on if the script ever parsed a key or a value.
const NASTY = [...'aZ09 =/.-_\'"$()`\\;&|*?!#~{}[]<>%^\t'];

const segment = fc
  .array(fc.constantFrom(...NASTY.filter((c) => c !== '/')), { minLength: 1, maxLength: 8 })
  .map((chars) => chars.join(''))
  .filter((text) => text !== '.' && text !== '..');
const key = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));
const files = fc.uniqueArray(fc.record({ key, value: fc.uint8Array({ maxLength: 64 }) }), { minLength: 1, maxLength: 4, selector: (file) => file.key }).filter((all) =>
  all.every(
    (file, index) =>
      clashingPath(
        all.slice(0, index).map((other) => other.key),
        file.key,
      ) === undefined,
  ),
);

/** Runs the writer as the kubelet would: "$$" read as "$", the secrets directory mounted at `root`. */
function runWriter(container: Record<string, unknown>, root: string): void {
  const args = (container['args'] as string[]).map((arg, index) => (index % 2 === 1 ? arg.replaceAll('$$', '$').replace('/etc/flyte/secrets', root) : arg));
  const [shell, ...rest] = container['command'] as string[];
  execFileSync(shell ?? 'sh', [...rest, ...args]);
}

describe('fileWriterInitContainer', () => {
  describe('when keys and values hold characters a shell would interpret', () => {
    it('should write every value, byte for byte, to the file its key names', () => {
      fc.assert(
        fc.property(files, (all) => {
          const [first, ...others] = all;
          const container = fileWriterInitContainer(SETTINGS, `/etc/flyte/secrets/${first?.key ?? ''}`, first?.value ?? new Uint8Array(), '/etc/flyte/secrets');
          for (const file of others) setWriterFile(container, `/etc/flyte/secrets/${file.key}`, file.value);
          const root = mkdtempSync(join(tmpdir(), 'podsecrets-writer-'));
          try {
            runWriter(container, root);
            for (const file of all) expect([...readFileSync(join(root, file.key))]).to.deep.equal([...file.value]);
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('when a file is set again', () => {
    it('should replace its value in place and keep the others', () => {
      const container = fileWriterInitContainer(SETTINGS, '/etc/flyte/secrets/a', Buffer.from('1'), '/etc/flyte/secrets');
      setWriterFile(container, '/etc/flyte/secrets/b', Buffer.from('2'));
      setWriterFile(container, '/etc/flyte/secrets/a', Buffer.from('3'));
      expect(container['args']).to.deep.equal(['Mw==', '/etc/flyte/secrets/a', 'Mg==', '/etc/flyte/secrets/b']);
    });
  });
});
