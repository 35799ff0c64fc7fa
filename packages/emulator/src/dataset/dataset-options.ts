import { DATE_TIME_MIN_MS, shownValue, timeOfDate } from '@vbem/model';
import { isOptionsBag, unknownKeyOf } from '../unknown-key.js';
import type { DatasetOptions, ResolvedDatasetOptions } from './dataset.js';
import { DatasetOptionsError } from './dataset-options-error.js';

/**
 * The default of every option but `now`, which defaults to the time of generation. Without jobs,
 * `runningSessions` and `restoreSessions` default to 0 (and `runningSessions` to `jobs` when fewer).
 */
export const DEFAULT_DATASET_OPTIONS: Omit<ResolvedDatasetOptions, 'now'> = Object.freeze({
  seed: 1,
  servers: 2,
  jobs: 24,
  days: 45,
  sessionsPerDay: 1,
  vmsPerJob: 4,
  failureRate: 0.06,
  warningRate: 0.05,
  retryRate: 0.7,
  runningSessions: 2,
  restoreSessions: 20,
});

/** Task session GUIDs carry the VM index in 16 bits. */
const MAX_VMS_PER_JOB = 0xffff;
const MAX_SESSIONS_PER_DAY = 24 * 60;
// The limits below keep the largest dataset within a default Node heap and a start of seconds,
// not minutes: the README gives what the largest allowed one costs.
/** Job sessions before retries: the columns are sorted by creation time at generation. */
const MAX_SCHEDULED_RUNS = 5_000_000;
/** Jobs of one dataset, even without history (each has its records and VMs). */
const MAX_JOBS = 100_000;
/** VM names over all jobs, each a string held for the emulator's life. */
const MAX_VMS = 1_000_000;
/** Task sessions of the scheduled runs, which a whole-result task query rows and sorts. */
const MAX_SCHEDULED_TASKS = 20_000_000;
const MAX_SERVERS = 10_000;
/** Restore sessions are records, generated up front. */
const MAX_RESTORE_SESSIONS = 100_000;
const DAY_MS = 86_400_000;
// A record, so that the compiler says when an option is added to DatasetOptions and not here.
const OPTIONS = Object.keys({
  seed: true,
  now: true,
  servers: true,
  jobs: true,
  days: true,
  sessionsPerDay: true,
  vmsPerJob: true,
  failureRate: true,
  warningRate: true,
  retryRate: true,
  runningSessions: true,
  restoreSessions: true,
} satisfies Record<keyof DatasetOptions, true>);

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  const expected =
    min === 0 && max === Number.MAX_SAFE_INTEGER
      ? 'a non-negative integer'
      : `an integer from ${min} to ${max}`;
  throw new DatasetOptionsError(name, `must be ${expected}, got ${shownValue(value)}`);
}

function requireRate(name: string, value: number): void {
  if (typeof value === 'number' && value >= 0 && value <= 1) return;
  throw new DatasetOptionsError(name, `must be a number from 0 to 1, got ${shownValue(value)}`);
}

