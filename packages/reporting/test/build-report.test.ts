import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BackupJobSession, BackupTaskSession, Job, SessionResult } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build-report.js';
import { CountPool } from '../src/count-pool.js';
import { DurationHistogram } from '../src/duration-histogram.js';
import { FailureReasonCounts } from '../src/failure-reason-counts.js';
import { mergeReports } from '../src/merge-reports.js';
import { MAX_NORMALIZED_CHARS, normalizeReason } from '../src/normalize-reason.js';
import { parseDuration } from '../src/parse-duration.js';
import { renderCsv } from '../src/render/render-csv.js';
import { renderHtml } from '../src/render/render-html.js';
import { renderJson } from '../src/render/render-json.js';
import { renderMarkdown } from '../src/render/render-markdown.js';
import { renderPrometheus } from '../src/render/render-prometheus.js';
import { renderText } from '../src/render/render-text.js';
import type { GroupReport, JobReport, SessionReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import type { ReportOptions } from '../src/report-options.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const jobUidOf = (job: string) => `urn:veeam:Job:${job.replace(/[^A-Za-z0-9]/g, '-')}`;

let sessionCount = 0;

interface SessionSpec {
  /** Minutes the session ran; omitted for a running session. */
  readonly minutes?: number;
  readonly result?: SessionResult;
  readonly retry?: boolean;
  readonly server?: string | null;
  readonly jobType?: string;
}

/** A backup job session as EM returns it, with the Up links to its backup server and job. */
function jobSession(job: string, start: string, spec: SessionSpec = {}): BackupJobSession {
  const id = `00000000-0000-4000-8000-${String(++sessionCount).padStart(12, '0')}`;
  const creation = new Date(start);
  const running = spec.minutes === undefined;
  const server = spec.server === undefined ? 'vbr01.lab.local' : spec.server;
  const session: BackupJobSession = {
    Href: `https://em:9398/api/backupSessions/${id}?format=Entity`,
    Type: 'BackupJobSession',
    Name: `${job}@${start}`,
    UID: `urn:veeam:BackupJobSession:${id}`,
    Links: [
      ...(server === null
        ? []
        : [
            {
              Rel: 'Up',
              Type: 'BackupServerReference',
              Href: `https://em:9398/api/backupServers/${server}`,
              Name: server,
            },
          ]),
      { Rel: 'Up', Type: 'JobReference', Href: `https://em:9398/api/jobs/${job}`, Name: job },
    ],
    JobUid: jobUidOf(job),
    JobName: job,
    JobType: spec.jobType ?? 'Backup',
    CreationTimeUTC: creation,
    State: running ? 'Working' : 'Stopped',
    Result: running ? 'None' : (spec.result ?? 'Success'),
    Progress: running ? 40 : 100,
    IsRetry: spec.retry ?? false,
  };
  if (spec.minutes !== undefined) {
    session.EndTimeUTC = new Date(creation.getTime() + spec.minutes * MINUTE);
  }
  return session;
}

/** A finished task session of `session` for one VM, starting a minute after it. */
function taskSession(
  vm: string,
  session: BackupJobSession,
  result: SessionResult,
  reason = '',
): BackupTaskSession {
  const id = `10000000-0000-4000-8000-${String(++sessionCount).padStart(12, '0')}`;
  const creation = new Date(session.CreationTimeUTC.getTime() + MINUTE);
  return {
    Href: `https://em:9398/api/backupTaskSessions/${id}?format=Entity`,
    Type: 'BackupTaskSession',
    Name: `${vm}@${creation.toISOString()}`,
    UID: `urn:veeam:BackupTaskSession:${id}`,
    VmDisplayName: vm,
    Links: [],
    JobSessionUid: session.UID,
    CreationTimeUTC: creation,
    EndTimeUTC: new Date(creation.getTime() + 5 * MINUTE),
    State: 'Completed',
    Result: result,
    Reason: reason,
    TotalSize: 1_000_000,
  };
}

const jobEntity = (name: string, scheduleEnabled = true): Job => ({
  Href: `https://em:9398/api/jobs/${name}`,
  Name: name,
  UID: jobUidOf(name),
  Links: [],
  JobType: 'Backup',
  ScheduleEnabled: scheduleEnabled,
});

/** Daily sessions of one job at 01:00 UTC from `firstDay` (`2025-10-02`), one per result. */
const dailyRuns = (job: string, firstDay: number, results: SessionResult[], minutes = 10) =>
  results.map((result, day) =>
    jobSession(job, `2025-10-${String(firstDay + day).padStart(2, '0')}T01:00:00Z`, {
      minutes,
      result,
    }),
  );

const report = (sessions: BackupJobSession[], options: ReportOptions) =>
  buildReport({ sessions }, options);

function jobOf(built: SessionReport, name: string): JobReport {
  const job = built.jobs.find((candidate) => candidate.jobName === name);
  if (job === undefined) throw new Error(`no job ${name} in the report`);
  return job;
}

const reportError = async (promise: Promise<unknown>): Promise<ReportError> => {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ReportError);
  return error as ReportError;
};

describe('buildReport: runs and retries', () => {
  it('folds a failed run retried to success into one successful run of two attempts', async () => {
    const built = await report(
      [
        jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10, result: 'Failed' }),
        jobSession('Daily', '2025-10-06T01:30:00Z', { minutes: 10, retry: true }),
      ],
      { now: new Date('2025-10-06T12:00:00Z') },
    );
    expect(built.jobs).toEqual([
      {
        jobUid: jobUidOf('Daily'),
        jobName: 'Daily',
        jobType: 'Backup',
        backupServer: 'vbr01.lab.local',
        source: null,
        health: 'ok',
        reasons: [],
        runs: 1,
        attempts: 2,
        successfulRuns: 1,
        warningRuns: 0,
        failedRuns: 0,
        runsWithoutOutcome: 0,
        successRate: 1,
        lastResult: 'Success',
        lastRunAt: '2025-10-06T01:00:00.000Z',
        lastSuccessAt: '2025-10-06T01:40:00.000Z',
        lastSuccessAgeSeconds: 37_200,
        rpoSeconds: 86_400,
        rpoBreached: false,
        consecutiveFailures: 0,
        running: null,
        // From the first attempt's start to the retry's end.
        durations: { p50Seconds: 2_400, p95Seconds: 2_400, maxSeconds: 2_400, samples: 1 },
        slowerThanUsual: false,
        failureReasons: [],
      },
    ]);
    expect(built.totals).toMatchObject({ runs: 1, attempts: 2, successfulRuns: 1, failedRuns: 0 });
  });

  it('keeps a run failed when its retry failed too, and starts a new run without IsRetry', async () => {
    const built = await report(
      [
        jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10, result: 'Failed' }),
        jobSession('Daily', '2025-10-05T01:30:00Z', { minutes: 10, result: 'Failed', retry: true }),
        jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10 }),
      ],
      { now: new Date('2025-10-06T12:00:00Z') },
    );
    expect(jobOf(built, 'Daily')).toMatchObject({
      runs: 2,
      attempts: 3,
      successfulRuns: 1,
      failedRuns: 1,
      successRate: 0.5,
      consecutiveFailures: 0,
      lastRunAt: '2025-10-06T01:00:00.000Z',
    });
  });

  it('counts a Warning as a success only under warning-is-success', async () => {
    const sessions = () => dailyRuns('Mixed', 2, ['Success', 'Warning', 'Failed', 'Warning']);
    const now = new Date('2025-10-05T12:00:00Z');

    const strict = jobOf(await report(sessions(), { now }), 'Mixed');
    expect(strict).toMatchObject({
      successfulRuns: 1,
      warningRuns: 2,
      failedRuns: 1,
      successRate: 0.25,
      lastResult: 'Warning',
      lastSuccessAt: '2025-10-02T01:10:00.000Z',
      lastSuccessAgeSeconds: 298_200,
      rpoBreached: true,
      consecutiveFailures: 1,
      health: 'critical',
    });
    expect(strict.reasons).toEqual([
      'no successful run for 3.5 d (RPO 24 h)',
      'last run ended with a warning',
      'success rate 25.0% (below 90%)',
    ]);

    const lenient = jobOf(await report(sessions(), { now, policy: 'warning-is-success' }), 'Mixed');
    expect(lenient).toMatchObject({
      successfulRuns: 1,
      warningRuns: 2,
      failedRuns: 1,
      successRate: 0.75,
      lastSuccessAt: '2025-10-05T01:10:00.000Z',
      rpoBreached: false,
      consecutiveFailures: 0,
      health: 'warning',
      reasons: ['success rate 75.0% (below 90%)'],
    });
  });

  it('counts failures since the last success; a Warning under strict neither ends nor extends the count', async () => {
    const now = new Date('2025-10-05T12:00:00Z');
    const options = { now, rpo: '7d' };
    const interrupted = jobOf(
      await report(dailyRuns('Streak', 2, ['Success', 'Failed', 'Warning', 'Failed']), options),
      'Streak',
    );
    expect(interrupted).toMatchObject({ consecutiveFailures: 2, health: 'critical' });
    expect(interrupted.reasons).toEqual([
      'last run failed',
      '2 failed runs without a success between them',
      'success rate 25.0% (below 90%)',
    ]);

    const inARow = jobOf(
      await report(dailyRuns('Row', 3, ['Success', 'Failed', 'Failed']), options),
      'Row',
    );
    expect(inARow).toMatchObject({ consecutiveFailures: 2, health: 'critical' });
    expect(inARow.reasons).toEqual(['2 failed runs in a row', 'success rate 33.3% (below 90%)']);

    const lenient = jobOf(
      await report(dailyRuns('Streak', 2, ['Success', 'Failed', 'Warning', 'Failed']), {
        ...options,
        policy: 'warning-is-success',
      }),
      'Streak',
    );
    expect(lenient).toMatchObject({ consecutiveFailures: 1, health: 'critical' });
    expect(lenient.reasons).toEqual(['last run failed', 'success rate 50.0% (below 90%)']);
  });
});

describe('buildReport: success rate reason', () => {
  // 2,000 runs ten minutes apart; the first `failed` of them failed.
  const runs = (job: string, failed: number) =>
    Array.from({ length: 2000 }, (_, index) =>
      jobSession(
        job,
        new Date(Date.parse('2025-10-01T00:00:00Z') + index * 10 * MINUTE).toISOString(),
        {
          minutes: 1,
          result: index < failed ? 'Failed' : 'Success',
        },
      ),
    );
  const options = {
    from: new Date('2025-10-01T00:00:00Z'),
    to: new Date('2025-10-15T00:00:00Z'),
    now: new Date('2025-10-15T00:00:00Z'),
  };

  it('writes the rate as the tables do, just below the floor when it rounds to it', async () => {
    const built = await report([...runs('Near', 201), ...runs('Low', 1999)], options);
    const near = jobOf(built, 'Near');
    expect(near.successRate).toBe(0.8995);
    expect(near.reasons).toEqual(['success rate 90.0% (just below 90%)']);
    expect(jobOf(built, 'Low').reasons).toEqual(['success rate 0.1% (below 90%)']);
    const text = renderText(built, { width: 120 });
    expect(text).toMatch(/Near .* 90\.0%/);
    expect(text).toMatch(/Low .* 0\.1%/);
  });
});

describe('buildReport: RPO', () => {
  const lastSuccessEnd = Date.parse('2025-10-06T01:10:00Z');
  const sessions = () => [jobSession('Edge', '2025-10-06T01:00:00Z', { minutes: 10 })];

  it('is not breached at an age of exactly the RPO, and breached one millisecond later', async () => {
    const atRpo = jobOf(
      await report(sessions(), { now: new Date(lastSuccessEnd + 24 * HOUR) }),
      'Edge',
    );
    expect(atRpo).toMatchObject({
      lastSuccessAgeSeconds: 86_400,
      rpoBreached: false,
      health: 'ok',
    });

    const past = await report(sessions(), { now: new Date(lastSuccessEnd + 24 * HOUR + 1) });
    expect(jobOf(past, 'Edge')).toMatchObject({
      lastSuccessAgeSeconds: 86_400.001,
      rpoBreached: true,
      health: 'critical',
      reasons: ['no successful run for more than 24 h (RPO 24 h)'],
    });
    expect(past.totals.jobsBreachingRpo).toBe(1);
  });

  it('writes the RPO one way in a text report: in reasons, missed jobs and VMs breaching it', async () => {
    const edge = jobSession('Edge', '2025-10-06T01:00:00Z', { minutes: 10 });
    const built = await buildReport(
      {
        sessions: [edge],
        taskSessions: [taskSession('vm01', edge, 'Success')],
        jobs: [jobEntity('Edge'), jobEntity('Idle')],
      },
      { now: new Date(lastSuccessEnd + 30 * HOUR) },
    );
    const text = renderText(built, { width: 200 });
    expect(text).toContain('Edge (critical): no successful run for 30 h (RPO 24 h)');
    expect(text).toContain('Idle (Backup, scheduled): RPO 24 h breached, no success seen');
    expect(text).toContain('vm01 (Edge): last success 30.1 h ago, RPO 24 h');
    // Every RPO written, as in `RPO 24 h` or `RPO 1d`: one way only.
    const written = [...text.matchAll(/RPO (\d[\d.]* ?[a-z]+)/g)].map((match) => match[1]);
    expect(new Set(written)).toEqual(new Set(['24 h']));
    expect(written).toHaveLength(3);
  });

  it('holds a job to its own RPO, by name or by UID, the UID first', async () => {
    const now = new Date(lastSuccessEnd + 24 * HOUR + 1);
    const byName = await report(sessions(), { now, rpo: { default: '24h', jobs: { Edge: '2d' } } });
    expect(jobOf(byName, 'Edge')).toMatchObject({ rpoSeconds: 172_800, rpoBreached: false });
    expect(byName.defaultRpoSeconds).toBe(86_400);

    const byUid = await report(sessions(), {
      now,
      rpo: { default: '1w', jobs: { Edge: '2d', [jobUidOf('Edge')]: '12h' } },
    });
    expect(jobOf(byUid, 'Edge')).toMatchObject({ rpoSeconds: 43_200, rpoBreached: true });
    expect(byUid.defaultRpoSeconds).toBe(604_800);
  });

  it('takes the last success from a session before the window, for the RPO only', async () => {
    // A report of the last 24 h with an RPO of 48 h: the success 30 h ago is before the window.
    const now = new Date('2025-10-07T08:00:00Z');
    const built = await report(
      [
        jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10, result: 'Failed' }),
        jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 60 }),
        jobSession('Daily', '2025-10-06T01:30:00Z', { minutes: 10, result: 'Warning' }),
        jobSession('Daily', '2025-10-07T02:00:00Z', { minutes: 10, result: 'Failed' }),
        jobSession('Before only', '2025-10-06T01:00:00Z', { minutes: 10 }),
      ],
      { now, since: '24h', rpo: '48h' },
    );
    expect(jobOf(built, 'Daily')).toMatchObject({
      lastSuccessAt: '2025-10-06T02:00:00.000Z',
      lastSuccessAgeSeconds: 30 * 3600,
      rpoBreached: false,
      runs: 1,
      attempts: 1,
      failedRuns: 1,
      lastResult: 'Failed',
      consecutiveFailures: 1,
    });
    expect(jobOf(built, 'Daily').reasons.join('; ')).not.toMatch(/RPO|no successful run/);
    expect(built.jobs.map((job) => job.jobName)).toEqual(['Daily']);
    expect(built.days.reduce((runs, day) => runs + day.failedRuns + day.successfulRuns, 0)).toBe(1);

    const lenient = await report(
      [
        jobSession('Daily', '2025-10-06T01:30:00Z', { minutes: 10, result: 'Warning' }),
        jobSession('Daily', '2025-10-07T02:00:00Z', { minutes: 10, result: 'Failed' }),
      ],
      { now, since: '24h', rpo: '48h', policy: 'warning-is-success' },
    );
    expect(jobOf(lenient, 'Daily').lastSuccessAt).toBe('2025-10-06T01:40:00.000Z');
  });

  it('says how far back no run succeeded when sessions from before the window were given', async () => {
    const now = new Date('2025-10-06T12:00:00Z');
    const failed = (job: string, start: string) =>
      jobSession(job, start, { minutes: 10, result: 'Failed' });
    const built = await report(
      [
        failed('Stale', '2025-10-05T01:00:00Z'),
        failed('Stale', '2025-10-06T01:00:00Z'),
        failed('New', '2025-10-06T01:00:00Z'),
      ],
      { now, since: '24h' },
    );
    // Sessions from 35 h back, none a success: not only none in the window.
    expect(jobOf(built, 'Stale').reasons[0]).toBe('no successful run in the last 35 h (RPO 24 h)');
    expect(jobOf(built, 'New').reasons[0]).toBe('no successful run in the window');

    // A run carried in from before the window, still running, without a success before it.
    const carried = await report([jobSession('Full', '2025-10-05T06:00:00Z')], {
      now,
      since: '24h',
    });
    expect(jobOf(carried, 'Full').reasons).toEqual([
      'no successful run in the last 30 h (RPO 24 h)',
    ]);

    // Sessions from less than the RPO back: no wording that reads as within it.
    const recent = await report(
      [failed('Young', '2025-10-06T09:30:00Z'), failed('Young', '2025-10-06T11:30:00Z')],
      { now, since: '1h', rpo: '24h' },
    );
    expect(jobOf(recent, 'Young').rpoBreached).toBe(true);
    expect(jobOf(recent, 'Young').reasons[0]).toBe(
      'no successful run known (none since the first session read, 2.5 h ago; RPO 24 h)',
    );
  });

  it('reads an age of 30 h against an RPO of 24 h in plain words', async () => {
    const built = await report(sessions(), { now: new Date(lastSuccessEnd + 30 * HOUR) });
    expect(jobOf(built, 'Edge').reasons).toEqual(['no successful run for 30 h (RPO 24 h)']);
  });
});

