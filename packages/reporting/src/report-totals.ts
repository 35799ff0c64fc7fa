import type { JobReport, MissedJob, ReportTotals, SuccessPolicy, VmReport } from './report.js';
import { successRateOf } from './run-result.js';

/**
 * Totals of a report from its jobs and VMs, so that a built and a merged report add up alike.
 * A run that did not finish is in none of the result counts: it is running (a job's `running`) or
 * never got an outcome (superseded by the job's next run while it had no end time).
 */
export function totalsOf(
  jobs: readonly JobReport[],
  /** null when VMs were not assessed (no task sessions): their count is unknown, not 0. */
  vms: readonly VmReport[] | null,
  policy: SuccessPolicy,
  missedJobs: readonly MissedJob[],
): ReportTotals {
  let runs = 0;
  let attempts = 0;
  let successfulRuns = 0;
  let warningRuns = 0;
  let failedRuns = 0;
  let runningRuns = 0;
  let jobsBreachingRpo = 0;
  for (const job of jobs) {
    runs += job.runs;
    attempts += job.attempts;
    successfulRuns += job.successfulRuns;
    warningRuns += job.warningRuns;
    failedRuns += job.failedRuns;
    if (job.running !== null) runningRuns++;
    if (job.rpoBreached) jobsBreachingRpo++;
  }
  const counts = { successfulRuns, warningRuns, failedRuns };
  return {
    jobs: jobs.length,
    runs,
    attempts,
    successfulRuns,
    warningRuns,
    failedRuns,
    runningRuns,
    runsWithoutOutcome: runs - successfulRuns - warningRuns - failedRuns - runningRuns,
    successRate: successRateOf(counts, policy),
    jobsBreachingRpo,
    missedJobsBreachingRpo: missedJobs.filter((job) => job.scheduleEnabled && job.rpoBreached)
      .length,
    vmsBreachingRpo: vms === null ? null : vms.filter((vm) => vm.rpoBreached).length,
  };
}
