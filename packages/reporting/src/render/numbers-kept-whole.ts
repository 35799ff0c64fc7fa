import { displayWidth } from './display-width.js';
import type { Span } from './styled-line.js';
import type { TextColumn } from './text-table.js';

/** Number columns give up width after every column of words (orders below this) has. */
const FIRST_NUMBER_ORDER = 100;

/**
 * The columns of a table whose numbers are never cut: a column aligned to the end holds numbers
 * (counts, rates, durations) and, unless it says how it narrows, gives up width last, rightmost
 * first, down to its widest cell, so that on a narrow terminal its header is cut, not a number.
 */
export function numbersKeptWhole(
  columns: readonly TextColumn[],
  rows: readonly (readonly Span[])[],
): TextColumn[] {
  return columns.map((column, index) => {
    if (column.align !== 'end' || column.narrows !== undefined) return column;
    const widest = rows.reduce(
      (width, row) => Math.max(width, displayWidth(row[index]?.text ?? '')),
      1,
    );
    return {
      ...column,
      narrows: { order: FIRST_NUMBER_ORDER + columns.length - index, min: widest },
    };
  });
}
