import { compareText } from './compare-text.js';
import type { GroupReport, JobReport, SuccessPolicy } from './report.js';
import { successRateOf } from './run-result.js';

/** What a job is grouped by: null for a server not named. */
const groupedByOf = (job: JobReport, by: GroupReport['by']): string | null =>
  by === 'jobType' ? job.jobType : job.backupServer;

/** A backup server's source: its name is only unique within its EM. Job types have none. */
const sourceOf = (job: JobReport, by: GroupReport['by']): string | null =>
  by === 'jobType' ? null : job.source;

/** Totals per backup server (of a source) or per job type, by key, then source. */
export function groupsOf(
  jobs: readonly JobReport[],
  by: GroupReport['by'],
  policy: SuccessPolicy,
): GroupReport[] {
  const groups = new Map<
    string,
    { key: string | null; source: string | null; members: JobReport[] }
  >();
  for (const job of jobs) {
    const key = groupedByOf(job, by);
    const source = sourceOf(job, by);
    // JSON of the pair: no key or source can make two pairs look alike, nor null a name.
    const id = JSON.stringify([key, source]);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { key, source, members: [job] });
    else group.members.push(job);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        // The servers not named after every named one.
        Number(a.key === null) - Number(b.key === null) ||
        compareText(a.key ?? '', b.key ?? '') ||
        compareText(a.source ?? '', b.source ?? ''),
    )
    .map(({ key, source, members }) => {
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
        source,
        jobs: members.length,
        runs: sum((job) => job.runs),
        failedRuns: counts.failedRuns,
        successRate: successRateOf(counts, policy),
        jobsBreachingRpo: sum((job) => (job.rpoBreached ? 1 : 0)),
      };
    });
}
