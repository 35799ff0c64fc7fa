import { displayWidth, truncateToWidth } from './display-width.js';
import { type Span, type StyledLine, span } from './styled-line.js';

export interface TextColumn {
  readonly header: string;
  readonly align: 'start' | 'end';
  /** The one column that gives up width, its cells cut with `…`, when the table is too wide. */
  readonly shrinks?: boolean | undefined;
  /**
   * For the shrinking column: the width it keeps while columns that `narrow` can still give up
   * theirs (default 8: it gives up width first).
   */
  readonly keeps?: number | undefined;
  /**
   * For another column: it gives up width, down to `min`, once the shrinking column is down to
   * what it `keeps`; such columns give it up one after another, lowest `order` first. One that
   * gives up all of it (`min` 0) is left out, with the gap before it.
   */
  readonly narrows?: { readonly order: number; readonly min: number } | undefined;
}

const GAP = '  ';
const MIN_SHRUNK_WIDTH = 8;

/**
 * Gives up `overflow` columns of `widths`: columns with nothing in any row, whole (rightmost
 * first, a header over no cell says nothing a narrow terminal needs), then the shrinking column
 * down to what it keeps, then the narrowing columns in their order down to their least, then the
 * shrinking column down to 8. A column down to 0 gives up its gap too. What is still over is cut
 * off the lines by the caller.
 */
function narrowToFit(
  columns: readonly TextColumn[],
  widths: number[],
  empty: readonly boolean[],
  overflow: number,
): void {
  let over = overflow;
  for (let index = columns.length - 1; index >= 0 && over > 0; index--) {
    const columnWidth = widths[index] ?? 0;
    if (!empty[index] || columnWidth === 0) continue;
    widths[index] = 0;
    over -= columnWidth + GAP.length;
  }
  const giveUp = (index: number, least: number) => {
    const columnWidth = widths[index] ?? 0;
    const given = Math.max(0, Math.min(over, columnWidth - Math.min(columnWidth, least)));
    widths[index] = columnWidth - given;
    over -= given;
    if (given > 0 && given === columnWidth) over -= GAP.length;
  };
  const shrinking = columns.findIndex((column) => column.shrinks === true);
  const keeps = Math.max(columns[shrinking]?.keeps ?? MIN_SHRUNK_WIDTH, MIN_SHRUNK_WIDTH);
  if (shrinking >= 0) giveUp(shrinking, keeps);
  const narrowing = columns
    .map((column, index) => ({ narrows: column.narrows, index }))
    .filter((each) => each.narrows !== undefined && each.index !== shrinking)
    .sort((a, b) => (a.narrows?.order ?? 0) - (b.narrows?.order ?? 0));
  for (const { narrows, index } of narrowing) giveUp(index, narrows?.min ?? 0);
  if (shrinking >= 0) giveUp(shrinking, MIN_SHRUNK_WIDTH);
}

/**
 * A table of single-line cells as terminal lines: a bold header row, columns as wide as their
 * widest cell, two spaces between them. When that is wider than `width`, columns give up width
 * (see TextColumn: the shrinking one, then those that narrow, in order) so that the rows fit.
 */
export function textTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly Span[])[],
  width: number,
): StyledLine[] {
  const cellWidths = columns.map((_, index) =>
    rows.reduce((widest, row) => Math.max(widest, displayWidth(row[index]?.text ?? '')), 0),
  );
  const widths = columns.map((column, index) =>
    Math.max(cellWidths[index] ?? 0, displayWidth(column.header)),
  );
  const total = widths.reduce((sum, columnWidth) => sum + columnWidth, 0);
  const shown = widths.filter((columnWidth) => columnWidth > 0).length;
  const overflow = total + GAP.length * Math.max(0, shown - 1) - width;
  if (overflow > 0)
    narrowToFit(
      columns,
      widths,
      cellWidths.map((cellWidth) => rows.length > 0 && cellWidth === 0),
      overflow,
    );

  // A loop, not flatMap and spreads: a table may have hundreds of thousands of rows.
  const line = (cells: readonly Span[]): StyledLine => {
    const spans: Span[] = [];
    for (let index = 0; index < columns.length; index++) {
      const columnWidth = widths[index] ?? 0;
      // Narrowed to nothing, or empty header and cells: left out, with its gap.
      if (columnWidth === 0) continue;
      const cell = cells[index] ?? span('');
      const text = truncateToWidth(cell.text, columnWidth);
      const padding = span(' '.repeat(Math.max(0, columnWidth - displayWidth(text))));
      const content = span(text, cell.style);
      if (spans.length > 0) spans.push(span(GAP));
      if ((columns[index] as TextColumn).align === 'start') spans.push(content, padding);
      else spans.push(padding, content);
    }
    return spans;
  };

  return [line(columns.map((column) => span(column.header, 'bold'))), ...rows.map(line)];
}
