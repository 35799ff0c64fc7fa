import { JobType } from '@vbem/model';
import type { Dataset, JobRecord, JobSessionTable } from './dataset.js';
import { type GuidCodec, GuidKind, guidCodec } from './dataset-guid.js';
import {
  FAILED,
  NO_RESULT,
  SUCCESS,
  TASK_COMPLETED,
  TASK_IN_PROGRESS,
  TASK_PENDING,
  WARNING,
} from './enum-ordinals.js';
import { withMicroseconds } from './microsecond-time.js';
import { Stream } from './random-streams.js';
import {
  FAILURE_REASONS_BY_SCOPE,
  type Reason,
  type ReasonContext,
  scopeOf,
  WARNING_REASONS_BY_SCOPE,
} from './reason-catalogue.js';
import { rewindTaskRuns } from './rewind-task-runs.js';
import { SeededRandom } from './seeded-random.js';

/** What task sessions are generated from: the seed, the clock, the jobs and the job sessions. */
export interface TaskSessionSource {
  readonly seed: number;
  readonly nowMs: number;
  readonly jobs: readonly JobRecord[];
  readonly table: JobSessionTable;
  readonly taskCodec: GuidCodec;
  readonly hostCodec: GuidCodec;
  readonly vmObjectCodec: GuidCodec;
  /** When a stop request ended this running session, if one did (see `SessionStops`). */
  readonly stoppedAt?: (row: number) => number | undefined;
  /**
   * The clock reading the tasks are shown at, when some session runs then that the dataset has
   * end later (see `DatasetClock`): its tasks are rewound to how they stood at it.
   */
  readonly clockMs?: number;
}

/** The Reason of a task that a stop request ended before it completed (the emulator's wording). */
export const STOPPED_TASK_REASON = 'Job session was stopped by user.';

/** The source of a dataset's task sessions. */
export const taskSessionSource = (
  dataset: Pick<Dataset, 'options' | 'now' | 'jobs' | 'jobSessions'>,
): TaskSessionSource => ({
  seed: dataset.options.seed,
  nowMs: dataset.now.getTime(),
  jobs: dataset.jobs,
  table: dataset.jobSessions,
  taskCodec: guidCodec(dataset.options.seed, GuidKind.TaskSession),
  hostCodec: guidCodec(dataset.options.seed, GuidKind.VirtualizationHost),
  vmObjectCodec: guidCodec(dataset.options.seed, GuidKind.VmObject),
});

/**
 * The generated facts of one job session's task sessions, one slot per VM of its job: what the
 * seeded generator decides. Everything else about a task (GUID, VM, size) follows from its
 * session row and VM index. Reused from session to session, so that scanning a million sessions
 * builds no object per task.
 */
export class TaskRuns {
  /** Task sessions of the session last generated. */
  count = 0;
  creationTime = new Float64Array(0);
  /** NaN while running. */
  endTime = new Float64Array(0);
  state = new Uint8Array(0);
  result = new Uint8Array(0);
  reason: string[] = [];
  /** When each VM's processing started (a pending task was created earlier). */
  taskStart = new Float64Array(0);

  /** Makes room for `count` tasks and empties the reasons. */
  reset(count: number): void {
    if (count > this.creationTime.length) {
      this.creationTime = new Float64Array(count);
      this.endTime = new Float64Array(count);
      this.state = new Uint8Array(count);
      this.result = new Uint8Array(count);
      this.taskStart = new Float64Array(count);
    }
    this.reason.length = count;
    this.reason.fill('');
    this.count = count;
  }
}

/** Job types whose sessions have task sessions: EM lists them for Backup and Agent sessions, and replicas. */
const TASKED_JOB_TYPES: ReadonlySet<string> = new Set([
  JobType.Backup,
  JobType.AgentBackup,
  JobType.Replica,
]);

/** Whether a job's sessions have task sessions, one per VM (backup copies and file shares have none). */
export const hasTaskSessions = (job: JobRecord): boolean => TASKED_JOB_TYPES.has(job.jobType);

/**
 * Fills `runs` with the task sessions of job session `row`, none for a job without them. Per-VM outcomes agree with the
 * session: all good when it succeeded, at least one warning when it warned, at least one failure
 * when it failed; while it runs, done, running and queued VMs.
 */
