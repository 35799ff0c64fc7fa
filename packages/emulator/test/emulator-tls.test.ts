import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorForTest } from './emulator-harness.js';

let dir: string;
let key: string;
let cert: string;

beforeAll(() => {
  // A fresh self-signed pair for 127.0.0.1, as EM's default certificate is self-signed too.
  dir = mkdtempSync(join(tmpdir(), 'vbem-emulator-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
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
    { stdio: 'ignore' },
  );
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const getRoot = (url: string, ca?: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${url}/api/`, ca ? { ca } : {}, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

describe('emulator: HTTPS', () => {
  it('serves HTTPS with the given key and certificate; clients must trust it explicitly', async () => {
    const emulator = await emulatorForTest({ tls: { key, cert } });
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(getRoot(emulator.url)).rejects.toThrow(/self-signed|self signed/);
    expect(await getRoot(emulator.url, cert)).toBe(200);
  });
});
