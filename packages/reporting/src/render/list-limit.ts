import { shownValue } from '@vbem/model';
import { ReportError } from '../report-error.js';

/** Entries the lists of a text or Markdown report show unless told otherwise. */
export const DEFAULT_LIST_LIMIT = 10;

/** The `top` option of a renderer: how many entries each list shows (VMs, missed jobs, reasons). */
export function listLimit(top: number | undefined): number {
  if (top === undefined) return DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(top) || top < 1) {
    throw new ReportError(
      'invalid-option',
      `top must be a whole number of 1 or more, not ${shownValue(top)}`,
    );
  }
  return top;
}

/**
 * The rows a list shows (at most `top`) and the sentence above it: the intro, plus
 * `Showing N of M.` when rows were cut, M being `total` for a list cut before (the report's
 * failure reasons). Null when there is nothing to say.
 */
export function limitedRows<Row>(
  rows: readonly Row[],
  top: number,
  intro: string | null,
  total = rows.length,
): { shown: Row[]; sentence: string | null } {
  const shown = rows.slice(0, top);
  const sentences = [
    ...(intro === null ? [] : [intro]),
    ...(shown.length < total ? [`Showing ${shown.length} of ${total}.`] : []),
  ];
  return { shown, sentence: sentences.length === 0 ? null : sentences.join(' ') };
}