export function resolveOptions(options: DatasetOptions): ResolvedDatasetOptions {
  if (!isOptionsBag(options))
    throw new DatasetOptionsError('', `must be an object of options, got ${shownValue(options)}`);
  const unknown = unknownKeyOf(options, OPTIONS);
  if (unknown !== undefined)
    throw new DatasetOptionsError(unknown, `is not a dataset option (${OPTIONS.join(', ')})`);
  const defaults = DEFAULT_DATASET_OPTIONS;
  const jobs = options.jobs ?? defaults.jobs;
  const resolved: ResolvedDatasetOptions = {
    seed: options.seed ?? defaults.seed,
    now: options.now ?? new Date(),
    servers: options.servers ?? defaults.servers,
    jobs,
    days: options.days ?? defaults.days,
    sessionsPerDay: options.sessionsPerDay ?? defaults.sessionsPerDay,
    vmsPerJob: options.vmsPerJob ?? defaults.vmsPerJob,
    failureRate: options.failureRate ?? defaults.failureRate,
    warningRate: options.warningRate ?? defaults.warningRate,
    retryRate: options.retryRate ?? defaults.retryRate,
    // Each running session is its own job's: by default no more than there are jobs.
    runningSessions: options.runningSessions ?? Math.min(defaults.runningSessions, jobs),
    // Restores need backed-up VMs: by default none without jobs.
    restoreSessions: options.restoreSessions ?? (jobs === 0 ? 0 : defaults.restoreSessions),
  };
  const anyCount = Number.MAX_SAFE_INTEGER;
  requireInteger('seed', resolved.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const nowMs = timeOfDate(resolved.now);
  if (nowMs === undefined || Number.isNaN(nowMs)) {
    throw new DatasetOptionsError('now', `must be a valid Date, got ${shownValue(resolved.now)}`);
  }
  requireInteger('servers', resolved.servers, 0, MAX_SERVERS);
  requireInteger('jobs', resolved.jobs, 0, MAX_JOBS);
  requireInteger('days', resolved.days, 0, anyCount);
  requireInteger('sessionsPerDay', resolved.sessionsPerDay, 0, MAX_SESSIONS_PER_DAY);
  requireInteger('vmsPerJob', resolved.vmsPerJob, 1, MAX_VMS_PER_JOB);
  requireRate('failureRate', resolved.failureRate);
  requireRate('warningRate', resolved.warningRate);
  requireRate('retryRate', resolved.retryRate);
  requireInteger('runningSessions', resolved.runningSessions, 0, MAX_JOBS);
  requireInteger('restoreSessions', resolved.restoreSessions, 0, MAX_RESTORE_SESSIONS);

  if (resolved.failureRate + resolved.warningRate > 1) {
    throw new DatasetOptionsError(
      'failureRate',
      `+ warningRate must not exceed 1, got ${resolved.failureRate} + ${resolved.warningRate}`,
    );
  }
  if (resolved.jobs > 0 && resolved.servers === 0) {
    throw new DatasetOptionsError(
      'servers',
      `must be at least 1 to hold ${resolved.jobs} jobs, got 0`,
    );
  }
  if (resolved.runningSessions > resolved.jobs) {
    throw new DatasetOptionsError(
      'runningSessions',
      `must not exceed jobs (${resolved.jobs}): each running session is its own job's, got ${resolved.runningSessions}`,
    );
  }
  if (resolved.restoreSessions > 0 && resolved.jobs === 0) {
    throw new DatasetOptionsError(
      'restoreSessions',
      `must be 0 without jobs: restores need backed-up VMs, got ${resolved.restoreSessions}`,
    );
  }
  // EM's dates start in the year 0001: a history that reaches before it could not be served.
  if (resolved.now.getTime() - resolved.days * DAY_MS < DATE_TIME_MIN_MS) {
    throw new DatasetOptionsError(
      'days',
      `must not reach before the year 0001 from now (${resolved.now.toISOString()}), got ${resolved.days}`,
    );
  }
  const vms = resolved.jobs * resolved.vmsPerJob;
  if (vms > MAX_VMS) {
    throw new DatasetOptionsError('jobs', `× vmsPerJob must not exceed ${MAX_VMS} VMs, got ${vms}`);
  }
  const scheduledRuns = resolved.jobs * resolved.days * resolved.sessionsPerDay;
  if (scheduledRuns > MAX_SCHEDULED_RUNS) {
    throw new DatasetOptionsError(
      'jobs',
      `× days × sessionsPerDay must not exceed ${MAX_SCHEDULED_RUNS} scheduled runs, got ${scheduledRuns}`,
    );
  }
  const scheduledTasks = scheduledRuns * resolved.vmsPerJob;
  if (scheduledTasks > MAX_SCHEDULED_TASKS) {
    throw new DatasetOptionsError(
      'jobs',
      `× days × sessionsPerDay × vmsPerJob must not exceed ${MAX_SCHEDULED_TASKS} task sessions, got ${scheduledTasks}`,
    );
  }
  return { ...resolved, now: new Date(resolved.now.getTime()) };
}
