import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateBundle } from './certificate-bundle.js';

async function replaceFile(file: string, content: string, mode: number): Promise<boolean> {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === content) return false;
  // Written aside then renamed: the server's reloader never reads a half-written file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, file);
  return true;
}

/**
 * Writes tls.key, tls.crt and ca.crt (the trusted CAs) into `certDir`, each only when it changed;
 * true when any file changed. The key goes first, so a reader never pairs a new certificate with an
 * old key for longer than the reloader's consistency check tolerates.
 */
export async function writeCertificateFiles(certDir: string, bundle: CertificateBundle): Promise<boolean> {
  await mkdir(certDir, { recursive: true });
  const key = await replaceFile(join(certDir, 'tls.key'), bundle.serving.key, 0o600);
  const cert = await replaceFile(join(certDir, 'tls.crt'), bundle.serving.cert, 0o644);
  const ca = await replaceFile(join(certDir, 'ca.crt'), bundle.trusted.join(''), 0o644);
  return key || cert || ca;
}
