import { describeValue, isPromiseLike } from './describe-value.js';
import { ReportError } from './report-error.js';

/**
 * Throws ReportError `invalid-input` when a JavaScript caller gives a renderer something other
 * than a report (`null`, a promise not awaited), naming the renderer, rather than a TypeError from
 * deep inside it.
 */
export function checkReportObject(report: unknown, fn: string): void {
  const fields = report as { jobs?: unknown; vms?: unknown } | null;
  if (
    typeof report !== 'object' ||
    report === null ||
    !Array.isArray(fields?.jobs) ||
    !Array.isArray(fields?.vms)
  ) {
    const what = isPromiseLike(report) ? 'a promise (await buildReport)' : describeValue(report);
    throw new ReportError('invalid-input', `${fn}: report is ${what}, not a report of buildReport`);
  }
}
