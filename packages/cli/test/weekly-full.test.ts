import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import type { SessionReport } from '@vbem/reporting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vbemInProcess } from './helpers/vbem-in-process.js';

// A Saturday noon: the emulator's backup jobs ran their weekly active full backup this morning,
// 2.5 times as long as their daily incrementals (see the emulator's generate-job-sessions.ts).
const SATURDAY = new Date('2026-11-21T12:00:00Z');

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({
    now: () => SATURDAY,
    dataset: { now: SATURDAY },
    onWarning: () => {},
  });
});
afterAll(async () => {
  await em.close();
});

describe('vbem report on the day of a weekly full backup', { timeout: 60_000 }, () => {
  it('does not call the weekly fulls slower than usual', async () => {
    const { code, stdout, stderr } = await vbemInProcess(
      ['report', '--url', em.url, '--username', 'emulator', '--since', '7d', '--format', 'json'],
      { env: { VBEM_PASSWORD: 'emulator' }, now: SATURDAY },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SessionReport;
    // The fulls ran: this morning's runs of the backup jobs took longer than their p50.
    const fulls = report.jobs.filter(
      (job) =>
        job.jobType === 'Backup' &&
        job.lastRunAt?.startsWith('2026-11-21') === true &&
        (job.durations?.maxSeconds ?? 0) > 2 * (job.durations?.p50Seconds ?? 0),
    );
    expect(fulls.length).toBeGreaterThanOrEqual(5);
    expect(report.jobs.filter((job) => job.slowerThanUsual).map((job) => job.reasons)).toEqual([]);
  });
});

describe('vbem report of a window that ends on a Saturday night, two Saturdays of history', {
  timeout: 60_000,
}, () => {
  // Two earlier Saturdays are known: their fulls took 1.07 h and 1.41 h, the other days 0.4 to
  // 1.1 h; the lower full alone did not make Saturday a weekday that usually takes longer.
  const END = new Date('2026-11-15T00:00:00Z');
  let fortnight: RunningEmulator;
  beforeAll(async () => {
    fortnight = await startEmulator({
      now: () => END,
      dataset: { seed: 42, jobs: 12, days: 30, now: END },
      onWarning: () => {},
    });
  });
  afterAll(async () => {
    await fortnight.close();
  });

  it('does not call that Saturday’s full slower than usual', async () => {
    const { code, stdout, stderr } = await vbemInProcess(
      [
        'report',
        '--url',
        fortnight.url,
        '--username',
        'emulator',
        '--since',
        '7d',
        '--to',
        END.toISOString(),
        '--format',
        'json',
      ],
      { env: { VBEM_PASSWORD: 'emulator' }, now: END },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SessionReport;
    expect(report.jobs.find((job) => job.jobName === 'SQL Backup')?.lastRunAt).toMatch(
      /^2026-11-14/,
    );
    expect(report.jobs.filter((job) => job.slowerThanUsual).map((job) => job.reasons)).toEqual([]);
  });
});
