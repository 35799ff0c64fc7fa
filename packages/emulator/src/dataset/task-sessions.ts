import type { JobRecord, JobSessionTable, TaskSessionRecord } from './dataset.js';
import type { GuidCodec } from './dataset-guid.js';
import {
  FAILED,
  SUCCESS,
  TASK_COMPLETED,
  TASK_IN_PROGRESS,
  TASK_PENDING,
  WARNING,
} from './enum-ordinals.js';
import { Stream } from './random-streams.js';
import {
  FAILURE_REASONS_BY_SCOPE,
  type Reason,
  type ReasonContext,
  type ReasonScope,
  scopeOf,
  WARNING_REASONS_BY_SCOPE,
} from './reason-catalogue.js';
import { hashKeys, SeededRandom } from './seeded-random.js';
import { vmUid } from './vm-uid.js';

const GIB = 2 ** 30;

export interface TaskSessionSource {
  readonly seed: number;
  readonly nowMs: number;
  readonly jobs: readonly JobRecord[];
  readonly table: JobSessionTable;
  readonly taskCodec: GuidCodec;
  readonly hostCodec: GuidCodec;
  readonly vmObjectCodec: GuidCodec;
}

const vmSizeOf = (seed: number, jobIndex: number, vmIndex: number): number =>
  (16 + (hashKeys([seed, Stream.VmIdentity, jobIndex, vmIndex]) % 1009)) * GIB;

interface TaskOutcome {
  readonly state: number;
  readonly result: number;
  readonly reason: string;
}

/**
 * Per-VM outcomes consistent with the session: all good when it succeeded, at least one warning
 * when it warned, at least one failure when it failed; while it runs, done, running and queued VMs.
 */
function taskOutcomes(
  random: SeededRandom,
  sessionResult: number,
  sessionProgress: number,
  running: boolean,
  contextOf: (vmIndex: number) => ReasonContext,
  scope: ReasonScope,
  vmCount: number,
): TaskOutcome[] {
  const outcomes: TaskOutcome[] = [];
  if (running) {
    const completed = Math.floor((vmCount * sessionProgress) / 100);
    const inProgress = Math.min(vmCount - completed, random.int(1, 2));
    for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
      const state =
        vmIndex < completed
          ? TASK_COMPLETED
          : vmIndex < completed + inProgress
            ? TASK_IN_PROGRESS
            : TASK_PENDING;
      outcomes.push({ state, result: SUCCESS, reason: '' });
    }
    return outcomes;
  }
  if (sessionResult === SUCCESS) {
    for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
      outcomes.push({ state: TASK_COMPLETED, result: SUCCESS, reason: '' });
    }
    return outcomes;
  }
  const failures = FAILURE_REASONS_BY_SCOPE.get(scope) as readonly Reason[];
  const warnings = WARNING_REASONS_BY_SCOPE.get(scope) as readonly Reason[];
  // The VM that made the session fail or warn; others may have had problems of their own.
  const culprit = random.int(0, vmCount - 1);
  const incident = random.pick(sessionResult === FAILED ? failures : warnings);
  for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
    let result = SUCCESS;
    let reason: Reason | undefined;
    if (sessionResult === FAILED) {
      if (vmIndex === culprit || (incident.stopsJob === true && vmIndex > culprit)) {
        result = FAILED;
        reason = incident;
      } else if (random.chance(0.15)) {
        result = FAILED;
        reason = random.pick(failures);
      } else if (random.chance(0.1)) {
        result = WARNING;
        reason = random.pick(warnings);
      }
    } else if (vmIndex === culprit || random.chance(0.2)) {
      result = WARNING;
      reason = vmIndex === culprit ? incident : random.pick(warnings);
    }
    outcomes.push({
      state: TASK_COMPLETED,
      result,
      reason: reason === undefined ? '' : reason.text(contextOf(vmIndex)),
    });
  }
  return outcomes;
}

export function generateTaskSessions(source: TaskSessionSource, row: number): TaskSessionRecord[] {
  const { table } = source;
  if (!Number.isInteger(row) || row < 0 || row >= table.count) {
    throw new RangeError(`Job session row ${row} is outside 0..${table.count - 1}`);
  }
  const jobIndex = table.jobIndex[row] as number;
  const job = source.jobs[jobIndex] as JobRecord;
  const start = table.creationTime[row] as number;
  const end = table.endTime[row] as number;
  const running = Number.isNaN(end);
  const horizon = running ? source.nowMs : end;
  const span = horizon - start;
  const vmCount = job.vmNames.length;
  const random = new SeededRandom(source.seed, Stream.TaskSessions, row);
  const taskStarts = job.vmNames.map(
    // VMs start in order over the first 60% of the run, a few in parallel.
    (_, vmIndex) => start + Math.floor((span * 0.6 * (vmIndex + random.next())) / vmCount),
  );
  const contextOf = (vmIndex: number): ReasonContext => ({
    jobName: job.name,
    vmName: job.vmNames[vmIndex] as string,
    platform: job.platform,
    serverIndex: job.serverIndex,
    taskStart: taskStarts[vmIndex] as number,
    random,
  });
  const outcomes = taskOutcomes(
    random,
    table.result[row] as number,
    table.progress[row] as number,
    running,
    contextOf,
    scopeOf(job.jobType),
    vmCount,
  );
  return outcomes.map((outcome, vmIndex): TaskSessionRecord => {
    const taskStart = taskStarts[vmIndex] as number;
    const creationTime =
      outcome.state === TASK_PENDING ? start + Math.floor(span * 0.02 * random.next()) : taskStart;
    const endTime =
      outcome.state === TASK_COMPLETED
        ? taskStart + Math.floor((horizon - taskStart) * (0.35 + 0.6 * random.next()))
        : Number.NaN;
    return {
      id: source.taskCodec.format(row, vmIndex),
      sessionRow: row,
      vmName: job.vmNames[vmIndex] as string,
      vmUid: vmUid(source.seed, job, jobIndex, vmIndex, {
        host: source.hostCodec,
        vmObject: source.vmObjectCodec,
      }),
      creationTime,
      endTime,
      state: outcome.state,
      result: outcome.result,
      reason: outcome.reason,
      totalSize: vmSizeOf(source.seed, jobIndex, vmIndex),
    };
  });
}

export function findTaskSession(
  source: TaskSessionSource,
  id: string,
): TaskSessionRecord | undefined {
  const parsed = source.taskCodec.parse(id);
  if (parsed === undefined || parsed.index >= source.table.count) return undefined;
  const job = source.jobs[source.table.jobIndex[parsed.index] as number] as JobRecord;
  if (parsed.sub >= job.vmNames.length) return undefined;
  return generateTaskSessions(source, parsed.index)[parsed.sub];
}
