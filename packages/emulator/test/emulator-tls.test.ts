import { request } from 'node:https';
import { createSecureContext, type SecureVersion } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmulatorOptionsError, startEmulator } from '../src/index.js';
import { emulatorForTest } from './emulator-harness.js';
import { selfSignedPair } from './self-signed-pair.js';

let key: string;
let cert: string;

beforeAll(() => {
  ({ key, cert } = selfSignedPair());
});

const getRoot = (url: string, ca?: string, maxVersion?: SecureVersion) =>
  new Promise<number>((resolve, reject) => {
    const options = { ...(ca && { ca }), ...(maxVersion && { maxVersion }) };
    const req = request(`${url}/api/`, options, (response) => {
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

describe('emulator: HTTPS settings in tls', () => {
  const refusal = (tls: Record<string, unknown>) =>
    startEmulator({ tls: tls as never, dataset: { jobs: 1, days: 1 } }).then(
      async (emulator) => {
        await emulator.close();
        throw new Error('started');
      },
      (error: unknown) => error,
    );

  it('serves with an encrypted key and its passphrase; a wrong one is refused without showing it', async () => {
    const passphrase = 'correct-horse-battery';
    const pair = selfSignedPair(passphrase);
    expect(pair.key).toContain('ENCRYPTED');
    const emulator = await emulatorForTest({ tls: { ...pair, passphrase } });
    expect(await getRoot(emulator.url, pair.cert)).toBe(200);

    const wrong = 'wrong-staple-9931';
    const error = await refusal({ ...pair, passphrase: wrong });
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({
      option: 'tls',
      problem: expect.stringContaining('bad decrypt (is tls.passphrase right?)'),
    });
    expect((error as Error).message).not.toContain(wrong);
    expect(await refusal(pair)).toMatchObject({
      problem: expect.stringContaining('(an encrypted key needs tls.passphrase)'),
    });
  });

  it('a wrong passphrase that happens to decrypt to bytes that do not decode is said as bad decrypt', async () => {
    const passphrase = 'correct-horse-battery';
    const pair = selfSignedPair(passphrase);
    // About 1 in 256 wrong passphrases pass the padding check; find one, as CI once did by chance.
    let wrong: string | undefined;
    for (let index = 0; index < 5_000 && wrong === undefined; index++) {
      try {
        createSecureContext({ ...pair, passphrase: `wrong-${index}` });
      } catch (error) {
        if (/DECODER routines/.test((error as Error).message)) wrong = `wrong-${index}`;
      }
    }
    expect(wrong).toBeDefined();
    const error = await refusal({ ...pair, passphrase: wrong });
    expect(error).toMatchObject({
      option: 'tls',
      problem: expect.stringContaining('bad decrypt (is tls.passphrase right?)'),
    });
    expect((error as Error).message).not.toMatch(/DECODER|wrong-/);
  });

  it('minVersion TLSv1.3 refuses a client that speaks TLS 1.2 at most', async () => {
    const emulator = await emulatorForTest({ tls: { key, cert, minVersion: 'TLSv1.3' } });
    await expect(getRoot(emulator.url, cert, 'TLSv1.2')).rejects.toThrow(/protocol version/i);
    expect(await getRoot(emulator.url, cert, 'TLSv1.3')).toBe(200);
    const open = await emulatorForTest({ tls: { key, cert } });
    expect(await getRoot(open.url, cert, 'TLSv1.2')).toBe(200);
  });

  it('names tls.<key> for a setting it cannot use, never showing a passphrase; keys Node does not know are let be', async () => {
    for (const [tls, option, problem] of [
      [{ passphrase: 123456 }, 'tls.passphrase', 'must be a string, got a number'],
      [
        { minVersion: 'TLSv1.4' },
        'tls.minVersion',
        'must be one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, got "TLSv1.4"',
      ],
      [{ maxVersion: 12 }, 'tls.maxVersion', 'must be one of'],
      [
        { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.2' },
        'tls.minVersion',
        'must not be above tls.maxVersion (TLSv1.2)',
      ],
      [
        { ciphers: 'NO-SUCH-CIPHER' },
        'tls.ciphers',
        'is not usable by OpenSSL: error:0A0000B9:SSL routines::no cipher match',
      ],
      [{ ciphers: '' }, 'tls.ciphers', 'must be a non-empty string, got ""'],
      [{ ecdhCurve: 'nope' }, 'tls.ecdhCurve', 'is not usable by OpenSSL'],
      [{ honorCipherOrder: 'yes' }, 'tls.honorCipherOrder', 'must be true or false, got "yes"'],
      [
        { requestCert: true },
        'tls.requestCert',
        'is a Node TLS option the emulator does not pass on',
      ],
    ] as const) {
      const error = await refusal({ key, cert, ...tls });
      expect(error, option).toBeInstanceOf(EmulatorOptionsError);
      expect(error, option).toMatchObject({ option, problem: expect.stringContaining(problem) });
      expect((error as Error).message).not.toContain('123456');
    }
    const emulator = await emulatorForTest({
      tls: { key, cert, fingerprint: 'AB:CD', passphrase: undefined } as never,
    });
    expect(await getRoot(emulator.url, cert)).toBe(200);
  });
});
