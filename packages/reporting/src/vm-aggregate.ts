import { ownString } from '@vbem/model';
import { FailureReasonCounts } from './failure-reason-counts.js';
import { assessVmHealth } from './health.js';
import type { FailureReason, RunResult, SuccessPolicy, VmReport } from './report.js';
import { ReportError } from './report-error.js';
import type { ReportTaskSession } from './report-input.js';
import { rpoStatusOf } from './rpo-status.js';
import { countsAsSuccess, runResultOf } from './run-result.js';
import { endMsOf } from './session-end.js';

function timeOf(
  task: ReportTaskSession,
  field: 'CreationTimeUTC' | 'EndTimeUTC',
  date: Date,
): number {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new ReportError('invalid-input', `task session ${task.UID}: ${field} is an invalid Date`);
  }
  return time;
}

/**
 * The end of a finished task in ms, or its start when its State says it finished without an end
 * (see endMsOf): a success dated too early for the RPO, never too late.
 */
const successEndMsOf = (task: ReportTaskSession, startMs: number): number =>
  task.EndTimeUTC === undefined ? startMs : timeOf(task, 'EndTimeUTC', task.EndTimeUTC);

/**
 * One VM of one job, from the task sessions of the job's sessions in the window, and its last
 * success from those before it. A VM's state is
 * its latest finished task: a retry retries only the VMs that failed, so each VM's own latest
 * task says where it stands. Running tasks have no result yet: they only put the VM in the report.
 */
export class VmAggregate {
  readonly vmName: string;
  private latestFinishedStartMs = Number.NEGATIVE_INFINITY;
  private lastResult: RunResult | null = null;
  /** Start of the latest finished task: lastRunAt, as for jobs. */
  private lastRunStartMs: number | null = null;
  private lastSuccessEndMs: number | null = null;
  private readonly failureReasons = new FailureReasonCounts();
  /** Whether a task session of the window was added: a VM with successes before it only is not reported. */
  inWindow = false;

  constructor(vmName: string) {
    this.vmName = ownString(vmName);
  }

  add(task: ReportTaskSession, policy: SuccessPolicy): void {
    this.inWindow = true;
    // A running task has no result yet, nor a reason to count: its finished copy, later in a
    // crawl, would count that reason a second time.
    if (endMsOf(task) === Number.POSITIVE_INFINITY) return;
    if (task.Result === 'Failed' || task.Result === 'Warning') this.failureReasons.add(task.Reason);
    const startMs = timeOf(task, 'CreationTimeUTC', task.CreationTimeUTC);
    const endMs = successEndMsOf(task, startMs);
    const result = runResultOf(task.Result);
    // The latest by start time, not by arrival: a task out of order must not turn back the clock.
    if (startMs >= this.latestFinishedStartMs) {
      this.latestFinishedStartMs = startMs;
      this.lastResult = result;
      this.lastRunStartMs = startMs;
    }
    if (countsAsSuccess(result, policy)) this.addSuccessEnd(endMs);
  }

  /**
   * A success of the VM in a job session from before the window, for the RPO only: its end may be
   * the VM's last success.
   */
  addSuccessBeforeWindow(task: ReportTaskSession): void {
    this.addSuccessEnd(successEndMsOf(task, timeOf(task, 'CreationTimeUTC', task.CreationTimeUTC)));
  }

  private addSuccessEnd(endMs: number): void {
    if (this.lastSuccessEndMs === null || endMs > this.lastSuccessEndMs)
      this.lastSuccessEndMs = endMs;
  }

  /** Every kind of the VM's failure reasons, not only the `topReasons` of its report: the overall list. */
  allFailureReasons(): FailureReason[] {
    return this.failureReasons.top();
  }

  toReport(
    job: { readonly jobName: string; readonly jobUid: string; readonly source: string | null },
    nowMs: number,
    rpoSeconds: number,
    policy: SuccessPolicy,
    topReasons: number,
  ): VmReport {
    const rpo = rpoStatusOf(this.lastSuccessEndMs, nowMs, rpoSeconds);
    return {
      vmName: this.vmName,
      jobName: job.jobName,
      jobUid: job.jobUid,
      source: job.source,
      health: assessVmHealth(this.lastResult, rpo.rpoBreached, policy),
      lastResult: this.lastResult,
      lastRunAt: this.lastRunStartMs === null ? null : new Date(this.lastRunStartMs).toISOString(),
      lastSuccessAt: rpo.lastSuccessAt,
      lastSuccessAgeSeconds: rpo.lastSuccessAgeSeconds,
      rpoSeconds,
      rpoBreached: rpo.rpoBreached,
      failureReasons: this.failureReasons.top(topReasons),
    };
  }
}