describe('buildReport: window', () => {
  const now = new Date('2025-10-08T00:00:00Z');

  it('takes sessions by creation time in [from, to); a retry whose run began before the window starts a run', async () => {
    const built = await report(
      [
        jobSession('Old', '2025-09-29T01:00:00Z', { minutes: 10 }),
        // Crosses the window's start: created before it, so outside it.
        jobSession('Edgy', '2025-09-30T23:50:00Z', { minutes: 20, result: 'Failed' }),
        jobSession('AtStart', '2025-10-01T00:00:00Z', { minutes: 5 }),
        jobSession('Edgy', '2025-10-01T00:30:00Z', { minutes: 20, retry: true }),
        jobSession('AtEnd', '2025-10-08T00:00:00Z', { minutes: 5 }),
      ],
      { now },
    );
    expect(built.window).toEqual({
      from: '2025-10-01T00:00:00.000Z',
      to: '2025-10-08T00:00:00.000Z',
      timeZone: 'UTC',
    });
    expect(built.jobs.map((job) => job.jobName).sort()).toEqual(['AtStart', 'Edgy']);
    expect(jobOf(built, 'Edgy')).toMatchObject({
      runs: 1,
      attempts: 1,
      successfulRuns: 1,
      lastRunAt: '2025-10-01T00:30:00.000Z',
      durations: { maxSeconds: 1_200, samples: 1 },
    });
    expect(built.totals).toMatchObject({ jobs: 2, runs: 2, attempts: 2 });
  });

  it('uses from and to when given, and since back from to', async () => {
    const sessions = () => [
      jobSession('Daily', '2025-10-02T01:00:00Z', { minutes: 10 }),
      jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10 }),
    ];
    const explicit = await report(sessions(), {
      now,
      from: new Date('2025-10-04T00:00:00Z'),
      to: new Date('2025-10-06T00:00:00Z'),
    });
    expect(jobOf(explicit, 'Daily').runs).toBe(1);
    expect(explicit.days.map((day) => day.date)).toEqual(['2025-10-04', '2025-10-05']);

    const since = await report(sessions(), {
      now,
      since: '24h',
      to: new Date('2025-10-05T12:00:00Z'),
    });
    expect(since.window.from).toBe('2025-10-04T12:00:00.000Z');
    expect(jobOf(since, 'Daily').runs).toBe(1);
  });

  it('names the time zone as it was given, not by an alias Intl resolves it to', async () => {
    const zoneOf = async (timeZone: string) =>
      (await report([], { now: new Date('2026-01-01T00:00:00Z'), timeZone })).window.timeZone;
    expect(await zoneOf('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(await zoneOf('Europe/Kyiv')).toBe('Europe/Kyiv');
    expect(await zoneOf('europe/berlin')).toBe('Europe/Berlin');
    expect(await zoneOf('utc')).toBe('UTC');
    expect(await zoneOf('asia/calcutta')).toBe('Asia/Calcutta');
  });

  it('reads the system clock without now', async () => {
    const before = Date.now();
    const built = await buildReport({ sessions: [] });
    const generatedAt = Date.parse(built.generatedAt);
    expect(generatedAt).toBeGreaterThanOrEqual(before);
    expect(generatedAt).toBeLessThanOrEqual(Date.now());
    expect(built.window.to).toBe(built.generatedAt);
    expect(Date.parse(built.window.to) - Date.parse(built.window.from)).toBe(7 * 24 * HOUR);
  });

  it('says it was generated at generatedAt, while ages and running times stand at now', async () => {
    const to = new Date('2025-10-08T00:00:00Z');
    const made = new Date('2025-10-20T09:30:00Z');
    const sessions = [
      jobSession('Daily', '2025-10-07T01:00:00Z', { minutes: 60 }),
      jobSession('Long', '2025-10-07T20:00:00Z'),
    ];
    const asOfTo = await buildReport({ sessions }, { to, now: to, since: '7d' });
    const built = await buildReport({ sessions }, { to, now: to, since: '7d', generatedAt: made });
    expect(built.generatedAt).toBe('2025-10-20T09:30:00.000Z');
    expect(asOfTo.generatedAt).toBe('2025-10-08T00:00:00.000Z');
    // Judged at `now` (the window's end) all the same.
    expect({ ...built, generatedAt: asOfTo.generatedAt }).toEqual(asOfTo);
    const job = (name: string) => built.jobs.find((each) => each.jobName === name);
    expect(job('Daily')?.lastSuccessAgeSeconds).toBe(22 * 3600);
    expect(job('Long')?.running?.elapsedSeconds).toBe(4 * 3600);
  });

  it('reports an empty window as empty, with zero totals and every day listed', async () => {
    const built = await buildReport({ sessions: [] }, { now });
    expect(built.empty).toBe(true);
    expect(built.generatedAt).toBe('2025-10-08T00:00:00.000Z');
    expect(built.totals).toEqual({
      jobs: 0,
      runs: 0,
      attempts: 0,
      successfulRuns: 0,
      warningRuns: 0,
      failedRuns: 0,
      runningRuns: 0,
      runsWithoutOutcome: 0,
      successRate: null,
      jobsBreachingRpo: 0,
      missedJobsBreachingRpo: 0,
      // No task sessions: VMs were not assessed, which 0 would not say.
      vmsBreachingRpo: null,
    });
    expect(built.jobs).toEqual([]);
    expect(built.vms).toEqual([]);
    expect(built.days).toEqual(
      ['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
        date: `2025-10-${day}`,
        successfulRuns: 0,
        warningRuns: 0,
        failedRuns: 0,
      })),
    );
  });

  it('refuses sessions of one job out of creation order, naming the job and both times', async () => {
    const error = await reportError(
      report(
        [
          jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10 }),
          jobSession('Other', '2025-10-02T01:00:00Z', { minutes: 10 }),
          jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10 }),
        ],
        { now },
      ),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('"Daily"');
    expect(error.message).toContain('2025-10-05T01:00:00.000Z');
    expect(error.message).toContain('2025-10-06T01:00:00.000Z');
  });

  it('refuses sessions, task sessions and jobs outside the types (from JavaScript) by field, UID and place', async () => {
    const daily = jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10 });
    const { Links: _links, ...unlinked } = jobSession('Weekly', '2025-10-05T02:00:00Z', {
      minutes: 10,
    });
    const outside = (value: object) => value as unknown as BackupJobSession;
    const refused = async (input: Parameters<typeof buildReport>[0]) => {
      const error = await reportError(buildReport(input, { now }));
      expect(error.code).toBe('invalid-input');
      return error.message;
    };
    expect(await refused({ sessions: [daily, outside(unlinked)] })).toBe(
      `job session ${unlinked.UID} (input.sessions[1]): Links is missing, not an array of objects`,
    );
    expect(
      await refused({ sessions: [outside({ ...daily, Links: [null, ...daily.Links] })] }),
    ).toBe(
      `job session ${daily.UID} (input.sessions[0]): Links is an array with null at [0], not an array of objects`,
    );
    const textDate = outside({ ...daily, CreationTimeUTC: '2025-10-05T01:00:00Z' });
    // A generator and an async one, as a crawl gives them.
    expect(
      await refused({
        sessions: (function* () {
          yield textDate;
        })(),
      }),
    ).toBe(`job session ${daily.UID} (input.sessions[0]): CreationTimeUTC is a string, not a Date`);
    expect(
      await refused({
        sessions: (async function* () {
          yield daily;
          yield outside({ ...daily, EndTimeUTC: 1, JobName: null });
        })(),
      }),
    ).toBe(
      `job session ${daily.UID} (input.sessions[1]): JobName is null, not a string; EndTimeUTC is a number, not a Date or undefined`,
    );
    expect(await refused({ sessions: [outside(null as unknown as object)] })).toBe(
      'input.sessions[0] is null, not a job session',
    );
    const task = taskSession('vm01', daily, 'Success');
    expect(
      await refused({
        sessions: [daily],
        taskSessions: [task, { ...task, CreationTimeUTC: 0 as unknown as Date }],
      }),
    ).toBe(
      `task session ${task.UID} (input.taskSessions[1]): CreationTimeUTC is a number, not a Date`,
    );
    const { Name: _name, ...nameless } = jobEntity('Archive');
    expect(await refused({ sessions: [daily], jobs: [nameless as unknown as Job] })).toBe(
      `job ${nameless.UID} (input.jobs[0]): Name is missing, not a string`,
    );
    // A string 'false' would read as scheduled; any job of the list, missed or not, is checked.
    const textFlag = { ...jobEntity('Archive'), ScheduleEnabled: 'false' } as unknown as Job;
    expect(await refused({ sessions: [daily], jobs: [jobEntity('Daily'), textFlag] })).toBe(
      `job ${textFlag.UID} (input.jobs[1]): ScheduleEnabled is a string, not a boolean, null or undefined`,
    );
    const dailyFlag = { ...jobEntity('Daily'), ScheduleEnabled: 1 } as unknown as Job;
    expect(await refused({ sessions: [daily], jobs: [dailyFlag] })).toBe(
      `job ${dailyFlag.UID} (input.jobs[0]): ScheduleEnabled is a number, not a boolean, null or undefined`,
    );
    // A missed job's backup server is read from its links.
    const serverNumber = {
      ...jobEntity('Archive'),
      Links: [{ Rel: 'Up', Type: 'BackupServerReference', Href: 'https://em/x', Name: 7 }],
    } as unknown as Job;
    expect(await refused({ sessions: [daily], jobs: [serverNumber] })).toBe(
      `job ${serverNumber.UID} (input.jobs[0]): the Name of its backup server link is a number, not a string, null or undefined`,
    );
    const linksText = { ...jobEntity('Archive'), Links: 'none' } as unknown as Job;
    expect(await refused({ sessions: [daily], jobs: [linksText] })).toBe(
      `job ${linksText.UID} (input.jobs[0]): Links is a string, not an array of objects or undefined`,
    );
    // An error of the source itself stays what it is, even after an item outside the types that
    // went through (its job's backup server was known already).
    const { Links: _dailyLinks, ...nextDaily } = jobSession('Daily', '2025-10-06T01:00:00Z', {
      minutes: 10,
    });
    const crawlFailed = new Error('crawl failed');
    await expect(
      buildReport(
        {
          sessions: (function* () {
            yield daily;
            yield outside(nextDaily);
            throw crawlFailed;
          })(),
        },
        { now },
      ),
    ).rejects.toBe(crawlFailed);
  });

  it('refuses an input, a list of it or options of the wrong shape (from JavaScript) by name', async () => {
    const outside = (value: unknown) => value as Parameters<typeof buildReport>[0];
    const refused = async (
      input: Parameters<typeof buildReport>[0],
      options: ReportOptions = { now },
    ): Promise<ReportError> => reportError(buildReport(input, options));
    const expectations: [Promise<ReportError>, string, string][] = [
      [
        refused(outside(undefined)),
        'invalid-input',
        'input is missing, not an object with sessions',
      ],
      [
        refused(outside({ sessions: null })),
        'invalid-input',
        'input.sessions is null, not an Iterable or AsyncIterable of job sessions',
      ],
      [
        refused(outside({ sessions: 5 })),
        'invalid-input',
        'input.sessions is a number, not an Iterable or AsyncIterable of job sessions',
      ],
      [
        refused(outside({ sessions: 'abc' })),
        'invalid-input',
        'input.sessions is a string, not an Iterable or AsyncIterable of job sessions',
      ],
      // Before any session is read: a crawl of every session does not end in this error.
      [
        refused(outside({ sessions: [], taskSessions: {} })),
        'invalid-input',
        'input.taskSessions is an object, not an Iterable or AsyncIterable of task sessions',
      ],
      [
        refused(outside({ sessions: [], jobs: null })),
        'invalid-input',
        'input.jobs is null, not an Iterable or AsyncIterable of jobs',
      ],
      // A list not awaited (`jobs: client.jobs.listEntities()`) is named a promise, with the fix.
      [
        refused(outside({ sessions: Promise.resolve([]) })),
        'invalid-input',
        'input.sessions is a promise (await it, or pass the array), not an Iterable or AsyncIterable of job sessions',
      ],
      [
        refused(outside({ sessions: [], jobs: Promise.resolve([]) })),
        'invalid-input',
        'input.jobs is a promise (await it, or pass the array), not an Iterable or AsyncIterable of jobs',
      ],
      [
        refused(outside({ sessions: [], failedSources: Promise.resolve([]) })),
        'invalid-input',
        'input.failedSources is a promise (await it, or pass the array), not an array of { name, error }',
      ],
      [
        refused({ sessions: [] }, null as unknown as ReportOptions),
        'invalid-option',
        'buildReport: options is null, not an object or undefined',
      ],
    ];
    for (const [refusal, code, message] of expectations) {
      const error = await refusal;
      expect([error.code, error.message]).toEqual([code, message]);
    }
  });

  it('skips a repeated session (same UID and creation time), but not another session created at the same time', async () => {
    const failed = jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10, result: 'Failed' });
    const twin = { ...jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 20 }) };
    const next = jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10, result: 'Failed' });
    const repeated = await report([failed, { ...failed }, next, { ...next }], { now });
    expect(jobOf(repeated, 'Daily')).toMatchObject({
      runs: 2,
      attempts: 2,
      failedRuns: 2,
      consecutiveFailures: 2,
    });

    const alike = await report([failed, twin, { ...failed }, { ...twin }, next], { now });
    expect(jobOf(alike, 'Daily')).toMatchObject({
      runs: 3,
      attempts: 3,
      successfulRuns: 1,
      failedRuns: 2,
    });
  });

  it('counts a session seen running and then finished (a crawl across its end) once, as finished', async () => {
    const running = jobSession('Daily', '2025-10-06T01:00:00Z');
    const { State: _state, ...rest } = running;
    const finished: BackupJobSession = {
      ...rest,
      State: 'Stopped',
      Result: 'Success',
      EndTimeUTC: new Date('2025-10-06T01:30:00Z'),
    };
    const before = jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10, result: 'Failed' });
    for (const order of [
      [before, running, finished],
      [before, finished, running],
      [before, running, running, finished, finished],
    ]) {
      const job = jobOf(await report(order, { now }), 'Daily');
      expect(job).toMatchObject({
        runs: 2,
        attempts: 2,
        successfulRuns: 1,
        failedRuns: 1,
        running: null,
        lastResult: 'Success',
        lastSuccessAt: '2025-10-06T01:30:00.000Z',
      });
    }
    const outside = await report([running, finished], {
      now,
      from: new Date('2025-10-07T00:00:00Z'),
      to: new Date('2025-10-08T00:00:00Z'),
    });
    expect(outside.jobs).toEqual([]);
    const withTasks = await buildReport(
      { sessions: [before, running, finished], taskSessions: [] },
      { now },
    );
    expect(jobOf(withTasks, 'Daily').runs).toBe(2);
  });

  it('takes sessions as they stood at now: one that ended after a past now was still running', async () => {
    const to = new Date('2025-10-07T00:00:00Z');
    const success = jobSession('Daily', '2025-10-05T18:00:00Z', { minutes: 10 });
    // From an hour before `now` to an hour after it: running at `now`, whatever it became.
    const spanning = jobSession('Daily', '2025-10-06T23:00:00Z', {
      minutes: 120,
      result: 'Success',
    });
    const task = taskSession('vm1', spanning, 'Success');
    task.CreationTimeUTC = new Date('2025-10-06T23:01:00Z');
    task.EndTimeUTC = new Date('2025-10-07T00:30:00Z');
    const built = await buildReport(
      { sessions: [success, spanning], taskSessions: [task] },
      { to, now: to, rpo: '24h', since: '2d' },
    );
    expect(jobOf(built, 'Daily')).toMatchObject({
      running: { since: '2025-10-06T23:00:00.000Z', elapsedSeconds: 3_600 },
      lastSuccessAt: '2025-10-05T18:10:00.000Z',
      rpoBreached: true,
    });
    expect(built.vms[0]).toMatchObject({ vmName: 'vm1', lastResult: null });
    // At the present, the same sessions are finished.
    const later = await buildReport(
      { sessions: [success, spanning] },
      { to, now: new Date('2025-10-08T00:00:00Z'), rpo: '24h', since: '2d' },
    );
    expect(jobOf(later, 'Daily')).toMatchObject({ running: null, lastResult: 'Success' });
  });

  it('keeps no session UID while it streams, so no decoded page stays alive through one', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapUsed = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const jobs = 8;
    const before = heapUsed();
    let held = 0;
    function* sessions() {
      for (let job = 0; job < jobs; job++) {
        const session = jobSession(`Job ${job}`, '2025-10-05T01:00:00Z', { minutes: 10 });
        // The UID cut from a 5 MB page of its own, as a decoder hands it out.
        const page = `${session.UID}${String(job).repeat(5_000_000)}`;
        yield { ...session, UID: page.slice(0, session.UID.length) };
      }
      held = heapUsed() - before;
    }
    const built = await buildReport({ sessions: sessions() }, { now });
    expect(built.jobs).toHaveLength(jobs);
    // The pages were 40 MB in all; what the aggregation holds of them is nothing.
    expect(held).toBeLessThan(10_000_000);
  });

  it('checks the order of sessions outside the window too', async () => {
    const error = await reportError(
      report(
        [
          jobSession('Daily', '2025-09-20T01:00:00Z', { minutes: 10 }),
          jobSession('Daily', '2025-09-19T01:00:00Z', { minutes: 10 }),
        ],
        { now },
      ),
    );
    expect(error.code).toBe('invalid-input');
  });
});

