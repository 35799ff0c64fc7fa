import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_EXIT_CODE } from '../src/partial-exit-code.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');

/** After the client's retries, the error says how many attempts it made and over how long. */
describe('the error of a request the client retried', () => {
  let fast: RunningEmulator;
  let stalled: RunningEmulator;
  let dir: string;
  let config: string;
  const env = { VBEM_PASSWORD: 'emulator' };

  beforeAll(async () => {
    const dataset = { now: NOW, days: 2, jobs: 3, vmsPerJob: 1, restoreSessions: 0 };
    const start = (seed: number) =>
      startEmulator({ dataset: { ...dataset, seed }, now: () => NOW, onWarning: () => {} });
    [fast, stalled] = await Promise.all([start(1), start(2)]);
    // Its logon answers; its queries never do.
    stalled.faults.add({ fault: { kind: 'stall' }, path: '/query', times: 1000 });
    dir = await mkdtemp(join(tmpdir(), 'vbem-retried-'));
    config = join(dir, 'config.json');
    const profile = (em: RunningEmulator) => ({ url: em.url, username: 'emulator' });
    await writeFile(
      config,
      JSON.stringify({ profiles: { fast: profile(fast), stalled: profile(stalled) } }),
      { mode: 0o600 },
    );
  });
  afterAll(async () => {
    await Promise.all([fast?.close(), stalled?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const vbem = (argv: readonly string[]) => vbemInProcess(argv, { env, now: NOW });
  // The client's default: 3 retries after the first attempt.
  const retried = String.raw`got no whole answer within 200 ms \(4 attempts over (\d+ ms|\d+s)\)`;

  it('one EM: the timeout error names the attempts and the time they took', async () => {
    const run = await vbem([
      'sessions',
      '--config',
      config,
      '--profile',
      'stalled',
      '--timeout',
      '0.2s',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(String.raw`^vbem: GET \S+/query\S* ${retried}$`, 'm'));
    expect(run.stderr).not.toContain('emulator:');
  });

  it('sessions --all: the warning of the EM that failed says so too', async () => {
    const run = await vbem(['sessions', '--all', '--config', config, '--timeout', '0.2']);
    expect(run.code, run.stderr).toBe(PARTIAL_EXIT_CODE);
    expect(run.stderr).toMatch(
      new RegExp(String.raw`^vbem: warning: stalled: GET \S+/query\S* ${retried}$`, 'm'),
    );
  });
});
