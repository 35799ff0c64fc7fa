import type { JobRecord, TaskSessionRecord } from './dataset.js';
import { Stream } from './random-streams.js';
import { hashKeys } from './seeded-random.js';
import { generateTaskRuns, TaskRuns, type TaskSessionSource } from './task-runs.js';
import { vmUid } from './vm-uid.js';

export type { TaskSessionSource } from './task-runs.js';

const GIB = 2 ** 30;

/** The size of a job's VM, the TotalSize of each of its task sessions. */
export const vmSizeOf = (seed: number, jobIndex: number, vmIndex: number): number =>
  (16 + (hashKeys([seed, Stream.VmIdentity, jobIndex, vmIndex]) % 1009)) * GIB;

/** The task session of VM `vmIndex` of job session `row`, from that session's generated runs. */
export function taskSessionRecord(
  source: TaskSessionSource,
  row: number,
  vmIndex: number,
  runs: TaskRuns,
): TaskSessionRecord {
  const jobIndex = source.table.jobIndex[row] as number;
  const job = source.jobs[jobIndex] as JobRecord;
  return {
    id: source.taskCodec.format(row, vmIndex),
    sessionRow: row,
    vmIndex,
    vmName: job.vmNames[vmIndex] as string,
    vmUid: vmUid(source.seed, job, jobIndex, vmIndex, {
      host: source.hostCodec,
      vmObject: source.vmObjectCodec,
    }),
    creationTime: runs.creationTime[vmIndex] as number,
    endTime: runs.endTime[vmIndex] as number,
    state: runs.state[vmIndex] as number,
    result: runs.result[vmIndex] as number,
    reason: runs.reason[vmIndex] as string,
    totalSize: vmSizeOf(source.seed, jobIndex, vmIndex),
  };
}

export function generateTaskSessions(source: TaskSessionSource, row: number): TaskSessionRecord[] {
  const runs = new TaskRuns();
  generateTaskRuns(source, row, runs);
  return Array.from({ length: runs.count }, (_, vmIndex) =>
    taskSessionRecord(source, row, vmIndex, runs),
  );
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
