import { paintLine, span } from './styled-line.js';
import { type TextColumn, textTable } from './text-table.js';

export type { TextColumn };

export interface TableRenderOptions {
  /** Columns the table fits in (default 80); the column marked `shrinks` gives up width. */
  readonly width?: number;
  /** A bold header with ANSI codes (default false). */
  readonly color?: boolean;
}

/**
 * Any table of single-line cells in the text renderer's layout, e.g. a list of sessions: a
 * header, aligned columns two spaces apart, long cells cut with `…` to fit the width.
 */
export function renderTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
  options: TableRenderOptions = {},
): string {
  const lines = textTable(
    columns,
    rows.map((row) => row.map((cell) => span(cell))),
    options.width ?? 80,
  );
  return `${lines.map((line) => paintLine(line, options.color ?? false).trimEnd()).join('\n')}\n`;
}
