import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import type { SessionReport } from '@vbem/reporting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileProxy, startHostileProxy } from './helpers/hostile-proxy.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

/**
 * An EM as it keeps creation times: finer than a Date. Times get microseconds, and a strict
 * `CreationTime>` bound cut to the millisecond matches the session itself, as it does on EM.
 */
const microsecondEm = (upstream: string) =>
  startHostileProxy(
    upstream,
    (_method, _path, answer) => ({
      ...answer,
      body: answer.body.replace(/(T\d\d:\d\d:\d\d\.\d{3})Z/g, '$1559Z'),
    }),
    (path) => path.replaceAll('CreationTime%3E%22', 'CreationTime%3E%3D%22'),
  );

const HISTORY_END = new Date('2026-03-02T12:00:00Z');
const NOW = new Date(HISTORY_END.getTime() + 3 * 86_400_000);
let em: RunningEmulator;
let proxy: HostileProxy;

beforeAll(async () => {
  em = await startEmulator({
    dataset: { seed: 7, jobs: 6, days: 5, runningSessions: 2, now: HISTORY_END },
    now: () => NOW,
    onWarning: () => {},
  });
  proxy = await microsecondEm(em.url);
});

afterAll(async () => {
  await proxy.close();
  await em.close();
});

describe('runs going on from before the crawl, on an EM with times finer than a millisecond', () => {
  it('are running, not missed: a session is not its own later session', async () => {
    const { code, stdout } = await vbemInProcess(
      [
        'report',
        '--url',
        proxy.url,
        '--username',
        'emulator',
        '--since',
        '1d',
        '--rpo',
        '1h',
        '--format',
        'json',
      ],
      { env: { VBEM_PASSWORD: 'emulator' }, now: NOW },
    );
    expect(code).toBe(0);
    const { jobs, missedJobs } = JSON.parse(stdout) as SessionReport;
    expect(jobs).toHaveLength(2);
    expect(jobs.every((job) => job.running !== null)).toBe(true);
    expect(missedJobs).toHaveLength(4);
  });
});
