import { displayWidth, truncateToWidth } from './display-width.js';
import { type Span, type StyledLine, span } from './styled-line.js';

/**
 * One step of a column giving up width: down to `min` columns (0: down to nothing, which leaves
 * it out with the gap before it), or, with `leftOut`, the whole column and its gap at once, for a
 * column that says nothing once cut to a few characters.
 */
export type NarrowStep =
  | { readonly order: number; readonly min: number }
  | { readonly order: number; readonly leftOut: true };

export interface TextColumn {
  readonly header: string;
  readonly align: 'start' | 'end';
  /**
   * The column that matters: it gives up width down to what it `keeps` before any other column
   * narrows, down to 8 after every other column's steps, and takes back the room that a column
   * left out whole frees beyond what was needed.
   */
  readonly shrinks?: boolean | undefined;
  /** For the shrinking column: the width it keeps while the other columns give up theirs (default 8). */
  readonly keeps?: number | undefined;
  /**
   * How the column gives up width: steps that run, over all columns, lowest `order` first, for
   * as long as the table is too wide (for the shrinking column, between its `keeps` and its 8).
   */
  readonly narrows?: NarrowStep | readonly NarrowStep[] | undefined;
}

// `leftOut` given as undefined is not given, as any option: the step is then `{ order, min }`.
const isLeftOut = (step: NarrowStep): step is { readonly order: number; readonly leftOut: true } =>
  (step as { leftOut?: unknown }).leftOut === true;

const GAP = '  ';
const MIN_SHRUNK_WIDTH = 8;

interface PlacedStep {
  readonly index: number;
  readonly step: NarrowStep;
}

/** The steps of every column, in the order they run (by `order`, then left to right). */
function stepsOf(columns: readonly TextColumn[], shrinking: number): PlacedStep[] {
  const steps: PlacedStep[] = [];
  columns.forEach((column, index) => {
    const declared = column.narrows === undefined ? [] : [column.narrows].flat();
    if (index === shrinking) {
      const keeps = Math.max(column.keeps ?? MIN_SHRUNK_WIDTH, MIN_SHRUNK_WIDTH);
      steps.push({ index, step: { order: Number.NEGATIVE_INFINITY, min: keeps } });
      for (const step of declared) steps.push({ index, step });
      steps.push({ index, step: { order: Number.POSITIVE_INFINITY, min: MIN_SHRUNK_WIDTH } });
    } else {
      for (const step of declared) steps.push({ index, step });
    }
  });
  // Array.prototype.sort is stable: steps of one order run left to right.
  return steps.sort((a, b) => a.step.order - b.step.order);
}

/**
 * Gives up `overflow` columns of `widths`: columns with nothing in any row, whole (rightmost
 * first, a header over no cell says nothing a narrow terminal needs), then the columns' steps in
 * their order (see TextColumn). A column down to 0 gives up its gap too. When a column left out
 * whole freed more than was over, the shrinking column takes it back first, then the columns
 * that narrowed, the last one first. What is still over is cut off the lines by the caller.
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
  const natural = [...widths];
  const narrowed: number[] = [];
  const shrinking = columns.findIndex((column) => column.shrinks === true);
  for (const { index, step } of stepsOf(columns, shrinking)) {
    if (over <= 0) break;
    const columnWidth = widths[index] ?? 0;
    if (columnWidth === 0) continue;
    const least = isLeftOut(step) ? 0 : Math.min(columnWidth, step.min);
    const given = isLeftOut(step) ? columnWidth : Math.min(over, columnWidth - least);
    if (given === 0) continue;
    widths[index] = columnWidth - given;
    over -= given === columnWidth ? given + GAP.length : given;
    narrowed.push(index);
  }
  const takers = [shrinking, ...narrowed.reverse()];
  for (const index of takers) {
    const columnWidth = widths[index] ?? 0;
    if (over >= 0) break;
    if (index < 0 || columnWidth === 0) continue;
    const taken = Math.min(-over, (natural[index] ?? 0) - columnWidth);
    widths[index] = columnWidth + taken;
    over += taken;
  }
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
