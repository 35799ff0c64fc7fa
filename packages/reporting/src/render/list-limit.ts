import { ReportError } from '../report-error.js';

/** Entries the lists of a text or Markdown report show unless told otherwise. */
export const DEFAULT_LIST_LIMIT = 10;

/** The `top` option of a renderer: how many entries each list shows (VMs, missed jobs, reasons). */
export function listLimit(top: number | undefined): number {
  if (top === undefined) return DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(top) || top < 1) {
    throw new ReportError('invalid-option', `top must be a whole number of 1 or more, not ${top}`);
  }
  return top;
}