describe('buildReport: days', () => {
  it('attributes runs to their local date across the spring DST change in Europe/Berlin', async () => {
    const built = await report(
      [
        // 2025-03-29 00:00 CET, the window's first instant.
        jobSession('Nightly', '2025-03-28T23:00:00Z', { minutes: 5, result: 'Warning' }),
        // 2025-03-30 00:30 CET.
        jobSession('Nightly', '2025-03-29T23:30:00Z', { minutes: 5 }),
        // 2025-03-30 23:30 CEST: still the 30th, a 23-hour day.
        jobSession('Nightly', '2025-03-30T21:30:00Z', { minutes: 5, result: 'Failed' }),
        // 2025-03-31 00:30 CEST; a fixed +01:00 offset would put it on the 30th.
        jobSession('Nightly', '2025-03-30T22:30:00Z', { minutes: 5 }),
      ],
      {
        now: new Date('2025-03-31T22:00:00Z'),
        from: new Date('2025-03-28T23:00:00Z'),
        to: new Date('2025-03-31T22:00:00Z'),
        timeZone: 'Europe/Berlin',
      },
    );
    expect(built.window.timeZone).toBe('Europe/Berlin');
    expect(built.days).toEqual([
      { date: '2025-03-29', successfulRuns: 0, warningRuns: 1, failedRuns: 0 },
      { date: '2025-03-30', successfulRuns: 1, warningRuns: 0, failedRuns: 1 },
      { date: '2025-03-31', successfulRuns: 1, warningRuns: 0, failedRuns: 0 },
    ]);
  });

  it('attributes runs to their local date across the autumn DST change in America/New_York', async () => {
    const built = await report(
      [
        // 2025-11-01 23:59:59 EDT.
        jobSession('Nightly', '2025-11-02T03:59:59Z', { minutes: 5 }),
        // 2025-11-02 23:30 EST, in a 25-hour day; EDT would make it the 3rd.
        jobSession('Nightly', '2025-11-03T04:30:00Z', { minutes: 5, result: 'Failed' }),
        // 2025-11-03 00:00 EST.
        jobSession('Nightly', '2025-11-03T05:00:00Z', { minutes: 5 }),
      ],
      {
        now: new Date('2025-11-04T05:00:00Z'),
        from: new Date('2025-11-01T04:00:00Z'),
        to: new Date('2025-11-04T05:00:00Z'),
        timeZone: 'America/New_York',
      },
    );
    expect(built.days).toEqual([
      { date: '2025-11-01', successfulRuns: 1, warningRuns: 0, failedRuns: 0 },
      { date: '2025-11-02', successfulRuns: 0, warningRuns: 0, failedRuns: 1 },
      { date: '2025-11-03', successfulRuns: 1, warningRuns: 0, failedRuns: 0 },
    ]);
  });

  it('attributes a run to the day its first attempt started, with its final outcome', async () => {
    const built = await report(
      [
        jobSession('Late', '2025-10-05T23:50:00Z', { minutes: 5, result: 'Failed' }),
        jobSession('Late', '2025-10-06T00:20:00Z', { minutes: 5, retry: true }),
      ],
      { now: new Date('2025-10-07T00:00:00Z'), since: '2d' },
    );
    expect(built.days).toEqual([
      { date: '2025-10-05', successfulRuns: 1, warningRuns: 0, failedRuns: 0 },
      { date: '2025-10-06', successfulRuns: 0, warningRuns: 0, failedRuns: 0 },
    ]);
  });
});

