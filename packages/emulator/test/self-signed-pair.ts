import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh self-signed key and certificate (PEM) for 127.0.0.1, made by openssl, as EM's default
 * certificate is self-signed too; the key encrypted with `passphrase` when one is given.
 */
export function selfSignedPair(passphrase?: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vbem-emulator-pair-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        // With a passphrase, the key is written encrypted (AES-256), as `openssl genrsa -aes256` does.
        ...(passphrase === undefined ? ['-nodes'] : ['-passout', 'env:PAIR_PASSPHRASE']),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', env: { ...process.env, PAIR_PASSPHRASE: passphrase ?? '' } },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
