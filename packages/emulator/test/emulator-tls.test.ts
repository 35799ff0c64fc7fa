import { request } from 'node:https';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorForTest } from './emulator-harness.js';
import { selfSignedPair } from './self-signed-pair.js';

let key: string;
let cert: string;

beforeAll(() => {
  ({ key, cert } = selfSignedPair());
});

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
