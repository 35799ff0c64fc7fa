import type { SessionResult } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build-report.js';
import { ReportError } from '../src/report-error.js';
import type { ReportJobSession } from '../src/report-input.js';
import { reportInputRange } from '../src/report-input-range.js';

const now = new Date('2026-11-20T08:00:00Z');
const HOUR = 3_600_000;

/** A finished half-hour session of `job`. */
const sessionOf = (job: string, startMs: number, result: SessionResult): ReportJobSession => ({
  UID: `urn:veeam:BackupJobSession:${job}-${startMs}`,
  JobUid: `urn:veeam:Job:${job}`,
  JobName: job,
  JobType: 'Backup',
  CreationTimeUTC: new Date(startMs),
  EndTimeUTC: new Date(startMs + HOUR / 2),
  State: 'Stopped',
  Result: result,
  Links: [],
});

describe('reportInputRange', () => {
  it('needs job sessions from the window start minus the RPO, task sessions from the window', () => {
    expect(reportInputRange({ now, since: '24h', rpo: '48h' })).toEqual({
      now,
      from: new Date('2026-11-19T08:00:00Z'),
      to: now,
      sessionsFrom: new Date('2026-11-17T08:00:00Z'),
      historyFrom: new Date('2026-11-11T08:00:00Z'),
    });
  });

  it('goes back by the largest RPO, the default or any job’s', () => {
    const from = new Date('2026-11-10T00:00:00Z');
    const to = new Date('2026-11-17T00:00:00Z');
    const range = reportInputRange({
      now,
      from,
      to,
      rpo: { default: '1d', jobs: { 'SQL Backup': '3d', Files: '12h' } },
    });
    expect(range).toEqual({
      now,
      from,
      to,
      sessionsFrom: new Date('2026-11-07T00:00:00Z'),
      historyFrom: new Date('2026-11-02T00:00:00Z'),
    });
    // An RPO longer than a week and a day: job sessions for it are those for what is usual.
    expect(reportInputRange({ now, from, to, rpo: { default: '9d' } }).historyFrom).toEqual(
      new Date('2026-11-01T00:00:00Z'),
    );
    expect(reportInputRange({ now, from, to, rpo: { default: '2d' } }).sessionsFrom).toEqual(
      new Date('2026-11-08T00:00:00Z'),
    );
  });

  it('uses buildReport’s defaults: 7 days back from now, an RPO of 24 h, the system clock', () => {
    expect(reportInputRange({ now })).toEqual({
      now,
      from: new Date('2026-11-13T08:00:00Z'),
      to: now,
      sessionsFrom: new Date('2026-11-12T08:00:00Z'),
      historyFrom: new Date('2026-11-05T08:00:00Z'),
    });
    const before = Date.now();
    const range = reportInputRange();
    expect(range.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(range.now.getTime()).toBeLessThanOrEqual(Date.now());
    expect(range.to).toEqual(range.now);
  });

  it('does not reach before the year 0001', () => {
    const from = new Date('0001-01-01T12:00:00Z');
    const to = new Date('0001-01-10T00:00:00Z');
    const range = reportInputRange({ now, from, to, rpo: '2d' });
    expect(range.sessionsFrom).toEqual(new Date('0001-01-01T00:00:00Z'));
    expect(range.historyFrom).toEqual(new Date('0001-01-01T00:00:00Z'));
  });

  it('refuses what buildReport refuses, by name', () => {
    const refused = (options: Parameters<typeof reportInputRange>[0], message: RegExp) => {
      expect(() => reportInputRange(options)).toThrow(ReportError);
      expect(() => reportInputRange(options)).toThrow(message);
    };
    refused({ now, since: '7 days' }, /^since: "7 days" is not a duration/);
    refused(
      null as unknown as Parameters<typeof reportInputRange>[0],
      /^reportInputRange: options is null, not an object or undefined$/,
    );
    refused({ now, rpo: { default: '1d', jobs: { Files: 'soon' } } }, /rpo\.jobs\["Files"\]/);
    refused({ now, from: now, to: now }, /from .* must be before to/);
    refused({ now: new Date(Number.NaN) }, /^now: invalid Date/);
    refused({ now, since: '523w' }, /is longer than 3660 days \(about ten years\)/);
    // What only the day buckets checked before: a crawl no longer starts for a report that fails.
    refused({ now, timeZone: 'Mars/Olympus_Mons' }, /^timeZone: "Mars\/Olympus_Mons" is not/);
    refused(
      {
        now: new Date('0001-01-04T00:00:00Z'),
        from: new Date('0001-01-01T00:00:00Z'),
        timeZone: 'America/Los_Angeles',
      },
      /must lie within the years 0001 to 9999 in America\/Los_Angeles/,
    );
  });

  it('is all the RPO needs: sessions before sessionsFrom do not change the report', async () => {
    const sessions: ReportJobSession[] = [];
    const add = (job: string, startMs: number, result: SessionResult) =>
      sessions.push(sessionOf(job, startMs, result));
    const options = { now, since: '12h', rpo: { default: '24h', jobs: { Weekly: '7d' } } };
    const range = reportInputRange(options);
    const fromMs = range.from.getTime();
    // Each job last succeeded before the window, within its RPO, then failed in the window.
    for (const [job, successBeforeMs] of [
      ['Daily', 10 * HOUR],
      ['Weekly', 6 * 24 * HOUR],
    ] as const) {
      add(job, fromMs - 40 * 24 * HOUR, 'Success');
      add(job, fromMs - successBeforeMs, 'Success');
      for (let hour = 2; hour < 12; hour += 4) add(job, fromMs + hour * HOUR, 'Failed');
    }
    sessions.sort((a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime());
    const inRange = sessions.filter(
      (session) =>
        session.CreationTimeUTC >= range.sessionsFrom && session.CreationTimeUTC < range.to,
    );
    expect(inRange).toHaveLength(sessions.length - 2);
    const whole = await buildReport({ sessions }, options);
    const fromRange = await buildReport({ sessions: inRange }, { ...options, now: range.now });
    expect(fromRange).toEqual(whole);
    expect(whole.jobs.map((job) => [job.jobName, job.rpoBreached])).toEqual([
      ['Daily', false],
      ['Weekly', false],
    ]);
  });

  it('gives every run of the window the runs of its weekday a week before it from historyFrom', async () => {
    // A daily job at 02:00 with a full on Saturdays (the 14th, 21st and 28th of November 2026),
    // the report ending on Saturday the 21st: its full is usual with the 14th's, from before the
    // window, and would read as slow without it.
    const options = { now: new Date('2026-11-21T12:00:00Z'), since: '7d' };
    const range = reportInputRange(options);
    const sessions: ReportJobSession[] = [];
    for (let day = 1; day <= 21; day++) {
      const startMs = Date.parse(`2026-11-${String(day).padStart(2, '0')}T02:00:00Z`);
      const minutes = new Date(startMs).getUTCDay() === 6 ? 75 : 30;
      sessions.push({
        ...sessionOf('Daily', startMs, 'Success'),
        EndTimeUTC: new Date(startMs + minutes * 60_000),
      });
    }
    const read = (fromMs: number) =>
      buildReport(
        { sessions: sessions.filter((session) => session.CreationTimeUTC.getTime() >= fromMs) },
        options,
      );
    const [history] = (await read(range.historyFrom.getTime())).jobs;
    const [windowOnly] = (await read(range.from.getTime())).jobs;
    expect(history?.slowerThanUsual).toBe(false);
    expect(windowOnly?.reasons).toEqual([
      'last run took 1.3 h, 2.5 × longer than usual (from 6 d of runs, less than a week)',
    ]);
  });

  it('misses a success that ran longer than the window, as a crawl by creation time does', async () => {
    // A 1 h window and a 24 h RPO: a success that started 26 h ago and ended 2 h ago is within
    // the RPO, but started before sessionsFrom (25 h ago).
    const options = { now, since: '1h', rpo: '24h' };
    const range = reportInputRange(options);
    const long = {
      ...sessionOf('Long', now.getTime() - 26 * HOUR, 'Success'),
      EndTimeUTC: new Date(now.getTime() - 2 * HOUR),
    };
    const failed = sessionOf('Long', range.from.getTime() + HOUR / 4, 'Failed');
    expect(long.CreationTimeUTC < range.sessionsFrom).toBe(true);
    const [whole] = (await buildReport({ sessions: [long, failed] }, options)).jobs;
    const [fromRange] = (await buildReport({ sessions: [failed] }, options)).jobs;
    expect(whole?.rpoBreached).toBe(false);
    expect(fromRange?.rpoBreached).toBe(true);
  });

  it('leaves out a last success older than the largest RPO: the job is breached either way', async () => {
    const options = { now, since: '2d', rpo: '24h' };
    const range = reportInputRange(options);
    const old = sessionOf('Old', range.sessionsFrom.getTime() - HOUR, 'Success');
    const failed = sessionOf('Old', range.from.getTime() + HOUR, 'Failed');
    const [whole] = (await buildReport({ sessions: [old, failed] }, options)).jobs;
    const [fromRange] = (await buildReport({ sessions: [failed] }, options)).jobs;
    expect(whole?.rpoBreached).toBe(true);
    expect(fromRange?.rpoBreached).toBe(true);
    expect(whole?.lastSuccessAt).toBe(old.EndTimeUTC?.toISOString());
    expect(fromRange?.lastSuccessAt).toBeNull();
  });
});
