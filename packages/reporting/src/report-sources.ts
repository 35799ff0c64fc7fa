import type { SessionReport, SourceWithoutVms } from './report.js';

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

/**
 * The report's `sourcesWithoutVms` part from a list of them, each once by name (its first reason)
 * and copied: none when the list is empty, so that a report with every VM in it is as before.
 */
export function sourcesWithoutVmsOf(
  sources: readonly { readonly name: string; readonly error: string }[] | undefined,
): { sourcesWithoutVms?: SourceWithoutVms[] } {
  const byName = new Map<string, SourceWithoutVms>();
  for (const { name, error } of sources ?? []) {
    if (!byName.has(name)) byName.set(name, { name, error });
  }
  return byName.size === 0 ? {} : { sourcesWithoutVms: [...byName.values()] };
}
