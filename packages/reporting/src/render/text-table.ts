import { displayWidth, truncateToWidth } from './display-width.js';
import { type Span, type StyledLine, span } from './styled-line.js';

export interface TextColumn {
  readonly header: string;
  readonly align: 'start' | 'end';
  /** The one column that gives up width, its cells cut with `…`, when the table is too wide. */
  readonly shrinks?: boolean | undefined;
}

const GAP = '  ';
const MIN_SHRUNK_WIDTH = 8;

/**
 * A table of single-line cells as terminal lines: a bold header row, columns as wide as their
 * widest cell, two spaces between them. When that is wider than `width`, the shrinking column
 * narrows (to no less than 8 columns) so that the rows fit.
 */
export function textTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly Span[])[],
  width: number,
): StyledLine[] {
  const widths = columns.map((column, index) =>
    rows.reduce(
      (widest, row) => Math.max(widest, displayWidth(row[index]?.text ?? '')),
      displayWidth(column.header),
    ),
  );
  const total = widths.reduce((sum, columnWidth) => sum + columnWidth, 0);
  const overflow = total + GAP.length * (columns.length - 1) - width;
  const shrinking = columns.findIndex((column) => column.shrinks === true);
  const shrinkingWidth = widths[shrinking];
  if (overflow > 0 && shrinkingWidth !== undefined) {
    widths[shrinking] = Math.max(
      Math.min(shrinkingWidth, MIN_SHRUNK_WIDTH),
      shrinkingWidth - overflow,
    );
  }

  // A loop, not flatMap and spreads: a table may have hundreds of thousands of rows.
  const line = (cells: readonly Span[]): StyledLine => {
    const spans: Span[] = [];
    for (let index = 0; index < columns.length; index++) {
      const columnWidth = widths[index] ?? 0;
      const cell = cells[index] ?? span('');
      const text = truncateToWidth(cell.text, columnWidth);
      const padding = span(' '.repeat(Math.max(0, columnWidth - displayWidth(text))));
      const content = span(text, cell.style);
      if (index > 0) spans.push(span(GAP));
      if ((columns[index] as TextColumn).align === 'start') spans.push(content, padding);
      else spans.push(padding, content);
    }
    return spans;
  };

  return [line(columns.map((column) => span(column.header, 'bold'))), ...rows.map(line)];
}
