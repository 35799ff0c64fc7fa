import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SelfSigned {
  /** The private key, PEM. */
  readonly key: string;
  /** The self-signed certificate, PEM. */
  readonly cert: string;
  /** Upper-case hex pairs joined by colons, as Node prints it. */
  readonly fingerprint256: string;
}

/**
 * A fresh self-signed P-256 key and certificate for `localhost` and `127.0.0.1` (or the one DNS
 * name `dnsName`), valid two days, made with openssl in a temporary directory that is removed
 * before this returns.
 */
export async function selfSigned(dnsName?: string): Promise<SelfSigned> {
  const dir = await mkdtemp(join(tmpdir(), 'vbem-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${dnsName ?? 'localhost'}`,
        '-addext',
        dnsName === undefined
          ? 'subjectAltName=DNS:localhost,IP:127.0.0.1'
          : `subjectAltName=DNS:${dnsName}`,
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { timeout: 10_000 },
    );
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    return { key, cert, fingerprint256: new X509Certificate(cert).fingerprint256 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
