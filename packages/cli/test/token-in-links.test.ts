import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileProxy, type Rewrite, startHostileProxy } from './helpers/hostile-proxy.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

let em: RunningEmulator;
let proxy: HostileProxy;
const tokens = new Set<string>();

/** A hostile EM: its paging links carry the session token, and every page after the first fails. */
const tokenInLinks: Rewrite = (_method, path, answer, headers) => {
  const token = headers['x-restsvcsessionid'];
  if (typeof token !== 'string' || !path.startsWith('/api/query')) return answer;
  tokens.add(token);
  if (!/[?&]page=1(&|$)/.test(path)) {
    return {
      status: 500,
      body: '<Error xmlns="http://www.veeam.com/ent/v1.0" Message="boom" StatusCode="500" />',
    };
  }
  return {
    status: answer.status,
    body: answer.body.replace(
      /(page=\d+)(" Rel=")/g,
      (_all, link: string, rel: string) => `${link}&amp;sid=${encodeURIComponent(token)}${rel}`,
    ),
  };
};

beforeAll(async () => {
  em = await startEmulator({ onWarning: () => {} });
  proxy = await startHostileProxy(em.url, tokenInLinks);
});
afterAll(async () => {
  await proxy.close();
  await em.close();
});

describe('a session token in an EM link never reaches the output', () => {
  it('vbem query --debug: the error line and its JSON name the URL with the token redacted', async () => {
    const run = await vbemInProcess(
      ['query', 'BackupJobSession', '--url', proxy.url, '--username', 'emulator', '--debug'],
      { env: { VBEM_PASSWORD: 'emulator' } },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(tokens.size).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/"url": "[^"]*&page=2&sid=\[redacted\]"/);
    for (const token of tokens) {
      for (const form of [token, encodeURIComponent(token)]) {
        expect(run.stdout).not.toContain(form);
        expect(run.stderr).not.toContain(form);
      }
    }
  });
});
