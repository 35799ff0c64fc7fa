import type { Dataset } from './dataset.js';

/**
 * The Progress of job session `row` at `time`, while it runs then: the share of its run done by
 * `time`, below 100 as for any running session. One without an end yet (running at the dataset's
 * end) has the progress generated for that end, and less before it, at its job's typical pace.
 */
export function progressAt(
  dataset: Pick<Dataset, 'now' | 'jobs' | 'jobSessions'>,
  row: number,
  time: number,
): number {
  const table = dataset.jobSessions;
  const start = table.creationTime[row] as number;
  const end = table.endTime[row] as number;
  if (!Number.isNaN(end))
    return Math.max(0, Math.min(99, Math.floor((100 * (time - start)) / (end - start))));
  const generated = table.progress[row] as number;
  if (time >= dataset.now.getTime()) return generated;
  const job = dataset.jobs[table.jobIndex[row] as number];
  const typicalMs = (job?.typicalDurationSeconds ?? 1) * 1000;
  return Math.max(0, Math.min(generated, Math.floor((100 * (time - start)) / typicalMs)));
}
