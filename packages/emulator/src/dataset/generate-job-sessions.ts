import { JobType } from '@vbem/model';
import type { JobRecord, ResolvedDatasetOptions } from './dataset.js';
import { FAILED, NO_RESULT, STOPPED, SUCCESS, WARNING, WORKING } from './enum-ordinals.js';
import type { JobBehaviour } from './job-behaviours.js';
import { type JobSessionColumns, JobSessionColumnsBuilder } from './job-session-columns.js';
import { Stream } from './random-streams.js';
import { SeededRandom } from './seeded-random.js';
import { DAY_MS, MINUTE_MS } from './time-units.js';

const MAX_START_JITTER_MS = 90_000;
/** VBR's defaults: wait 10 minutes, then retry up to 3 times. */
const RETRY_WAIT_MS = 10 * MINUTE_MS;
const MAX_RETRIES = 3;
const MIN_RUN_MS = 15_000;
/** Active full backups run on Saturdays and take longer than the daily incrementals. */
const SATURDAY = 6;
const FULL_BACKUP_SLOWDOWN = 2.5;

const dayOfWeek = (day: number): number => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday

/** The end of a finished run; a run that would still be going at `now` is cut short. */
function finishedRunEnd(
  random: SeededRandom,
  start: number,
  nowMs: number,
  typicalMs: number,
  result: number,
): number {
  const durationMs =
    result === FAILED
      ? typicalMs * (0.05 + 0.7 * random.next())
      : random.spread(result === WARNING ? typicalMs * 1.15 : typicalMs, 0.3);
  const end = start + Math.max(MIN_RUN_MS, Math.round(durationMs));
  return end < nowMs ? end : start + Math.floor((nowMs - 1 - start) * (0.5 + 0.5 * random.next()));
}

/**
 * Every job session: per job, `days × sessionsPerDay` scheduled runs up to `now` (a run starts
 * only once the job's previous run ended, so runs of a job never overlap), retries of failed runs,
 * then `runningSessions` runs of distinct jobs still going at `now`, which start after every
 * other session.
 */
export function generateJobSessions(
  options: ResolvedDatasetOptions,
  nowMs: number,
  jobs: readonly JobRecord[],
  behaviours: readonly JobBehaviour[],
): JobSessionColumns {
  const runsPerDay = options.sessionsPerDay;
  const scheduledRuns = options.days * runsPerDay;
  const expectedRetries = scheduledRuns * options.failureRate * options.retryRate * 1.5;
  const builder = new JobSessionColumnsBuilder(
    Math.ceil(jobs.length * (scheduledRuns + expectedRetries)) + options.runningSessions + 16,
  );
  const lastEndOfJob = new Float64Array(jobs.length).fill(Number.NEGATIVE_INFINITY);
  let latestStart = Number.NEGATIVE_INFINITY;

  for (let jobIndex = 0; jobIndex < jobs.length && scheduledRuns > 0; jobIndex++) {
    const job = jobs[jobIndex] as JobRecord;
    const behaviour = behaviours[jobIndex] as JobBehaviour;
    const random = new SeededRandom(options.seed, Stream.JobSessions, jobIndex);
    const typicalMs = job.typicalDurationSeconds * 1000;
    const takesFullBackups = job.jobType === JobType.Backup;
    const phaseMs = job.startMinute * MINUTE_MS;
    // The last slot at or before now - 1 ms, so that every run starts strictly before `now`.
    const sinceFirstSlot = nowMs - 1 - phaseMs;
    const lastDay = Math.floor(sinceFirstSlot / DAY_MS);
    const lastSlot =
      lastDay * runsPerDay +
      Math.floor(((sinceFirstSlot - lastDay * DAY_MS) * runsPerDay) / DAY_MS);
    let busyUntil = Number.NEGATIVE_INFINITY;
    let failureChance = behaviour.failure;

    for (let slot = lastSlot - scheduledRuns + 1; slot <= lastSlot; slot++) {
      const day = Math.floor(slot / runsPerDay);
      const slotMs =
        day * DAY_MS + phaseMs + Math.floor(((slot - day * runsPerDay) * DAY_MS) / runsPerDay);
      let start =
        slotMs + Math.floor(random.next() * Math.min(MAX_START_JITTER_MS, nowMs - slotMs));
      if (start <= busyUntil) start = busyUntil + random.int(1_000, 60_000);
      if (start >= nowMs) break;

      const failed = random.chance(failureChance);
      failureChance = failed ? behaviour.failureAfterFailure : behaviour.failureAfterSuccess;
      const result = failed
        ? FAILED
        : random.chance(behaviour.warningUnlessFailed)
          ? WARNING
          : SUCCESS;
      const runTypicalMs =
        takesFullBackups && dayOfWeek(day) === SATURDAY
          ? typicalMs * FULL_BACKUP_SLOWDOWN
          : typicalMs;
      busyUntil = finishedRunEnd(random, start, nowMs, runTypicalMs, result);
      builder.push(jobIndex, start, busyUntil, STOPPED, result, 100, 0);
      latestStart = Math.max(latestStart, start);

      let attemptFailed = failed;
      for (let retry = 0; attemptFailed && retry < MAX_RETRIES; retry++) {
        if (!random.chance(options.retryRate)) break;
        const retryStart = busyUntil + RETRY_WAIT_MS + random.int(0, 59_999);
        if (retryStart >= nowMs) break;
        attemptFailed = random.chance(behaviour.retryFailure);
        const retryResult = attemptFailed
          ? FAILED
          : random.chance(behaviour.warningUnlessFailed)
            ? WARNING
            : SUCCESS;
        busyUntil = finishedRunEnd(random, retryStart, nowMs, typicalMs / 2, retryResult);
        builder.push(jobIndex, retryStart, busyUntil, STOPPED, retryResult, 100, 1);
        latestStart = Math.max(latestStart, retryStart);
      }
    }
    lastEndOfJob[jobIndex] = busyUntil;
  }

  const random = new SeededRandom(options.seed, Stream.RunningSessions);
  const runningJobs = random
    .shuffle(Array.from({ length: jobs.length }, (_, jobIndex) => jobIndex))
    .slice(0, options.runningSessions);
  for (const jobIndex of runningJobs) {
    const typicalMs = (jobs[jobIndex] as JobRecord).typicalDurationSeconds * 1000;
    const earliest = Math.max(latestStart, lastEndOfJob[jobIndex] as number, nowMs - typicalMs);
    const start = earliest + Math.floor((nowMs - earliest) * random.next());
    const progress = Math.min(99, Math.floor(((nowMs - start) / typicalMs) * 100));
    builder.push(jobIndex, start, Number.NaN, WORKING, NO_RESULT, progress, 0);
  }
  return builder.sortedByCreationTime();
}
