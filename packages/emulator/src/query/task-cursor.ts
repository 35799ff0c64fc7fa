import type { JobRecord, TaskSessionRecord } from '../dataset/dataset.js';
import type { TaskRuns, TaskSessionSource } from '../dataset/task-runs.js';
import { vmSizeOf } from '../dataset/task-sessions.js';
import { vmUid } from '../dataset/vm-uid.js';

/**
 * One task session during a query's scan, read in place from its session's generated runs:
 * filters and sort keys see a task record, and no object is built per task. Move it with `at`.
 */
export class TaskCursor implements TaskSessionRecord {
  sessionRow = 0;
  vmIndex = 0;
  private jobIndex = 0;

  constructor(
    private readonly source: TaskSessionSource,
    private readonly runs: TaskRuns,
  ) {}

  /** Points at VM `vmIndex` of job session `row`, whose runs `runs` holds. */
  at(row: number, vmIndex: number): this {
    this.sessionRow = row;
    this.vmIndex = vmIndex;
    this.jobIndex = this.source.table.jobIndex[row] as number;
    return this;
  }

  private get job(): JobRecord {
    return this.source.jobs[this.jobIndex] as JobRecord;
  }

  get id(): string {
    return this.source.taskCodec.format(this.sessionRow, this.vmIndex);
  }

  get vmName(): string {
    return this.job.vmNames[this.vmIndex] as string;
  }

  get vmUid(): string {
    return vmUid(this.source.seed, this.job, this.jobIndex, this.vmIndex, {
      host: this.source.hostCodec,
      vmObject: this.source.vmObjectCodec,
    });
  }

  get creationTime(): number {
    return this.runs.creationTime[this.vmIndex] as number;
  }

  get endTime(): number {
    return this.runs.endTime[this.vmIndex] as number;
  }

  get state(): number {
    return this.runs.state[this.vmIndex] as number;
  }

  get result(): number {
    return this.runs.result[this.vmIndex] as number;
  }

  get reason(): string {
    return this.runs.reason[this.vmIndex] as string;
  }

  get totalSize(): number {
    return vmSizeOf(this.source.seed, this.jobIndex, this.vmIndex);
  }
}
