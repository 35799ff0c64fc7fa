import { compareText } from './compare-text.js';
import type { GroupReport, JobReport, SuccessPolicy } from './report.js';
import { successRateOf } from './run-result.js';

/** The group of jobs whose sessions did not name their backup server. */
export const UNKNOWN_BACKUP_SERVER = '(unknown)';

const keyOf = (job: JobReport, by: GroupReport['by']): string =>
  by === 'jobType' ? job.jobType : (job.backupServer ?? UNKNOWN_BACKUP_SERVER);

/** Totals per backup server or per job type, by key. */
export function groupsOf(
  jobs: readonly JobReport[],
  by: GroupReport['by'],
  policy: SuccessPolicy,
): GroupReport[] {
  const byKey = new Map<string, JobReport[]>();
  for (const job of jobs) {
    const key = keyOf(job, by);
    const members = byKey.get(key);
    if (members === undefined) byKey.set(key, [job]);
    else members.push(job);
  }
  return [...byKey]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, members]) => {
      const sum = (count: (job: JobReport) => number) =>
        members.reduce((total, job) => total + count(job), 0);
      const counts = {
        successfulRuns: sum((job) => job.successfulRuns),
        warningRuns: sum((job) => job.warningRuns),
        failedRuns: sum((job) => job.failedRuns),
      };
      return {
        by,
        key,
        jobs: members.length,
        runs: sum((job) => job.runs),
        failedRuns: counts.failedRuns,
        successRate: successRateOf(counts, policy),
        jobsBreachingRpo: sum((job) => (job.rpoBreached ? 1 : 0)),
      };
    });
}