describe('buildReport: running sessions', () => {
  it('counts a running session as running, outside the success rate and durations', async () => {
    const built = await report(
      [
        jobSession('Long', '2025-10-05T10:00:00Z', { minutes: 60 }),
        jobSession('Long', '2025-10-06T10:00:00Z'),
      ],
      { now: new Date('2025-10-06T12:00:00Z') },
    );
    expect(jobOf(built, 'Long')).toMatchObject({
      runs: 2,
      successfulRuns: 1,
      successRate: 1,
      lastResult: 'Success',
      lastRunAt: '2025-10-05T10:00:00.000Z',
      running: { since: '2025-10-06T10:00:00.000Z', elapsedSeconds: 7_200 },
      durations: { samples: 1, maxSeconds: 3_600 },
    });
    expect(built.totals).toMatchObject({ runs: 2, runningRuns: 1, successRate: 1 });
  });

  it('never gives a negative elapsed time, even with a clock before the start', async () => {
    const built = await report([jobSession('Long', '2025-10-06T10:00:00Z')], {
      now: new Date('2025-10-06T09:00:00Z'),
      to: new Date('2025-10-07T00:00:00Z'),
    });
    expect(jobOf(built, 'Long')).toMatchObject({
      running: { since: '2025-10-06T10:00:00.000Z', elapsedSeconds: 0 },
      successRate: null,
      lastResult: null,
      durations: null,
      rpoBreached: true,
      reasons: ['no successful run in the window'],
    });
  });

  it('leaves a run that never ended without an outcome when a new run starts', async () => {
    const built = await report(
      [
        jobSession('Stuck', '2025-10-05T01:00:00Z'),
        jobSession('Stuck', '2025-10-06T01:00:00Z', { minutes: 10 }),
      ],
      { now: new Date('2025-10-06T12:00:00Z') },
    );
    expect(jobOf(built, 'Stuck')).toMatchObject({
      runs: 2,
      successfulRuns: 1,
      runsWithoutOutcome: 1,
      successRate: 1,
      running: null,
      lastRunAt: '2025-10-06T01:00:00.000Z',
    });
    expect(built.totals).toMatchObject({ runs: 2, runningRuns: 0, runsWithoutOutcome: 1 });
    // The text names the job, as CSV has its count.
    expect(renderText(built).split('\n').slice(1, 3)).toEqual([
      '1 job, 2 runs (2 attempts): 1 success, 0 warning, 0 failed, 0 running',
      'Success rate 100.0%; 1 run without outcome (Stuck); RPO breached by 0 jobs',
    ]);
    expect(renderCsv(built).split('\r\n')[1]).toMatch(/,1$/);
  });

  it('names at most three jobs with runs without an outcome, with their counts, and counts the others', async () => {
    const stuck = (job: string, runs: number) =>
      Array.from({ length: runs + 1 }, (_, day) =>
        jobSession(job, `2025-10-0${day + 1}T01:00:00Z`, day === runs ? { minutes: 10 } : {}),
      );
    const built = await report(
      [...stuck('A', 2), ...stuck('B', 1), ...stuck('C', 1), ...stuck('D', 1)].sort(
        (a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime(),
      ),
      { now: new Date('2025-10-06T12:00:00Z'), since: '7d' },
    );
    expect(built.jobs.map((job) => [job.jobName, job.runsWithoutOutcome])).toEqual(
      expect.arrayContaining([
        ['A', 2],
        ['B', 1],
        ['C', 1],
        ['D', 1],
      ]),
    );
    expect(renderText(built, { width: 200 })).toMatch(
      /; 5 runs without outcome \([ABCD]( 2)?, [ABCD]( 2)?, [ABCD]( 2)?, 1 more job\); /,
    );
  });

  it('leaves a run of the window without an outcome when the next run started after the window, before now', async () => {
    const sessions = [
      jobSession('Stuck', '2025-10-05T01:00:00Z', { minutes: 60 }),
      jobSession('Stuck', '2025-10-05T22:00:00Z'),
      jobSession('Stuck', '2025-10-06T01:00:00Z', { minutes: 60 }),
    ];
    const window = { from: new Date('2025-10-05T00:00:00Z'), to: new Date('2025-10-06T00:00:00Z') };
    const built = await report(sessions, { ...window, now: new Date('2025-10-06T12:00:00Z') });
    expect(jobOf(built, 'Stuck')).toMatchObject({ runs: 2, successfulRuns: 1, running: null });
    expect(built.totals).toMatchObject({ runs: 2, runningRuns: 0, runsWithoutOutcome: 1 });
    // At a `now` before the next run, the run of the window was still running then.
    const earlier = await report(sessions.slice(0, 2), {
      ...window,
      now: new Date('2025-10-05T23:00:00Z'),
    });
    expect(jobOf(earlier, 'Stuck').running).toEqual({
      since: '2025-10-05T22:00:00.000Z',
      elapsedSeconds: 3_600,
    });
  });

  it('takes an end before the start on a session with no result for no end: VBR writes 1900-01-01', async () => {
    const placeholder = { EndTimeUTC: new Date('1900-01-01T00:00:00Z') };
    const running = { ...jobSession('Long', '2025-10-06T10:00:00Z'), ...placeholder };
    const built = await buildReport(
      {
        sessions: [jobSession('Long', '2025-10-05T10:00:00Z', { minutes: 60 }), running],
        taskSessions: [
          { ...taskSession('vm01', running, 'None'), ...placeholder, State: 'InProgress' },
        ],
      },
      { now: new Date('2025-10-06T12:00:00Z'), rpo: '48h' },
    );
    expect(jobOf(built, 'Long')).toMatchObject({
      runs: 2,
      failedRuns: 0,
      lastResult: 'Success',
      health: 'ok',
      running: { since: '2025-10-06T10:00:00.000Z', elapsedSeconds: 7_200 },
      durations: { samples: 1, maxSeconds: 3_600 },
    });
    expect(built.vms).toEqual([expect.objectContaining({ vmName: 'vm01', lastResult: null })]);
    // Without a State it knows (one from a newer EM), a session with a result keeps it, whatever
    // its end; an end before its start (VBR's placeholder, or clock skew) gives no duration.
    const failed = {
      ...jobSession('Odd', '2025-10-06T10:00:00Z', { result: 'Failed', minutes: 1 }),
      ...placeholder,
      State: 'Postprocessing',
    };
    expect(
      jobOf(await report([failed], { now: new Date('2025-10-06T12:00:00Z') }), 'Odd'),
    ).toMatchObject({
      failedRuns: 1,
      running: null,
      durations: null,
    });
  });

  it('takes a session whose State says it runs for running, whatever its end and result', async () => {
    const now = new Date('2025-10-06T12:00:00Z');
    const placeholder = new Date('1900-01-01T00:00:00Z');
    // VBR's placeholder end beside a result that looks final, and an end that looks real.
    for (const EndTimeUTC of [placeholder, new Date('2025-10-06T11:00:00Z')]) {
      const working = {
        ...jobSession('Long', '2025-10-06T10:00:00Z', { result: 'Success', minutes: 1 }),
        EndTimeUTC,
        State: 'Working',
      };
      const built = await buildReport(
        {
          sessions: [working],
          taskSessions: [
            { ...taskSession('vm01', working, 'Success'), EndTimeUTC, State: 'InProgress' },
          ],
        },
        { now },
      );
      expect(jobOf(built, 'Long')).toMatchObject({
        runs: 1,
        successfulRuns: 0,
        lastResult: null,
        lastSuccessAt: null,
        running: { since: '2025-10-06T10:00:00.000Z', elapsedSeconds: 7_200 },
        durations: null,
      });
      expect(built.vms).toEqual([
        expect.objectContaining({ vmName: 'vm01', lastResult: null, lastSuccessAt: null }),
      ]);
      const prometheus = renderPrometheus(built);
      expect(prometheus).toMatch(/^vbem_job_running\{.*\} 1$/m);
      expect(prometheus).not.toContain('-2208988800');
    }
  });

  it('takes a session whose State says it finished for finished, without a duration or a time from an end before its start', async () => {
    const now = new Date('2025-10-06T12:00:00Z');
    const placeholder = { EndTimeUTC: new Date('1900-01-01T00:00:00Z') };
    // A success with VBR's placeholder left as its end, then a session stopped with no result.
    const success = {
      ...jobSession('Cut', '2025-10-05T10:00:00Z', { minutes: 1 }),
      ...placeholder,
    };
    const cut = {
      ...jobSession('Cut', '2025-10-06T02:00:00Z', { result: 'None', minutes: 1 }),
      ...placeholder,
    };
    const built = await buildReport(
      {
        sessions: [success, cut],
        taskSessions: [
          { ...taskSession('vm01', success, 'Success'), ...placeholder },
          { ...taskSession('vm01', cut, 'None'), ...placeholder },
        ],
      },
      { now, rpo: '48h' },
    );
    expect(jobOf(built, 'Cut')).toMatchObject({
      runs: 2,
      successfulRuns: 1,
      // A run that ended with no result counts as results EM does not know do: failed.
      failedRuns: 1,
      lastResult: 'Failed',
      running: null,
      // Its start, not 1900: an age too great for the RPO, never too small.
      lastSuccessAt: '2025-10-05T10:00:00.000Z',
      durations: null,
    });
    expect(built.totals).toMatchObject({ runningRuns: 0, runsWithoutOutcome: 0 });
    expect(built.vms).toEqual([
      expect.objectContaining({
        vmName: 'vm01',
        lastResult: 'Failed',
        lastSuccessAt: '2025-10-05T10:01:00.000Z',
      }),
    ]);
    // The same with no end at all, before the window, and caught running first by a crawl.
    const { EndTimeUTC: _end, ...withoutEnd } = success;
    const { EndTimeUTC: _cutEnd, ...running } = { ...cut, State: 'Working' };
    const later = await buildReport(
      { sessions: [withoutEnd, running, cut, cut] },
      { now, from: new Date('2025-10-06T00:00:00Z'), rpo: '48h' },
    );
    expect(jobOf(later, 'Cut')).toMatchObject({
      runs: 1,
      failedRuns: 1,
      running: null,
      lastSuccessAt: '2025-10-05T10:00:00.000Z',
      durations: null,
    });
  });

  it('counts a task left pending by a finished session as a failed run of its VM, ended with its session', async () => {
    const now = new Date('2025-10-06T12:00:00Z');
    const stoppedByUser = 'Job session was stopped by user.';
    const placeholder = new Date('1900-01-01T00:00:00Z');
    const pending = (task: BackupTaskSession, reason = task.Reason): BackupTaskSession => ({
      ...task,
      State: 'Pending',
      Result: 'None',
      EndTimeUTC: placeholder,
      Reason: reason,
    });
    const success = jobSession('Daily', '2025-10-05T20:00:00Z', { minutes: 30 });
    // Stopped by the user: vm01 was being processed, vm02 and vm03 never were.
    const stopped = {
      ...jobSession('Daily', '2025-10-06T02:00:00Z', { minutes: 5, result: 'Failed' }),
      FailureMessage: stoppedByUser,
    };
    const taskSessions = [
      taskSession('vm01', success, 'Success'),
      taskSession('vm02', success, 'Success'),
      taskSession('vm01', stopped, 'Failed', stoppedByUser),
      pending(taskSession('vm02', stopped, 'None', stoppedByUser)),
      // Without a reason of its own: its session's.
      pending(taskSession('vm03', stopped, 'None')),
    ];
    const built = await buildReport({ sessions: [success, stopped], taskSessions }, { now });
    const vm = (name: string) => built.vms.find((candidate) => candidate.vmName === name);
    const notProcessed = {
      health: 'critical',
      lastResult: 'Failed',
      lastRunAt: '2025-10-06T02:01:00.000Z',
      failureReasons: [{ normalized: stoppedByUser, example: stoppedByUser, count: 1 }],
    };
    expect(vm('vm01')).toMatchObject(notProcessed);
    expect(vm('vm02')).toMatchObject({
      ...notProcessed,
      lastSuccessAt: '2025-10-05T20:06:00.000Z',
    });
    expect(vm('vm03')).toMatchObject({ ...notProcessed, lastSuccessAt: null });
    // The VMs only: the job's figures are those of its sessions. Its message is a reason of the
    // job only without task sessions to give it.
    const withoutTasks = await buildReport({ sessions: [success, stopped] }, { now });
    const stoppedReason = { normalized: stoppedByUser, example: stoppedByUser, count: 1 };
    expect(built.jobs).toEqual(withoutTasks.jobs.map((job) => ({ ...job, failureReasons: [] })));
    expect(withoutTasks.jobs[0]?.failureReasons).toEqual([stoppedReason]);
    expect(built.failureReasons).toEqual([{ ...stoppedReason, count: 3 }]);
    expect(withoutTasks.failureReasons).toEqual([stoppedReason]);
    // A crawl that repeats the pending task where two pages meet counts its reason once.
    const repeated = await buildReport(
      { sessions: [success, stopped], taskSessions: [...taskSessions, ...taskSessions.slice(-2)] },
      { now },
    );
    expect(repeated.vms).toEqual(built.vms);
    // Counted once held back past the tasks a repeat is looked for in, as at the end of the stream.
    const others = Array.from({ length: 300 }, (_, index) =>
      taskSession(`other${index}`, stopped, 'Success'),
    );
    const longer = await buildReport(
      { sessions: [success, stopped], taskSessions: [...taskSessions, ...others] },
      { now },
    );
    expect(longer.vms.filter((candidate) => !candidate.vmName.startsWith('other'))).toEqual(
      built.vms,
    );
    // A FailureMessage of null (EM's JSON for none) is none: a task's own reason still counts.
    const nullMessage = await buildReport(
      {
        sessions: [success, { ...stopped, FailureMessage: null as unknown as string }],
        taskSessions,
      },
      { now },
    );
    expect(nullMessage.vms.find((candidate) => candidate.vmName === 'vm02')).toEqual(vm('vm02'));
    expect(nullMessage.vms.find((candidate) => candidate.vmName === 'vm03')).toMatchObject({
      lastResult: 'Failed',
      failureReasons: [],
    });
    // Its finished copy far down the stream (past the tasks a repeat is looked for in): that copy
    // counts, and the pending one held back does not.
    const finishedLate = await buildReport(
      {
        sessions: [success, stopped],
        taskSessions: [
          ...taskSessions,
          ...others,
          {
            ...(taskSessions[3] as BackupTaskSession),
            State: 'Completed',
            Result: 'Warning',
            Reason: 'Low disk space',
            EndTimeUTC: new Date('2025-10-06T02:04:00Z'),
          },
        ],
      },
      { now },
    );
    expect(finishedLate.vms.find((candidate) => candidate.vmName === 'vm02')).toMatchObject({
      lastResult: 'Warning',
      failureReasons: [{ normalized: 'Low disk space', example: 'Low disk space', count: 1 }],
    });

    // While its session runs (at a `now` before its end, or with no end), a pending task runs too.
    const running = { ...stopped, State: 'Working', Result: 'None' } as BackupJobSession;
    delete running.EndTimeUTC;
    for (const [sessions, asOf] of [
      [[success, stopped], new Date('2025-10-06T02:03:00Z')],
      [[success, running], now],
    ] as const) {
      const before = await buildReport({ sessions, taskSessions }, { now: asOf });
      expect(before.vms.find((candidate) => candidate.vmName === 'vm02')).toMatchObject({
        health: 'ok',
        lastResult: 'Success',
        lastRunAt: '2025-10-05T20:01:00.000Z',
        failureReasons: [],
      });
      expect(before.vms.find((candidate) => candidate.vmName === 'vm03')).toMatchObject({
        lastResult: null,
        failureReasons: [],
      });
    }
  });

  it("reports a session from before the window still running as its job's run, not as a missed job", async () => {
    const now = new Date('2025-10-07T12:00:00Z');
    const full = jobSession('Full', '2025-10-06T06:00:00Z', { server: 'vbr02' });
    const built = await buildReport(
      {
        sessions: [jobSession('Full', '2025-10-05T13:00:00Z', { minutes: 420 }), full],
        taskSessions: [
          { ...taskSession('vm01', full, 'None'), Result: 'None', State: 'InProgress' },
        ].map(({ EndTimeUTC: _end, ...task }) => task),
        jobs: [jobEntity('Full')],
      },
      { now, since: '24h', rpo: '48h' },
    );
    expect(built.missedJobs).toEqual([]);
    expect(built.empty).toBe(false);
    expect(jobOf(built, 'Full')).toMatchObject({
      runs: 1,
      attempts: 1,
      backupServer: 'vbr02',
      lastResult: null,
      lastSuccessAt: '2025-10-05T20:00:00.000Z',
      rpoBreached: false,
      running: { since: '2025-10-06T06:00:00.000Z', elapsedSeconds: 30 * 3600 },
    });
    expect(built.totals).toMatchObject({ runs: 1, runningRuns: 1 });
    expect(built.vms).toEqual([
      expect.objectContaining({ vmName: 'vm01', jobName: 'Full', lastResult: null }),
    ]);
    expect(built.days.every((day) => day.successfulRuns + day.failedRuns === 0)).toBe(true);
  });

  it('does not carry a session from before the window in when a later one shows it is over', async () => {
    const now = new Date('2025-10-07T12:00:00Z');
    const options = { now, since: '24h', rpo: '48h' };
    const stuck = jobSession('Stuck', '2025-10-06T02:00:00Z');
    // A later session before the window, or in it: the stuck one is not the run in progress.
    const before = await report(
      [stuck, jobSession('Stuck', '2025-10-06T06:00:00Z', { minutes: 5 })],
      options,
    );
    expect(before.jobs).toEqual([]);
    const inWindow = await report(
      [stuck, jobSession('Stuck', '2025-10-07T06:00:00Z', { minutes: 5 })],
      options,
    );
    expect(jobOf(inWindow, 'Stuck')).toMatchObject({ runs: 1, running: null, successfulRuns: 1 });
    // A session after the window (a report of the past given later sessions) says it too.
    const past = await report(
      [stuck, jobSession('Stuck', '2025-10-07T18:00:00Z', { minutes: 5 })],
      {
        now: new Date('2025-10-08T00:00:00Z'),
        from: new Date('2025-10-06T12:00:00Z'),
        to: new Date('2025-10-07T12:00:00Z'),
        rpo: '48h',
      },
    );
    expect(past.jobs).toEqual([]);
    // Seen running, then finished on the next page: over too.
    const finished = {
      ...stuck,
      EndTimeUTC: new Date('2025-10-06T09:00:00Z'),
      State: 'Stopped',
      Result: 'Success',
    } as const;
    expect((await report([stuck, finished], options)).jobs).toEqual([]);
  });

  it('keeps a run running while its retry runs, since its first attempt began', async () => {
    const built = await report(
      [
        jobSession('Retried', '2025-10-06T01:00:00Z', { minutes: 10, result: 'Failed' }),
        jobSession('Retried', '2025-10-06T01:30:00Z', { retry: true }),
      ],
      { now: new Date('2025-10-06T02:00:00Z') },
    );
    expect(jobOf(built, 'Retried')).toMatchObject({
      runs: 1,
      attempts: 2,
      failedRuns: 0,
      lastResult: null,
      running: { since: '2025-10-06T01:00:00.000Z', elapsedSeconds: 3_600 },
    });
    expect(built.totals).toMatchObject({ runningRuns: 1, successRate: null });
    expect(built.days.every((day) => day.failedRuns === 0)).toBe(true);
  });
});

describe('buildReport: slowerThanUsual', () => {
  const now = new Date('2025-10-06T12:00:00Z');
  const usualRuns = () => dailyRuns('Slow', 1, Array(5).fill('Success'));

  it('flags a last run longer than max(2 × p50, 1.5 × p95) of the five or more runs before it', async () => {
    const slow = [...usualRuns(), jobSession('Slow', '2025-10-06T01:00:00Z', { minutes: 30 })];
    const job = jobOf(await report(slow, { now }), 'Slow');
    expect(job).toMatchObject({ slowerThanUsual: true, health: 'warning' });
    // Runs known for less than a week: no weekly pattern known, and the reason says so.
    expect(job.reasons).toEqual([
      'last run took 30 min, 3 × longer than usual (from 5 d of runs, less than a week)',
    ]);
    expect(job.durations).toMatchObject({ samples: 6, maxSeconds: 1_800 });
    expect(Math.abs((job.durations?.p50Seconds ?? 0) - 600) / 600).toBeLessThanOrEqual(0.02);
  });

  it('does not flag a run under the limit, nor one with fewer than five runs before it', async () => {
    const under = [...usualRuns(), jobSession('Slow', '2025-10-06T01:00:00Z', { minutes: 19 })];
    expect(jobOf(await report(under, { now }), 'Slow')).toMatchObject({
      slowerThanUsual: false,
      health: 'ok',
    });
    const few = [
      ...usualRuns().slice(1),
      jobSession('Slow', '2025-10-06T01:00:00Z', { minutes: 30 }),
    ];
    expect(jobOf(await report(few, { now }), 'Slow').slowerThanUsual).toBe(false);
  });

  it('flags a running run that already took longer than the limit', async () => {
    const running = [...usualRuns(), jobSession('Slow', '2025-10-06T01:00:00Z')];
    const job = jobOf(
      await report(running, { now: new Date('2025-10-06T01:25:00Z'), rpo: '2d' }),
      'Slow',
    );
    expect(job).toMatchObject({ slowerThanUsual: true, health: 'warning' });
    expect(job.reasons).toEqual([
      'running for 25 min, 2.5 × longer than usual (from 5 d of runs, less than a week)',
    ]);

    const early = jobOf(await report(running, { now: new Date('2025-10-06T01:15:00Z') }), 'Slow');
    expect(early.slowerThanUsual).toBe(false);
  });
});

describe('buildReport: slowerThanUsual with a weekly full backup', () => {
  /**
   * A job's daily runs at 01:00 UTC (`hour` otherwise) from `first` to `last` (days of October
   * 2025; the 4th, 11th, 18th and 25th are Saturdays): 10 minutes, 25 on Saturdays (an active
   * full), `minutesOn` where given.
   */
  const weeklyFull = (
    first: number,
    last: number,
    minutesOn: Record<number, number | undefined> = {},
    hour = '01:00',
  ) =>
    Array.from({ length: last - first + 1 }, (_, index) => {
      const day = first + index;
      const date = `2025-10-${String(day).padStart(2, '0')}T${hour}:00Z`;
      const saturday = new Date(date).getUTCDay() === 6;
      const minutes = day in minutesOn ? minutesOn[day] : saturday ? 25 : 10;
      return jobSession('Weekly full', date, minutes === undefined ? {} : { minutes });
    });

  it('does not flag a Saturday full compared with the full of the Saturday before, from before the window', async () => {
    // A 7-day report on Saturday the 18th, with sessions from a week and a day before the window.
    const built = await report(weeklyFull(3, 18), {
      now: new Date('2025-10-18T12:00:00Z'),
      since: '7d',
    });
    const job = jobOf(built, 'Weekly full');
    expect(job).toMatchObject({ slowerThanUsual: false, health: 'ok', reasons: [] });
    // The sessions before the window give what is usual only: the window's figures are its own.
    expect(job).toMatchObject({ runs: 7, attempts: 7, successfulRuns: 7 });
    expect(job.durations).toMatchObject({ samples: 7, maxSeconds: 1_500 });
    expect(built.days.reduce((sum, day) => sum + day.successfulRuns, 0)).toBe(7);
  });

  it('flags a Tuesday incremental three times as long as those before it, whatever the fulls', async () => {
    const built = await report(weeklyFull(3, 21, { 21: 30 }), {
      now: new Date('2025-10-21T12:00:00Z'),
      since: '7d',
    });
    const job = jobOf(built, 'Weekly full');
    expect(job).toMatchObject({ slowerThanUsual: true, health: 'warning' });
    // Compared with the runs of the other weekdays: the fulls are left out of their p95.
    expect(job.reasons).toEqual(['last run took 30 min, 3 × longer than usual']);
  });

  it('flags a full still running far beyond the fulls before it, not one running as long as they took', async () => {
    const sessions = weeklyFull(3, 25, { 25: undefined });
    const options = { since: '7d', rpo: '2d' } as const;
    const late = jobOf(
      await report(sessions, { ...options, now: new Date('2025-10-25T02:10:00Z') }),
      'Weekly full',
    );
    expect(late).toMatchObject({ slowerThanUsual: true, health: 'warning' });
    expect(late.reasons).toEqual(['running for 1.2 h, 2.8 × longer than usual on Saturdays']);
    const usual = jobOf(
      await report(sessions, { ...options, now: new Date('2025-10-25T01:40:00Z') }),
      'Weekly full',
    );
    expect(usual).toMatchObject({ slowerThanUsual: false, health: 'ok' });
  });

  it('takes the weekday in the report time zone', async () => {
    // Daily at 23:30 UTC, the full on Saturdays UTC: on Sundays (01:30) in Berlin. The full of the
    // 18th takes three times as long as those before it.
    const sessions = weeklyFull(3, 18, { 18: 75 }, '23:30');
    const now = new Date('2025-10-19T06:00:00Z');
    const inUtc = jobOf(await report(sessions, { now, since: '7d' }), 'Weekly full');
    expect(inUtc.reasons).toEqual(['last run took 1.3 h, 3 × longer than usual on Saturdays']);
    const inBerlin = jobOf(
      await report(sessions, { now, since: '7d', timeZone: 'Europe/Berlin' }),
      'Weekly full',
    );
    expect(inBerlin.reasons).toEqual(['last run took 1.3 h, 3 × longer than usual on Sundays']);
  });

  /**
   * A job's runs four times a day (01:00, 07:00, 13:00, 19:00 UTC) from `first` to `last` (days of
   * October 2025): 10 minutes, and 25 for the first run of a Saturday, which makes the full (VBR
   * makes the periodic full in the day's first run), `minutesAt` where given (by ISO date-time).
   */
  const fourTimesDaily = (
    first: number,
    last: number,
    minutesAt: Record<string, number | undefined> = {},
  ) =>
    Array.from({ length: last - first + 1 }, (_, index) =>
      ['01', '07', '13', '19'].map((hour, run) => {
        const date = `2025-10-${String(first + index).padStart(2, '0')}T${hour}:00:00Z`;
        const full = run === 0 && new Date(date).getUTCDay() === 6;
        const minutes = date in minutesAt ? minutesAt[date] : full ? 25 : 10;
        return jobSession('Weekly full', date, minutes === undefined ? {} : { minutes });
      }),
    ).flat();

  it('knows the full of a job that runs several times a day by the first run of its day', async () => {
    const job = jobOf(
      await report(fourTimesDaily(3, 18), { now: new Date('2025-10-18T06:00:00Z'), since: '7d' }),
      'Weekly full',
    );
    expect(job).toMatchObject({ slowerThanUsual: false, health: 'ok', reasons: [] });
    // A Saturday's later runs are incrementals, compared with the later runs of the days before.
    const later = jobOf(
      await report(fourTimesDaily(3, 18, { '2025-10-18T07:00:00Z': 25 }), {
        now: new Date('2025-10-18T12:00:00Z'),
        since: '7d',
      }),
      'Weekly full',
    );
    expect(later.reasons).toEqual(['last run took 25 min, 2.5 × longer than usual']);
    // A full far beyond the fulls before it is still slow, on its weekday.
    const slowFull = jobOf(
      await report(fourTimesDaily(3, 18, { '2025-10-18T01:00:00Z': 75 }), {
        now: new Date('2025-10-18T06:00:00Z'),
        since: '7d',
      }),
      'Weekly full',
    );
    expect(slowFull.reasons).toEqual(['last run took 1.3 h, 3 × longer than usual on Saturdays']);
  });

  it("compares a later run of a day with the later runs, not with the days' longer first runs", async () => {
    // First runs of 12 minutes (the night's changes), later ones of 2; the 16:00 run of the 18th
    // takes 20, ten times its kind's usual, though less than twice a first run.
    const sessions = Array.from({ length: 16 }, (_, index) =>
      ['08', '12', '16', '20'].map((hour, run) => {
        const date = `2025-10-${String(3 + index).padStart(2, '0')}T${hour}:00:00Z`;
        const minutes = date === '2025-10-18T16:00:00Z' ? 20 : run === 0 ? 12 : 2;
        return jobSession('Hourly', date, { minutes });
      }),
    ).flat();
    const job = jobOf(
      await report(sessions, { now: new Date('2025-10-18T16:30:00Z'), since: '7d' }),
      'Hourly',
    );
    expect(job.reasons).toEqual(['last run took 20 min, 10 × longer than usual']);
    // Before a week of them, the same.
    const early = jobOf(
      await report(
        sessions.filter((session) => session.CreationTimeUTC >= new Date('2025-10-15T00:00:00Z')),
        { now: new Date('2025-10-18T16:30:00Z'), since: '7d' },
      ),
      'Hourly',
    );
    expect(early.reasons).toEqual([
      'last run took 20 min, 10 × longer than usual (from 3.3 d of runs, less than a week)',
    ]);
  });

  it('compares a run of a weekday without runs before with the usual weekdays', async () => {
    // From the 8th, without Tuesday the 14th: the fulls are still left out of the p95.
    const sessions = weeklyFull(8, 21, { 21: 30 }).filter(
      (session) => !session.CreationTimeUTC.toISOString().startsWith('2025-10-14'),
    );
    const job = jobOf(
      await report(sessions, { now: new Date('2025-10-21T12:00:00Z'), since: '7d' }),
      'Weekly full',
    );
    expect(job.reasons).toEqual(['last run took 30 min, 3 × longer than usual']);
  });
});

describe('buildReport: health and order', () => {
  it('sorts critical, then warning, then ok; within a level by RPO overshoot, failures in a row, name', async () => {
    const success = (job: string, start: string) => jobSession(job, start, { minutes: 10 });
    const failure = (job: string, start: string) =>
      jobSession(job, start, { minutes: 10, result: 'Failed' });
    const built = await report(
      [
        success('Echo', '2025-10-05T05:50:00Z'),
        success('Alpha', '2025-10-06T00:00:00Z'),
        success('Aardvark', '2025-10-06T00:00:00Z'),
        success('Bravo', '2025-10-06T00:00:00Z'),
        success('Delta', '2025-10-06T00:00:00Z'),
        success('Foxtrot', '2025-10-06T00:00:00Z'),
        failure('Charlie', '2025-10-06T00:00:00Z'),
        failure('Foxtrot', '2025-10-06T03:00:00Z'),
        failure('Delta', '2025-10-06T06:00:00Z'),
        failure('Foxtrot', '2025-10-06T06:00:00Z'),
        jobSession('Bravo', '2025-10-06T06:00:00Z', { minutes: 10, result: 'Warning' }),
      ],
      { now: new Date('2025-10-06T12:00:00Z') },
    );
    expect(built.jobs.map((job) => [job.jobName, job.health])).toEqual([
      ['Charlie', 'critical'],
      ['Echo', 'critical'],
      ['Foxtrot', 'critical'],
      ['Delta', 'critical'],
      ['Bravo', 'warning'],
      ['Aardvark', 'ok'],
      ['Alpha', 'ok'],
    ]);
    expect(jobOf(built, 'Charlie').reasons).toEqual([
      'no successful run in the window',
      'last run failed',
      'success rate 0.0% (below 90%)',
    ]);
    expect(jobOf(built, 'Echo').reasons).toEqual(['no successful run for 30 h (RPO 24 h)']);
    expect(jobOf(built, 'Bravo').reasons).toEqual([
      'last run ended with a warning',
      'success rate 50.0% (below 90%)',
    ]);
  });
});

describe('buildReport: order of VMs', () => {
  it('orders VMs of jobs of the same name the same whatever the order of the input', async () => {
    // Two jobs named Daily (one per backup server), each with a VM vm1 in the same state.
    const daily = (server: string) => ({
      ...jobSession('Daily', '2025-10-06T02:00:00Z', { minutes: 30, server }),
      JobUid: `urn:veeam:Job:daily-${server}`,
    });
    const [one, two] = [daily('vbr01'), daily('vbr02')];
    const built = async (sessions: BackupJobSession[]) =>
      buildReport(
        {
          sessions,
          taskSessions: sessions.map((session) => taskSession('vm1', session, 'Success')),
        },
        { now: new Date('2025-10-06T12:00:00Z') },
      );
    const jobUids = (report: SessionReport) => report.vms.map((vm) => vm.jobUid);
    expect(jobUids(await built([one, two]))).toEqual([
      'urn:veeam:Job:daily-vbr01',
      'urn:veeam:Job:daily-vbr02',
    ]);
    expect(jobUids(await built([two, one]))).toEqual(jobUids(await built([one, two])));
  });
});

describe('buildReport: inputs', () => {
  const now = new Date('2025-10-06T12:00:00Z');
  const sessions = () => [
    jobSession('Daily', '2025-10-05T01:00:00Z', { minutes: 10, result: 'Failed' }),
    jobSession('Weekly', '2025-10-05T02:00:00Z', { minutes: 30 }),
    jobSession('Daily', '2025-10-05T01:30:00Z', { minutes: 10, retry: true }),
    jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10 }),
  ];

  it('gives the same report from an array, a sync generator and an async generator', async () => {
    const fromArray = await buildReport({ sessions: sessions() }, { now });
    const fromSync = await buildReport(
      {
        sessions: (function* () {
          yield* sessions();
        })(),
      },
      { now },
    );
    const fromAsync = await buildReport(
      {
        sessions: (async function* () {
          for (const session of sessions()) {
            await Promise.resolve();
            yield session;
          }
        })(),
      },
      { now },
    );
    expect(fromArray.totals).toMatchObject({ jobs: 2, runs: 3, attempts: 4 });
    expect(fromSync).toEqual(fromArray);
    expect(fromAsync).toEqual(fromArray);
  });

  it('names the backup server from the Up link, the source from the input, and copies failed sources', async () => {
    const built = await buildReport(
      {
        sessions: [
          jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10, server: 'vbr02.corp' }),
          jobSession('Unlinked', '2025-10-06T01:00:00Z', { minutes: 10, server: null }),
        ],
        source: 'em-east',
        failedSources: [{ name: 'em-west', error: 'connection refused' }],
      },
      { now },
    );
    expect(jobOf(built, 'Daily')).toMatchObject({ backupServer: 'vbr02.corp', source: 'em-east' });
    expect(jobOf(built, 'Unlinked').backupServer).toBeNull();
    expect(built.failedSources).toEqual([{ name: 'em-west', error: 'connection refused' }]);
  });

  it('keeps the source a failed backup server is of, none for a failed EM', async () => {
    const built = await buildReport(
      {
        sessions: [],
        source: 'em-east',
        failedSources: [
          { name: 'vbr-east-2', error: 'timed out', source: 'em-east' },
          { name: 'em-west', error: 'refused', source: '' },
        ],
      },
      { now },
    );
    expect(built.failedSources).toEqual([
      { name: 'vbr-east-2', error: 'timed out', source: 'em-east' },
      { name: 'em-west', error: 'refused' },
    ]);
  });

  it('refuses a source, failed sources or a backup server name no renderer could write (from JavaScript)', async () => {
    const daily = jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10 });
    const outside = (input: object) => input as Parameters<typeof buildReport>[0];
    const refused = async (input: object) => {
      const error = await reportError(buildReport(outside(input), { now }));
      expect(error.code).toBe('invalid-input');
      return error.message;
    };
    expect(await refused({ sessions: [daily], source: 5 })).toBe(
      'input.source is a number, not a string, null or undefined',
    );
    expect(await refused({ sessions: [], failedSources: [null] })).toBe(
      'input.failedSources[0] is null, not a { name, error } of strings',
    );
    expect(await refused({ sessions: [], failedSources: { name: 'em2', error: 'down' } })).toBe(
      'input.failedSources is an object, not an array of { name, error }',
    );
    expect(await refused({ sessions: [], failedSources: [{ name: 7, error: 'down' }] })).toBe(
      'input.failedSources[0]: name is a number, not a string',
    );
    expect(
      await refused({ sessions: [], failedSources: [{ name: 'vbr2', error: 'down', source: 1 }] }),
    ).toBe('input.failedSources[0] ("vbr2"): source is a number, not a string, null or undefined');
    // A caught Error is not read: its message may hold a secret (Node's fetch names a URL with
    // its credentials), and the report is for publishing.
    const caught = new Error('Request cannot be constructed from https://admin:hunter22@em2/');
    const message = await refused({
      sessions: [],
      failedSources: [{ name: 'em2', error: caught }],
    });
    expect(message).toBe(
      'input.failedSources[0] ("em2"): error is an Error, not a string: give the text to publish, such as its message once free of secrets',
    );
    const serverNamed = (name: unknown) => ({
      ...daily,
      Links: daily.Links.map((link) =>
        link.Type === 'BackupServerReference' ? { ...link, Name: name } : link,
      ),
    });
    expect(await refused({ sessions: [serverNamed(5)] })).toBe(
      `job session ${daily.UID} (input.sessions[0]): the Name of its backup server link is a number, not a string, null or undefined`,
    );
    // What reads as none, as it always has.
    const built = await buildReport(outside({ sessions: [serverNamed(null)], source: null }), {
      now,
    });
    expect(jobOf(built, 'Daily')).toMatchObject({ backupServer: null, source: null });
    const failed = await buildReport(
      outside({ sessions: [], failedSources: [{ name: 'vbr2', error: 'down', source: null }] }),
      { now },
    );
    expect(failed.failedSources).toEqual([{ name: 'vbr2', error: 'down' }]);
  });

  it('lists the jobs of the job list without a session in the window as missed', async () => {
    const built = await buildReport(
      {
        sessions: [
          jobSession('Old', '2025-09-20T01:00:00Z', { minutes: 10 }),
          jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10 }),
        ],
        jobs: [jobEntity('Weekly', false), jobEntity('Daily'), jobEntity('Old')],
        source: 'em-east',
      },
      { now },
    );
    const missed = (name: string, scheduleEnabled: boolean) => ({
      jobUid: jobUidOf(name),
      jobName: name,
      jobType: 'Backup',
      scheduleEnabled,
      backupServer: null,
      source: 'em-east',
    });
    expect(built.missedJobs).toEqual([
      // Its last success, before the window, is 16 days old: a job that stopped running breaches.
      {
        ...missed('Old', true),
        lastSuccessAt: '2025-09-20T01:10:00.000Z',
        lastSuccessAgeSeconds: 1_421_400,
        rpoSeconds: 86_400,
        rpoBreached: true,
      },
      {
        ...missed('Weekly', false),
        lastSuccessAt: null,
        lastSuccessAgeSeconds: null,
        rpoSeconds: 86_400,
        rpoBreached: true,
      },
    ]);
    expect(built.jobs.map((job) => job.jobName)).toEqual(['Daily']);
    // Old has a schedule and stopped; Weekly's schedule is off, so it is not counted.
    expect(built.totals.missedJobsBreachingRpo).toBe(1);
  });

  it('lists a job given twice in the job list once', async () => {
    const built = await buildReport(
      { sessions: [], jobs: [jobEntity('Weekly'), jobEntity('Daily'), jobEntity('Weekly')] },
      { now },
    );
    expect(built.missedJobs.map((job) => job.jobName)).toEqual(['Daily', 'Weekly']);
    expect(built.totals.missedJobsBreachingRpo).toBe(2);
  });

  it('holds a missed job to its own RPO, from its last success before the window', async () => {
    const built = await buildReport(
      {
        sessions: [
          jobSession('Weekly', '2025-09-30T01:00:00Z', { minutes: 10 }),
          jobSession('Weekly', '2025-10-01T01:00:00Z', { minutes: 10, result: 'Failed' }),
        ],
        jobs: [jobEntity('Weekly')],
      },
      { now, since: '2d', rpo: { default: '24h', jobs: { Weekly: '8d' } } },
    );
    expect(built.missedJobs).toEqual([
      expect.objectContaining({
        jobName: 'Weekly',
        lastSuccessAt: '2025-09-30T01:10:00.000Z',
        rpoSeconds: 8 * 86_400,
        rpoBreached: false,
      }),
    ]);
  });

  it('keeps a backup server named (unknown) apart from the jobs whose server is not named, and every renderer tells them apart', async () => {
    const sessions = [
      jobSession('Named', '2025-10-06T01:00:00Z', { minutes: 10, server: '(unknown)' }),
      jobSession('Unnamed', '2025-10-06T02:00:00Z', {
        minutes: 10,
        server: null,
        result: 'Failed',
      }),
    ];
    const built = await report(sessions, { now, groupBy: 'backupServer' });
    // The named server first; the key of the jobs whose server is not named is null, as their
    // backupServer is.
    expect(
      built.groups.map(({ key, jobs, runs, failedRuns }) => [key, jobs, runs, failedRuns]),
    ).toEqual([
      ['(unknown)', 1, 1, 0],
      [null, 1, 1, 1],
    ]);
    // The same in the other order of the sessions, and after a merge, which groups anew.
    const reversed = await report([...sessions].reverse(), { now, groupBy: 'backupServer' });
    expect(reversed.groups).toEqual(built.groups);
    expect(mergeReports([built]).groups).toEqual(built.groups);
    // Two EMs: a group per source and server, each EM's servers not named apart from its `(unknown)`.
    const [east, west] = await Promise.all(
      ['em-east', 'em-west'].map((source) =>
        buildReport({ sessions, source }, { now, groupBy: 'backupServer' }),
      ),
    );
    expect(
      mergeReports([west as SessionReport, east as SessionReport]).groups.map(
        ({ key, source, failedRuns }) => [key, source, failedRuns],
      ),
    ).toEqual([
      ['(unknown)', 'em-east', 0],
      ['(unknown)', 'em-west', 0],
      [null, 'em-east', 1],
      [null, 'em-west', 1],
    ]);
    // Each renderer: the server by its name, the jobs without one under a label of their own.
    const rowsOf = (rendered: string, pattern: RegExp) =>
      rendered.split(/\r?\n/).filter((line) => pattern.test(line));
    expect(rowsOf(renderText(built, { width: 100 }), /^\(/)).toEqual([
      expect.stringMatching(/^\(unknown\) +1 +1 +0 +100\.0% +0$/),
      expect.stringMatching(/^\(no server\) +1 +1 +1 +0\.0% +1$/),
    ]);
    expect(rowsOf(renderMarkdown(built), /^\| \(/)).toEqual([
      '| (unknown) | 1 | 1 | 0 | 100.0% | 0 |',
      '| (no server) | 1 | 1 | 1 | 0.0% | 1 |',
    ]);
    const cells = (row: string) =>
      [...row.matchAll(/<td class="\w+">([^<]*)<\/td>/g)].map(([, cell]) => cell);
    expect(rowsOf(renderHtml(built), /^<tr><td class="text">\(/).map(cells)).toEqual([
      ['(unknown)', '1', '1', '0', '100.0%', '0'],
      ['(no server)', '1', '1', '1', '0.0%', '1'],
    ]);
    expect(rowsOf(renderCsv(built, { table: 'groups' }), /^backupServer,/)).toEqual([
      'backupServer,(unknown),,1,1,0,1,0',
      'backupServer,,,1,1,1,0,1',
    ]);
    expect(JSON.parse(renderJson(built)).groups.map((group: GroupReport) => group.key)).toEqual([
      '(unknown)',
      null,
    ]);
  });

  it('adds totals per backup server or per job type', async () => {
    const grouped = () => [
      jobSession('A', '2025-10-06T01:00:00Z', { minutes: 10, server: 'vbr01' }),
      jobSession('B', '2025-10-06T01:00:00Z', { minutes: 10, server: 'vbr01', result: 'Failed' }),
      jobSession('C', '2025-10-06T01:00:00Z', {
        minutes: 10,
        server: 'vbr02',
        jobType: 'BackupCopy',
      }),
      jobSession('D', '2025-10-06T01:00:00Z', { minutes: 10, server: null, jobType: 'BackupCopy' }),
    ];
    const byServer = await report(grouped(), { now, groupBy: 'backupServer' });
    expect(byServer.groups).toEqual([
      {
        by: 'backupServer',
        key: 'vbr01',
        source: null,
        jobs: 2,
        runs: 2,
        failedRuns: 1,
        successRate: 0.5,
        jobsBreachingRpo: 1,
      },
      {
        by: 'backupServer',
        key: 'vbr02',
        source: null,
        jobs: 1,
        runs: 1,
        failedRuns: 0,
        successRate: 1,
        jobsBreachingRpo: 0,
      },
      {
        by: 'backupServer',
        key: null,
        source: null,
        jobs: 1,
        runs: 1,
        failedRuns: 0,
        successRate: 1,
        jobsBreachingRpo: 0,
      },
    ]);
    const byType = await report(grouped(), { now, groupBy: 'jobType' });
    expect(byType.groups.map((group) => [group.key, group.jobs, group.failedRuns])).toEqual([
      ['Backup', 2, 1],
      ['BackupCopy', 2, 0],
    ]);
    expect((await report(grouped(), { now })).groups).toEqual([]);
  });
});

describe('buildReport: VMs and failure reasons', () => {
  const now = new Date('2025-10-06T12:00:00Z');
  const reasonFor = (guid: string, job: number) =>
    `Error: Cannot open file [C:\\Backup\\Job ${job}\\web01.vbk] for session ${guid} (attempt ${job})`;

  function vmInput() {
    const before = jobSession('Files', '2025-09-20T01:00:00Z', { minutes: 10, result: 'Failed' });
    const first = jobSession('Files', '2025-10-05T01:00:00Z', { minutes: 10, result: 'Failed' });
    const second = jobSession('Files', '2025-10-06T01:00:00Z', { minutes: 10, result: 'Failed' });
    const retry = jobSession('Files', '2025-10-06T02:00:00Z', { minutes: 10, retry: true });
    return {
      sessions: [before, first, second, retry],
      taskSessions: [
        taskSession('web01', before, 'Failed', 'Outside the window'),
        taskSession('web01', first, 'Failed', reasonFor('3f2a9c1e-1111-2222-3333-444455556666', 1)),
        taskSession('db01', first, 'Success'),
        taskSession(
          'web01',
          second,
          'Failed',
          reasonFor('8d0e7c6b-aaaa-bbbb-cccc-ddddeeeeffff', 2),
        ),
        taskSession('db01', second, 'Warning', 'Low disk space on srv02.lab.local: 5 % free'),
        taskSession('web01', second, 'Failed', 'Snapshot removal failed'),
        taskSession('web01', retry, 'Success'),
      ],
    };
  }

  it('groups reasons that differ only in GUIDs, numbers and paths, most frequent first', async () => {
    const built = await buildReport(vmInput(), { now });
    expect(built.vms).toEqual([
      {
        vmName: 'db01',
        jobName: 'Files',
        jobUid: jobUidOf('Files'),
        source: null,
        // Its last success is older than the RPO: critical, whatever its last result.
        health: 'critical',
        lastResult: 'Warning',
        lastRunAt: '2025-10-06T01:01:00.000Z',
        lastSuccessAt: '2025-10-05T01:06:00.000Z',
        lastSuccessAgeSeconds: 125_640,
        rpoSeconds: 86_400,
        rpoBreached: true,
        failureReasons: [
          {
            normalized: 'Low disk space on <host>: <n> % free',
            example: 'Low disk space on srv02.lab.local: 5 % free',
            count: 1,
          },
        ],
      },
      {
        vmName: 'web01',
        jobName: 'Files',
        jobUid: jobUidOf('Files'),
        source: null,
        health: 'ok',
        lastResult: 'Success',
        lastRunAt: '2025-10-06T02:01:00.000Z',
        lastSuccessAt: '2025-10-06T02:06:00.000Z',
        lastSuccessAgeSeconds: 35_640,
        rpoSeconds: 86_400,
        rpoBreached: false,
        failureReasons: [
          {
            normalized: 'Error: Cannot open file [<path>] for session <guid> (attempt <n>)',
            example: reasonFor('3f2a9c1e-1111-2222-3333-444455556666', 1),
            count: 2,
          },
          { normalized: 'Snapshot removal failed', example: 'Snapshot removal failed', count: 1 },
        ],
      },
    ]);
    expect(built.totals.vmsBreachingRpo).toBe(1);
  });

  it('takes the state of a VM from its latest finished task, under the policy', async () => {
    const first = jobSession('Db', '2025-10-06T01:00:00Z', { minutes: 10 });
    const second = jobSession('Db', '2025-10-06T03:00:00Z', { minutes: 10, result: 'Warning' });
    const input = () => ({
      sessions: [first, second],
      taskSessions: [
        taskSession('db01', first, 'Success'),
        taskSession('db02', first, 'Success'),
        taskSession('db01', second, 'Warning', 'Log truncation skipped'),
        taskSession('db02', second, 'Failed', 'Guest processing failed'),
      ],
    });
    const strict = await buildReport(input(), { now });
    expect(strict.vms.map((vm) => [vm.vmName, vm.health, vm.lastResult, vm.lastSuccessAt])).toEqual(
      [
        ['db02', 'critical', 'Failed', '2025-10-06T01:06:00.000Z'],
        ['db01', 'warning', 'Warning', '2025-10-06T01:06:00.000Z'],
      ],
    );
    const lenient = await buildReport(input(), { now, policy: 'warning-is-success' });
    expect(lenient.vms.map((vm) => [vm.vmName, vm.health, vm.lastSuccessAt])).toEqual([
      ['db02', 'critical', '2025-10-06T01:06:00.000Z'],
      ['db01', 'ok', '2025-10-06T03:06:00.000Z'],
    ]);
  });

  it('keeps the top reasons only', async () => {
    const built = await buildReport(vmInput(), { now, topReasons: 1 });
    const web01 = built.vms.find((vm) => vm.vmName === 'web01');
    expect(web01?.failureReasons.map((reason) => reason.count)).toEqual([2]);
  });

  it('reports tasks without a VM name, or with an empty or blank one, as (unnamed VM)', async () => {
    const session = jobSession('Nameless', '2025-10-06T01:00:00Z', { minutes: 10 });
    const tasks = ['', '  ', undefined].map((vm) => {
      const task = taskSession('x', session, 'Success');
      if (vm === undefined) delete task.VmDisplayName;
      else task.VmDisplayName = vm;
      return task;
    });
    const built = await buildReport(
      { sessions: [session], taskSessions: tasks },
      { now: new Date('2025-10-07T00:00:00Z') },
    );
    expect(built.vms.map((vm) => vm.vmName)).toEqual(['(unnamed VM)']);
  });

  it('counts a task session given again (where two pages meet) once, and takes its end when it had none', async () => {
    const session = jobSession('Files', '2025-10-06T01:00:00Z', { minutes: 30, result: 'Failed' });
    const failed = taskSession('fs01', session, 'Failed', 'Disk full on 10.0.0.5');
    const built = await buildReport(
      { sessions: [session], taskSessions: [failed, { ...failed }, { ...failed }] },
      { now },
    );
    expect(built.vms[0]?.failureReasons).toEqual([
      { normalized: 'Disk full on <host>', example: 'Disk full on 10.0.0.5', count: 1 },
    ]);

    const finished = taskSession('db01', session, 'Success');
    const { EndTimeUTC: _end, ...rest } = finished;
    const running: BackupTaskSession = { ...rest, State: 'InProgress', Result: 'None' };
    for (const order of [
      [running, finished],
      [running, finished, { ...running }, { ...finished }],
    ]) {
      const vm = (await buildReport({ sessions: [session], taskSessions: order }, { now })).vms[0];
      expect(vm).toMatchObject({ vmName: 'db01', lastResult: 'Success', health: 'ok' });
    }
  });

  it('counts the reason of a task seen failing while in progress once, from its finished copy', async () => {
    const session = jobSession('Files', '2025-10-06T01:00:00Z', { minutes: 30, result: 'Failed' });
    const finished = taskSession('fs01', session, 'Failed', 'Disk error 5');
    const { EndTimeUTC: _end, ...rest } = finished;
    const inProgress: BackupTaskSession = { ...rest, State: 'InProgress' };
    const reasons = async (tasks: BackupTaskSession[]) =>
      (await buildReport({ sessions: [session], taskSessions: tasks }, { now })).vms[0]
        ?.failureReasons;
    for (const order of [
      [inProgress, finished],
      [finished, inProgress],
    ]) {
      expect(await reasons(order)).toEqual([
        { normalized: 'Disk error <n>', example: 'Disk error 5', count: 1 },
      ]);
    }
    // Still in progress at the end of the stream while its session runs: no result yet, so no
    // reason either. Its session has finished: it never will finish, and counts as failed.
    const { EndTimeUTC: _sessionEnd, ...running } = session;
    const whileRunning = await buildReport(
      { sessions: [{ ...running, State: 'Working', Result: 'None' }], taskSessions: [inProgress] },
      { now },
    );
    expect(whileRunning.vms[0]?.failureReasons).toEqual([]);
    expect(await reasons([inProgress])).toEqual([
      { normalized: 'Disk error <n>', example: 'Disk error 5', count: 1 },
    ]);
  });

  it("takes a VM's last success from the task sessions of a job session before the window, for the RPO only", async () => {
    // A report of the last 12 h with an RPO of 24 h: the VMs' successes 20 h ago are before it.
    const now = new Date('2025-10-07T12:00:00Z');
    const before = jobSession('Files', '2025-10-06T16:00:00Z', { minutes: 10, result: 'Warning' });
    const inWindow = jobSession('Files', '2025-10-07T06:00:00Z', { minutes: 10, result: 'Failed' });
    const built = await buildReport(
      {
        sessions: [before, inWindow],
        taskSessions: [
          taskSession('web01', before, 'Success'),
          taskSession('db01', before, 'Failed', 'Not counted: before the window'),
          taskSession('only-before', before, 'Success'),
          taskSession('web01', inWindow, 'Failed', 'Snapshot failed'),
          taskSession('db01', inWindow, 'Failed', 'Snapshot failed'),
        ],
      },
      { now, since: '12h', rpo: '24h' },
    );
    const vm = (name: string) => built.vms.find((candidate) => candidate.vmName === name);
    expect(vm('web01')).toMatchObject({
      lastResult: 'Failed',
      lastSuccessAt: '2025-10-06T16:06:00.000Z',
      rpoBreached: false,
      failureReasons: [expect.objectContaining({ example: 'Snapshot failed', count: 1 })],
    });
    expect(vm('db01')).toMatchObject({ lastSuccessAt: null, rpoBreached: true });
    expect(vm('db01')?.failureReasons).toHaveLength(1);
    // A VM with task sessions before the window only is not reported, as a job would not be.
    expect(vm('only-before')).toBeUndefined();
    expect(built.totals.vmsBreachingRpo).toBe(1);
  });

  it('has no VMs without task sessions, and says they were not assessed', async () => {
    const { sessions } = vmInput();
    const without = await buildReport({ sessions }, { now });
    expect(without.vms).toEqual([]);
    expect(without.totals.vmsBreachingRpo).toBeNull();
    const none = await buildReport({ sessions, taskSessions: [] }, { now });
    expect(none.totals.vmsBreachingRpo).toBe(0);
  });
});

describe('buildReport: failure reasons of the report', () => {
  const now = new Date('2025-10-20T12:00:00Z');
  const failedNight = (day: number, job = 'SQL Backup', spec: SessionSpec = {}) =>
    jobSession(job, `2025-10-${String(day).padStart(2, '0')}T02:00:00Z`, {
      minutes: 10,
      result: 'Failed',
      ...spec,
    });

  it('counts every reason of each VM, not only those its report keeps, and how many kinds there are', async () => {
    const reasons = [
      'Disk full',
      'Snapshot failed',
      'Host unreachable',
      'VSS timeout',
      'CBT reset',
    ];
    // Each reason twice, then one more once on the latest run.
    const plan = [...reasons.flatMap((reason) => [reason, reason]), 'License expired'];
    const sessions = plan.map((_, index) => failedNight(index + 1));
    const taskSessions = plan.map((reason, index) =>
      taskSession('vm01', sessions[index] as BackupJobSession, 'Failed', reason),
    );
    const built = await buildReport({ sessions, taskSessions }, { now, since: '3w' });
    expect(built.vms[0]?.failureReasons).toHaveLength(5);
    expect(built.failureReasonKinds).toBe(6);
    expect(built.failureReasons).toContainEqual({
      normalized: 'License expired',
      example: 'License expired',
      count: 1,
    });
    expect(renderText(built, { width: 100 })).toContain('1  License expired');
    expect(renderMarkdown(built)).toContain('License expired');
    expect(renderHtml(built)).toContain('License expired');
    // A list cut by the renderer says how many there are.
    expect(renderText(built, { width: 100, top: 5 })).toContain('Top failure reasons (5 of 6)');
    expect(renderMarkdown(built, { top: 5 })).toContain('Showing 5 of 6.');
    expect(renderHtml(built, { top: 5 })).toContain('Showing 5 of 6.');
  });

  it('keeps at most 100 kinds, and says how many there were', async () => {
    const sessions = [failedNight(1)];
    const taskSessions = Array.from({ length: 101 }, (_, index) =>
      taskSession(
        `vm${index}`,
        sessions[0] as BackupJobSession,
        'Failed',
        `Error kind ${'x'.repeat(index)}`,
      ),
    );
    const built = await buildReport({ sessions, taskSessions }, { now, since: '3w' });
    expect(built.failureReasons).toHaveLength(100);
    expect(built.failureReasonKinds).toBe(101);
    expect(renderText(built, { width: 100 })).toContain('Top failure reasons (10 of 101)');
    // Merged, the kinds cut from a report's list still count.
    const merged = mergeReports([
      built,
      {
        ...built,
        jobs: [],
        vms: [],
        sources: ['other'],
        failureReasonKinds: 0,
        failureReasons: [],
      },
    ]);
    expect(merged.failureReasonKinds).toBe(101);
  });

  it("counts a failed or warning session's own message as a reason of its job without task sessions", async () => {
    const message = 'Target repository DR-01 is unavailable';
    const copy = (day: number, result: SessionResult) => ({
      ...failedNight(day, 'Copy to DR', { jobType: 'BackupCopy', result }),
      FailureMessage: message,
    });
    // A success's message (a note) and a running session's are no reasons.
    const running = {
      ...jobSession('Copy to DR', '2025-10-04T02:00:00Z', { jobType: 'BackupCopy' }),
      FailureMessage: message,
    };
    const sessions = [copy(1, 'Failed'), copy(2, 'Warning'), copy(3, 'Success'), running];
    for (const taskSessions of [undefined, []]) {
      const built = await buildReport({ sessions, taskSessions }, { now, since: '3w' });
      const reason = {
        normalized: 'Target repository DR-<n> is unavailable',
        example: message,
        count: 2,
      };
      expect(built.jobs[0]?.failureReasons).toEqual([
        { ...reason, normalized: expect.any(String) },
      ]);
      expect(built.failureReasons).toEqual(built.jobs[0]?.failureReasons);
      expect(renderText(built, { width: 120 })).toContain(message);
      expect(renderMarkdown(built)).toContain('DR-01');
      expect(renderHtml(built)).toContain('DR-01');
      expect(renderJson(built)).toContain('DR-01');
    }
  });

  it('counts a session message for its job only when no task session of it gave a reason', async () => {
    const message = 'Processing finished with errors';
    const withTaskReason = { ...failedNight(1), FailureMessage: message };
    const withoutTaskReason = { ...failedNight(2), FailureMessage: message };
    const taskSessions = [
      taskSession('vm01', withTaskReason, 'Failed', 'Snapshot failed'),
      taskSession('vm01', withoutTaskReason, 'Failed'),
    ];
    const built = await buildReport(
      { sessions: [withTaskReason, withoutTaskReason], taskSessions },
      { now, since: '3w' },
    );
    expect(built.jobs[0]?.failureReasons).toEqual([
      { normalized: message, example: message, count: 1 },
    ]);
    expect(built.failureReasons?.map((reason) => reason.example).sort()).toEqual([
      message,
      'Snapshot failed',
    ]);
  });
});

describe('buildReport: options', () => {
  const invalidOption = async (options: ReportOptions, pattern: RegExp) => {
    const error = await reportError(buildReport({ sessions: [] }, options));
    expect(error.code).toBe('invalid-option');
    expect(error.message).toMatch(pattern);
  };

  it('takes Dates of another realm (vm, a worker) as options, and no object merely inheriting Date’s methods', async () => {
    const otherRealm = (iso: string) => runInNewContext(`new Date(${JSON.stringify(iso)})`) as Date;
    const window = { from: '2025-10-01T00:00:00Z', to: '2025-10-08T00:00:00Z' };
    const same = await buildReport(
      { sessions: [] },
      { from: new Date(window.from), to: new Date(window.to), now: new Date(window.to) },
    );
    const other = await buildReport(
      { sessions: [] },
      { from: otherRealm(window.from), to: otherRealm(window.to), now: otherRealm(window.to) },
    );
    expect(JSON.stringify(other)).toBe(JSON.stringify(same));
    await invalidOption(
      { now: Object.create(Date.prototype) },
      /^now: expected a Date, got object/,
    );
    await invalidOption({ to: Object.create(Date.prototype) }, /^to: expected a Date, got object/);
  });

  it('refuses bad options by name', async () => {
    await invalidOption({ since: '7x' }, /^since: "7x" is not a duration/);
    await invalidOption({ since: '0d' }, /^since/);
    await invalidOption(
      { from: new Date('2025-10-02'), to: new Date('2025-10-01') },
      /from .* must be before to/,
    );
    await invalidOption(
      { from: new Date('2025-10-01'), to: new Date('2025-10-01') },
      /must be before/,
    );
    await invalidOption({ now: new Date('nope') }, /^now: invalid Date/);
    await invalidOption({ generatedAt: new Date('nope') }, /^generatedAt: invalid Date/);
    await invalidOption(
      { generatedAt: Date.now() as unknown as Date },
      /^generatedAt: expected a Date, got number/,
    );
    // An ISO string past 9999 has a six-digit year, which the schema's date-time refuses.
    await invalidOption(
      { from: new Date('9999-12-30T00:00:00Z'), to: new Date('+010000-01-01T00:00:00Z') },
      /^to: \+010000-01-01T00:00:00.000Z is not within the years 0001 to 9999/,
    );
    await invalidOption(
      { now: new Date('+010000-01-01T00:00:00Z') },
      /^now: \+010000-01-01T00:00:00.000Z is not within the years 0001 to 9999/,
    );
    await invalidOption(
      { from: new Date('-000001-12-31T00:00:00Z'), to: new Date('0000-01-02T00:00:00Z') },
      /is not within the years 0001 to 9999/,
    );
    // A JavaScript caller's strings and nulls are refused by name, as TypeScript would.
    await invalidOption(
      { now: '2026-03-10' as unknown as Date },
      /^now: expected a Date, got string/,
    );
    await invalidOption(
      { rpo: null as unknown as string },
      /^rpo: expected a duration .* got null/,
    );
    // Year 0000 (1 BC) has no YYYY date of its own: it read as 0001 and lost days.
    await invalidOption(
      { from: new Date('0000-12-30T00:00:00Z'), to: new Date('0001-01-04T00:00:00Z') },
      /^from: 0000-12-30T00:00:00.000Z is not within the years 0001 to 9999/,
    );
    await invalidOption(
      {
        from: new Date('0001-01-01T00:00:00Z'),
        to: new Date('0001-01-04T00:00:00Z'),
        timeZone: 'America/New_York',
      },
      /must lie within the years 0001 to 9999 in America\/New_York/,
    );
    await invalidOption(
      {
        from: new Date('9999-12-30T00:00:00Z'),
        to: new Date('9999-12-31T23:00:00Z'),
        timeZone: 'Pacific/Kiritimati',
      },
      /must lie within the years 0001 to 9999 in Pacific\/Kiritimati/,
    );
    await invalidOption({ topReasons: 0 }, /^topReasons: 0 is not a whole number/);
    await invalidOption({ topReasons: 1.5 }, /^topReasons/);
    await invalidOption(
      { timeZone: 'Mars/Olympus_Mons' },
      /^timeZone: "Mars\/Olympus_Mons" is not an IANA time zone/,
    );
    await invalidOption({ rpo: '1y' }, /^rpo: "1y"/);
    await invalidOption(
      { rpo: { default: '24h', jobs: { Daily: 'soon' } } },
      /^rpo\.jobs\["Daily"\]: "soon"/,
    );
    await invalidOption({ policy: 'lenient' as 'strict' }, /^policy: "lenient"/);
    await invalidOption({ groupBy: 'vm' as 'jobType' }, /^groupBy: "vm"/);
  });

  it('checks options before reading any input', async () => {
    let read = false;
    const sessions = (function* () {
      read = true;
      yield jobSession('Daily', '2025-10-06T01:00:00Z', { minutes: 10 });
    })();
    await reportError(buildReport({ sessions }, { timeZone: 'Nowhere/Special' }));
    expect(read).toBe(false);
  });

  it('reports a window at the first and last days of the years 0001 to 9999', async () => {
    const first = await report([jobSession('Early', '0001-01-02T01:00:00Z', { minutes: 60 })], {
      from: new Date('0001-01-01T00:00:00Z'),
      to: new Date('0001-01-04T00:00:00Z'),
      now: new Date('0001-01-04T00:00:00Z'),
    });
    expect(first.days.map((day) => [day.date, day.successfulRuns])).toEqual([
      ['0001-01-01', 0],
      ['0001-01-02', 1],
      ['0001-01-03', 0],
    ]);
    const last = await report([], {
      from: new Date('9999-12-30T00:00:00Z'),
      to: new Date('9999-12-31T23:59:59.999Z'),
      now: new Date('9999-12-31T23:59:59.999Z'),
    });
    expect(last.days.map((day) => day.date)).toEqual(['9999-12-30', '9999-12-31']);
  });

  it('parses durations in minutes, hours, days and weeks', () => {
    expect(parseDuration('30m', 'since')).toBe(1_800);
    expect(parseDuration('24h', 'since')).toBe(86_400);
    expect(parseDuration('7d', 'since')).toBe(604_800);
    expect(parseDuration('2w')).toBe(1_209_600);
    expect(() => parseDuration('2 weeks')).toThrow(/^duration: "2 weeks" is not a duration/);
    for (const bad of ['', '7', 'd', '-1d', '1.5h', ' 7d', '7D', '1y']) {
      expect(() => parseDuration(bad, 'since')).toThrow(ReportError);
    }
  });
});

describe('FailureReasonCounts', () => {
  it("past 256 kinds, a new kind takes the least frequent one's place: a frequent reason is kept", () => {
    const counts = new FailureReasonCounts();
    for (let i = 0; i < 256; i++)
      counts.add(`one-off ${'x'.repeat(i % 50)} ${String.fromCharCode(0x4e00 + i)}`);
    for (let i = 0; i < 1000; i++) counts.add('Insufficient disk space');
    const [top] = counts.top(5);
    expect(top?.example).toBe('Insufficient disk space');
    expect(top?.count).toBeGreaterThanOrEqual(1000);
    expect(top?.count).toBeLessThanOrEqual(1001);
  });

  it('keeps an example of at most 2,000 characters and one more for the cut', () => {
    const counts = new FailureReasonCounts();
    counts.add(`Error ${'a-'.repeat(20_000)}`);
    expect(counts.top(1)[0]?.example).toHaveLength(2001);
  });
});

describe('normalizeReason', () => {
  it('normalizes the first 2,000 characters of a reason, so that no message is slow', () => {
    const long = `${'a-'.repeat(20_000)}b`;
    expect(normalizeReason(long)).toBe(normalizeReason(long.slice(0, MAX_NORMALIZED_CHARS)));
    expect(normalizeReason(long).length).toBeLessThanOrEqual(MAX_NORMALIZED_CHARS);
  });

  it('replaces what differs between alike failures', () => {
    expect(normalizeReason('Failed to connect to host srv01.lab.local port 2500')).toBe(
      'Failed to connect to host <host> port <n>',
    );
    expect(normalizeReason("Cannot connect to the host's agent: 10.0.0.15:6162")).toBe(
      "Cannot connect to the host's agent: <host>",
    );
    expect(normalizeReason("Task failed for 'VM 12', error 0x80004005")).toBe(
      'Task failed for <quoted>, error <hex>',
    );
    expect(normalizeReason('Cannot read /var/lib/veeam/job.log. Retry  later')).toBe(
      'Cannot read <path>. Retry later',
    );
    expect(normalizeReason('Share \\\\nas01\\backups is offline')).toBe('Share <path> is offline');
    expect(normalizeReason('See https://kb.example.com/kb1234?x=1 for help')).toBe(
      'See <url> for help',
    );
  });

  it('replaces IPv6 addresses, full, compressed, bracketed with a port or scoped, but not times', () => {
    for (const address of [
      '2001:db8:85a3:0:0:8a2e:370:7334',
      'fe80::1',
      '::1',
      'fe80::1%eth0',
      '::ffff:10.0.0.1',
    ]) {
      expect(normalizeReason(`Cannot connect to ${address} now`)).toBe(
        'Cannot connect to <host> now',
      );
    }
    // Brackets stay, as around IPv4, so that alike messages group whichever address they name.
    for (const target of [
      '[fd00::10]:6162',
      '[fd00::10]',
      '[2001:db8::2]:6162',
      '[192.168.1.10:6162]',
    ]) {
      expect(normalizeReason(`RPC function call failed. Target machine: ${target}.`)).toBe(
        'RPC function call failed. Target machine: [<host>].',
      );
    }
    expect(normalizeReason('Started at 10:30:45, std::bad_alloc thrown')).toBe(
      'Started at <n>:<n>:<n>, std::bad_alloc thrown',
    );
  });

  it('reads a version as `<version>`, not as an IPv4 address, which still reads `<host>`', () => {
    for (const version of [
      'version 12.1.2.172',
      'Version: 12.1.2.172',
      'v12.1.2.172',
      'build 12.1',
    ]) {
      expect(normalizeReason(`Agent ${version} is not supported`)).toBe(
        `Agent ${version.replace(/[\d.]+$/, '')}<version> is not supported`,
      );
    }
    // No address has a part over 255.
    expect(normalizeReason('Agent 12.1.0.2131 is not supported')).toBe(
      'Agent <version> is not supported',
    );
    expect(normalizeReason('Cannot reach 192.168.1.20 (server version 12.1.2.172).')).toBe(
      'Cannot reach <host> (server version <version>).',
    );
    expect(normalizeReason('Cannot reach 10.0.0.255:6162.')).toBe('Cannot reach <host>.');
    // Five dotted numbers are no address either.
    expect(normalizeReason('Component 1.2.3.4.5 failed')).toBe('Component <n> failed');
    // The V of Hyper-V is no version's.
    expect(normalizeReason('Failed to connect to Hyper-V 10.0.0.5')).toBe(
      'Failed to connect to Hyper-V <host>',
    );
    expect(normalizeReason('Hyper-V host 10.0.0.5 (v10.0.17763) is offline')).toBe(
      'Hyper-V host <host> (v<version>) is offline',
    );
  });

  it('replaces UNC paths with spaces in their folders, and URNs', () => {
    expect(normalizeReason('Cannot open \\\\nas01\\share\\Backup Job 1\\vm.vbk. Retry')).toBe(
      'Cannot open <path>. Retry',
    );
    expect(normalizeReason('Share \\\\nas-02.lab.local\\backups\\ is offline')).toBe(
      'Share <path> is offline',
    );
    expect(
      normalizeReason(
        'Failed to write \\\\nas01\\share\\Job\\vm.vbk because the share \\\\nas01\\share\\ is read-only',
      ),
    ).toBe('Failed to write <path> because the share <path> is read-only');
    expect(normalizeReason('Object urn:veeam:Vm:abc123 (vm-7) not found.')).toBe(
      'Object <urn> (vm-<n>) not found.',
    );
    expect(
      normalizeReason(
        'Session urn:veeam:BackupJobSession:3f2a9c1e-1111-2222-3333-444455556666 failed',
      ),
    ).toBe('Session <urn> failed');
  });

  it('replaces file and host names with `_` (VMware’s second disk) whole', () => {
    for (const disk of ['vm01.vmdk', 'vm01_1.vmdk', 'vm01-2.vmdk', 'vm01_3.vhdx', 'VM01_4.VMDK']) {
      expect(normalizeReason(`Failed to open disk ${disk}: file is locked`)).toBe(
        'Failed to open disk <file>: file is locked',
      );
    }
    expect(normalizeReason('Cannot reach srv_01.lab.local:6162')).toBe('Cannot reach <host>');
  });

  it('keeps method and exception names, which are mixed-case dotted names', () => {
    expect(
      normalizeReason(
        'Agent failed to process method {DataTransfer.BackupText}: System.IO.IOException',
      ),
    ).toBe('Agent failed to process method {DataTransfer.BackupText}: System.IO.IOException');
  });

  it('keeps a quoted type name, so that different exceptions do not group, and normalizes other quoted text', () => {
    const io = normalizeReason("Processing failed: 'System.IO.IOException' was thrown");
    const timeout = normalizeReason("Processing failed: 'System.TimeoutException' was thrown");
    expect(io).toBe("Processing failed: 'System.IO.IOException' was thrown");
    expect(timeout).toBe("Processing failed: 'System.TimeoutException' was thrown");
    expect(normalizeReason('Error "java.net.SocketTimeoutException" on read')).toBe(
      'Error "java.net.SocketTimeoutException" on read',
    );
    expect(
      normalizeReason("Exception of type 'Veeam.Backup.Common.CCppComponentException' was thrown."),
    ).toBe("Exception of type 'Veeam.Backup.Common.CCppComponentException' was thrown.");
    for (const quoted of [
      "'VM 12'",
      "'sql01'",
      "'srv01.lab.local'",
      "'vm01.vmdk'",
      "'NAS01.CORP'",
      "'Web.Server 2'",
      // Dotted, capitalised VM, job and host names are no exception types.
      "'Web.Frontend'",
      "'Finance.Payroll'",
      "'DC01.Corp.Local'",
      "'App.Server01'",
    ]) {
      expect(normalizeReason(`Task failed for ${quoted}`)).toBe('Task failed for <quoted>');
    }
  });

  it('normalizes EM’s own message for a full disk', () => {
    const message =
      "Error: There is not enough space on the disk. Failed to write data to the file [C:\\Backup\\Backup Job 1\\Backup Job 1D2025-06-05T030355_06C7.vib]. Backup: [VBK: 'veeamfs:0:de28dc43-b8ee-4e17-8e63-3d38b6604033 (vm-62228)\\summary.xml@C:\\Backup\\Backup Job 1\\Backup Job 1D2025-06-05T030355_06C7.vib']. ";
    expect(normalizeReason(message)).toBe(
      'Error: There is not enough space on the disk. Failed to write data to the file [<path>]. Backup: [<path>].',
    );
  });
});

describe('DurationHistogram', () => {
  /** A deterministic pseudo-random sequence (a linear congruential generator). */
  function* randomDurations(count: number, seed: number) {
    let state = seed;
    for (let i = 0; i < count; i++) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      // Spread over 1 ms to about 30 days, log-uniformly.
      yield Math.round(Math.exp((state / 2 ** 31) * Math.log(2.6e9)));
    }
  }

  const exactQuantile = (sorted: number[], q: number) =>
    sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] ?? Number.NaN;

  it('gives quantiles within 2 % of the exact ones and the exact maximum', () => {
    for (const seed of [1, 7, 42, 2025]) {
      const durations = [...randomDurations(2_000, seed)];
      const histogram = new DurationHistogram();
      for (const duration of durations) histogram.add(duration);
      const sorted = [...durations].sort((a, b) => a - b);
      for (const q of [0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1]) {
        const exact = exactQuantile(sorted, q);
        expect(Math.abs(histogram.quantileMs(q) - exact) / exact).toBeLessThanOrEqual(0.02);
      }
      expect(histogram.maximumMs).toBe(sorted.at(-1));
      expect(histogram.samples).toBe(2_000);
    }
  });

  it('does not depend on the order of the durations', () => {
    const durations = [...randomDurations(500, 3)];
    const forward = new DurationHistogram();
    const backward = new DurationHistogram();
    for (const duration of durations) forward.add(duration);
    for (const duration of durations.reverse()) backward.add(duration);
    for (const q of [0.5, 0.95]) expect(backward.quantileMs(q)).toBe(forward.quantileMs(q));
  });

  it('gives the same figures when many histograms share one pool of counters', () => {
    // A pool far too small at first: ranges move and the pool grows while the histograms interleave.
    // 8 × 3,000 durations are several batches of held-back increments, some applied by a growth.
    const pool = new CountPool(8);
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const shared = seeds.map(() => new DurationHistogram(pool));
    const alone = seeds.map(() => new DurationHistogram());
    const sequences = seeds.map((seed) => [...randomDurations(3_000, seed)]);
    for (let i = 0; i < 3_000; i++) {
      seeds.forEach((_, h) => {
        const duration = sequences[h]?.[i] ?? 0;
        shared[h]?.add(duration);
        alone[h]?.add(duration);
      });
    }
    seeds.forEach((_, h) => {
      for (const q of [0.01, 0.5, 0.95, 1]) {
        expect(shared[h]?.quantileMs(q)).toBe(alone[h]?.quantileMs(q));
      }
    });
  });

  it('holds zero-length runs exactly', () => {
    const histogram = new DurationHistogram();
    for (const duration of [0, 0, 0, 5_000]) histogram.add(duration);
    expect(histogram.quantileMs(0.5)).toBe(0);
    expect(histogram.quantileMs(1)).toBe(5_000);
    expect(new DurationHistogram().quantileMs(0.5)).toBeNaN();
  });
});
