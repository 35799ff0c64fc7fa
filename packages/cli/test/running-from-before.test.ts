import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import type { SessionReport } from '@vbem/reporting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileProxy, startHostileProxy } from './helpers/hostile-proxy.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

/** The end of the emulator's history: its two running sessions started within the day before. */
const HISTORY_END = new Date('2026-03-02T12:00:00Z');
/** Three days later: the crawl (a day's window, an hour's RPO) starts after every session. */
const NOW = new Date(HISTORY_END.getTime() + 3 * 86_400_000);

/**
 * An EM that keeps creation times finer than it writes them: times written with three fraction
 * digits get three more, and a strict `CreationTime>` bound matches the session itself.
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

let em: RunningEmulator;
let microsecondProxy: HostileProxy;
beforeAll(async () => {
  em = await startEmulator({
    dataset: { seed: 7, jobs: 6, days: 5, runningSessions: 2, now: HISTORY_END },
    now: () => NOW,
    onWarning: () => {},
  });
  microsecondProxy = await microsecondEm(em.url);
});
afterAll(async () => {
  await microsecondProxy.close();
  await em.close();
});

const reportOf = async (url: string, ...extra: string[]): Promise<SessionReport> => {
  const { code, stdout, stderr } = await vbemInProcess(
    [
      'report',
      '--url',
      url,
      '--username',
      'emulator',
      '--since',
      '1d',
      '--rpo',
      '1h',
      '--format',
      'json',
      ...extra,
    ],
    { env: { VBEM_PASSWORD: 'emulator' }, now: NOW },
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as SessionReport;
};
const report = (...extra: string[]) => reportOf(em.url, ...extra);

describe('vbem report, of jobs whose run started before the sessions it crawls', () => {
  it('shows the jobs still running as running, the others as missed', async () => {
    const { jobs, missedJobs, vms } = await report();
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(job.running).not.toBeNull();
      expect(job.runs).toBe(1);
      expect(job.running?.elapsedSeconds).toBeGreaterThan(3 * 86_400);
    }
    expect(missedJobs).toHaveLength(4);
    expect(missedJobs.map((job) => job.jobName)).not.toContain(jobs[0]?.jobName);
    expect(missedJobs.map((job) => job.jobName)).not.toContain(jobs[1]?.jobName);
    // The VMs they are backing up, from their task sessions; a copy job has none.
    const withTasks = jobs.filter((job) => job.jobType === 'Backup' || job.jobType === 'Replica');
    expect(new Set(vms.map((vm) => vm.jobName))).toEqual(
      new Set(withTasks.map((job) => job.jobName)),
    );
  });

  it('keeps to the named jobs', async () => {
    const { jobs: all } = await report();
    const [first] = all;
    const { jobs, missedJobs } = await report('--job', first?.jobName ?? '');
    expect(jobs.map((job) => job.jobName)).toEqual([first?.jobName]);
    expect(missedJobs).toEqual([]);
  });
});

describe('runs going on from before the crawl, on an EM with times finer than a millisecond', () => {
  it('are running, not missed: a session is not its own later session', async () => {
    const { jobs, missedJobs } = await reportOf(microsecondProxy.url);
    expect(jobs).toHaveLength(2);
    expect(jobs.every((job) => job.running !== null)).toBe(true);
    expect(missedJobs).toHaveLength(4);
  });
});
