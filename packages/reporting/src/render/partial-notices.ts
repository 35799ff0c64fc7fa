import type { SessionReport } from '../report.js';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * What the top of a report says when it is partial, a sentence each: sources that failed, and
 * sources whose VMs are missing. None for a whole report. Counts only, no server string: each
 * renderer shows them as they are (the sections further down name the sources).
 */
export function partialNotices(report: SessionReport): string[] {
  const notices: string[] = [];
  if (report.failedSources.length > 0) {
    notices.push(
      `Partial report: ${plural(report.failedSources.length, 'source')} failed (see Failed sources below).`,
    );
  }
  const withoutVms = report.sourcesWithoutVms ?? [];
  if (withoutVms.length > 0) {
    notices.push(
      `VMs missing: the task sessions of ${plural(withoutVms.length, 'source')} could not be read, ` +
        'their VMs are not in the report (see Sources without VMs below).',
    );
  }
  return notices;
}