export function generateTaskRuns(source: TaskSessionSource, row: number, runs: TaskRuns): void {
  const { table } = source;
  if (!Number.isInteger(row) || row < 0 || row >= table.count) {
    throw new RangeError(`Job session row ${row} is outside 0..${table.count - 1}`);
  }
  const job = source.jobs[table.jobIndex[row] as number] as JobRecord;
  if (!hasTaskSessions(job)) {
    runs.reset(0);
    return;
  }
  const start = table.creationTime[row] as number;
  const end = table.endTime[row] as number;
  const running = Number.isNaN(end);
  const horizon = running ? source.nowMs : end;
  const span = horizon - start;
  const vmCount = job.vmNames.length;
  runs.reset(vmCount);
  const random = new SeededRandom(source.seed, Stream.TaskSessions, row);
  // VMs start in order over the first 60% of the run, a few in parallel.
  for (let vm = 0; vm < vmCount; vm++) {
    runs.taskStart[vm] = start + Math.floor((span * 0.6 * (vm + random.next())) / vmCount);
  }
  if (running) runningOutcomes(runs, random, table.progress[row] as number);
  else finishedOutcomes(runs, random, table.result[row] as number, job);
  for (let vm = 0; vm < vmCount; vm++) {
    const taskStart = runs.taskStart[vm] as number;
    const state = runs.state[vm] as number;
    runs.creationTime[vm] = withMicroseconds(
      state === TASK_PENDING ? start + Math.floor(span * 0.02 * random.next()) : taskStart,
    );
    runs.endTime[vm] =
      state === TASK_COMPLETED
        ? withMicroseconds(
            taskStart + Math.floor((horizon - taskStart) * (0.35 + 0.6 * random.next())),
          )
        : Number.NaN;
  }
  const stoppedAt = source.stoppedAt?.(row);
  if (stoppedAt !== undefined) stopRuns(runs, stoppedAt, start);
  if (source.clockMs !== undefined) rewindTaskRuns(runs, source.clockMs, start);
}

/**
 * Ends the tasks a stop caught running or queued, as they stood at the stop: failed at the stop;
 * those finished by then stay.
 */
function stopRuns(runs: TaskRuns, stoppedAt: number, sessionStart: number): void {
  rewindTaskRuns(runs, stoppedAt, sessionStart);
  for (let vm = 0; vm < runs.count; vm++) {
    if (runs.state[vm] === TASK_COMPLETED) continue;
    runs.state[vm] = TASK_COMPLETED;
    runs.result[vm] = FAILED;
    runs.endTime[vm] = Math.max(stoppedAt, runs.creationTime[vm] as number);
    runs.reason[vm] = STOPPED_TASK_REASON;
  }
}

function runningOutcomes(runs: TaskRuns, random: SeededRandom, progress: number): void {
  const vmCount = runs.count;
  const completed = Math.floor((vmCount * progress) / 100);
  const inProgress = Math.min(vmCount - completed, random.int(1, 2));
  for (let vm = 0; vm < vmCount; vm++) {
    runs.state[vm] =
      vm < completed
        ? TASK_COMPLETED
        : vm < completed + inProgress
          ? TASK_IN_PROGRESS
          : TASK_PENDING;
    runs.result[vm] = vm < completed ? SUCCESS : NO_RESULT;
  }
}

function finishedOutcomes(
  runs: TaskRuns,
  random: SeededRandom,
  sessionResult: number,
  job: JobRecord,
): void {
  const vmCount = runs.count;
  runs.state.fill(TASK_COMPLETED, 0, vmCount);
  runs.result.fill(SUCCESS, 0, vmCount);
  if (sessionResult === SUCCESS) return;
  const scope = scopeOf(job.jobType);
  const failures = FAILURE_REASONS_BY_SCOPE.get(scope) as readonly Reason[];
  const warnings = WARNING_REASONS_BY_SCOPE.get(scope) as readonly Reason[];
  const contextOf = (vm: number): ReasonContext => ({
    jobName: job.name,
    vmName: job.vmNames[vm] as string,
    platform: job.platform,
    serverIndex: job.serverIndex,
    taskStart: runs.taskStart[vm] as number,
    random,
  });
  // The VM that made the session fail or warn; others may have had problems of their own.
  const culprit = random.int(0, vmCount - 1);
  const incident = random.pick(sessionResult === FAILED ? failures : warnings);
  for (let vm = 0; vm < vmCount; vm++) {
    let result = SUCCESS;
    let reason: Reason | undefined;
    if (sessionResult === FAILED) {
      if (vm === culprit || (incident.stopsJob === true && vm > culprit)) {
        result = FAILED;
        reason = incident;
      } else if (random.chance(0.15)) {
        result = FAILED;
        reason = random.pick(failures);
      } else if (random.chance(0.1)) {
        result = WARNING;
        reason = random.pick(warnings);
      }
    } else if (vm === culprit || random.chance(0.2)) {
      result = WARNING;
      reason = vm === culprit ? incident : random.pick(warnings);
    }
    runs.result[vm] = result;
    if (reason !== undefined) runs.reason[vm] = reason.text(contextOf(vm));
  }
}
