import type { SessionReport } from '@vbem/reporting';

/** Whether two job names are one for `--job`: EM's filters match names in any case, and so does this. */
export const sameJobName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The names asked for with `--job` that no job of the report has, ran or missed. */
export const jobNamesNotFound = (
  report: SessionReport,
  names: readonly string[],
): readonly string[] =>
  names.filter(
    (name) =>
      !report.jobs.some((job) => sameJobName(job.jobName, name)) &&
      !report.missedJobs.some((job) => sameJobName(job.jobName, name)),
  );
