import type { SessionReport } from './report.js';

/** A row's source, '' (from a report of an earlier version, or made by hand) being none. */
const named = (source: string | null): source is string => source !== null && source !== '';

/**
 * The names of the sources that answered, in the report's order, each once: its `sources`, and
 * the sources its rows name, which stand for them in a report of an earlier version or made by
 * hand.
 */
export function answeredSources(report: SessionReport): string[] {
  const rows = [...report.jobs, ...report.missedJobs, ...report.vms];
  return [...new Set([...(report.sources ?? []), ...rows.map((row) => row.source).filter(named)])];
}

/**
 * How many sources the report is of, the failed ones included, and its rows without a source as
 * one more: more than one for a merge of several EMs, even when only one of them has a job in it.
 */
export function sourceCount(report: SessionReport): number {
  const rows = [...report.jobs, ...report.missedJobs, ...report.vms];
  const unnamed = rows.some((row) => !named(row.source)) ? 1 : 0;
  const failed = report.failedSources.map((source) => source.name);
  return new Set([...answeredSources(report), ...failed]).size + unnamed;
}
