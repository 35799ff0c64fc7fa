import { checkOptionsObject, optionKeys } from '../options-object.js';
import { toSingleLine } from './single-line.js';
import { fitLine, paintLine, span } from './styled-line.js';
import { type TextColumn, textTable } from './text-table.js';

export type { TextColumn };

export interface TableRenderOptions {
  /** Columns the table fits in (default 80); the columns marked `shrinks` and `narrows` give up width. */
  readonly width?: number | undefined;
  /** A bold header with ANSI codes (default false). */
  readonly color?: boolean | undefined;
}

const OPTION_KEYS = optionKeys<TableRenderOptions>({ width: true, color: true });

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
  const width = options.width ?? 80;
  const lines = textTable(
    columns.map((column) => ({ ...column, header: toSingleLine(column.header) })),
    rows.map((row) => row.map((cell) => span(toSingleLine(cell)))),
    width,
  );
  return `${lines.map((line) => paintLine(fitLine(line, width), options.color ?? false)).join('\n')}\n`;
}
