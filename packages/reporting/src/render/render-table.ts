import { describeValue } from '../describe-value.js';
import { checkOptionsObject, optionKeys } from '../options-object.js';
import { ReportError } from '../report-error.js';
import { flagOption, widthOption } from './render-option-values.js';
import { toSingleLine } from './single-line.js';
import { fitLine, paintLine, span } from './styled-line.js';
import { checkTextColumn } from './text-column-check.js';
import { type NarrowStep, type TextColumn, textTable } from './text-table.js';

export type { NarrowStep, TextColumn };

export interface TableRenderOptions {
  /** Columns the table fits in (default 80); the columns marked `shrinks` and `narrows` give up width. */
  readonly width?: number | undefined;
  /** A bold header with ANSI codes (default false). */
  readonly color?: boolean | undefined;
}

const OPTION_KEYS = optionKeys<TableRenderOptions>({ width: true, color: true });

/**
 * Throws ReportError `invalid-input` naming the first column with a key or value outside its type
 * (see `checkTextColumn`), or the first cell that is no string (from JavaScript: a count given as
 * a number, a null for nothing), as the table's text is made inert and measured as a string;
 * format such a value first (`String(count)`, `''`).
 */
function checkTableText(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
): void {
  const problem = (where: string, value: unknown, expected: string) =>
    new ReportError(
      'invalid-input',
      `renderTable: ${where} is ${describeValue(value)}, not ${expected}`,
    );
  if (!Array.isArray(columns)) throw problem('columns', columns, 'an array of columns');
  columns.forEach((column: unknown, index) => {
    checkTextColumn(column, index);
  });
  if (!Array.isArray(rows)) throw problem('rows', rows, 'an array of rows');
  // A loop: a table may have hundreds of thousands of rows.
  for (let row = 0; row < rows.length; row++) {
    const cells: unknown = rows[row];
    if (!Array.isArray(cells)) throw problem(`rows[${row}]`, cells, 'an array of strings');
    for (let column = 0; column < cells.length; column++) {
      const cell: unknown = cells[column];
      if (typeof cell !== 'string') {
        throw problem(`rows[${row}][${column}]`, cell, 'a string');
      }
    }
  }
}

/**
 * Any table of single-line cells in the text renderer's layout, e.g. a list of sessions: a
 * header, aligned columns two spaces apart, long cells cut with `…` to fit the width. Cells are
 * made inert as in renderText (line breaks become spaces, control and bidi characters U+FFFD),
 * and a line still wider than `width` once the columns that give up width are at their narrowest is
 * cut.
 */
export function renderTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
  options: TableRenderOptions = {},
): string {
  checkOptionsObject(options, 'renderTable', OPTION_KEYS);
  const width = widthOption(options.width);
  const color = flagOption('color', options.color);
  checkTableText(columns, rows);
  const lines = textTable(
    columns.map((column) => ({ ...column, header: toSingleLine(column.header) })),
    rows.map((row) => row.map((cell) => span(toSingleLine(cell)))),
    width,
  );
  return `${lines.map((line) => paintLine(fitLine(line, width), color)).join('\n')}\n`;
}
