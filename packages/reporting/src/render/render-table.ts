import { describeValue } from '../describe-value.js';
import { likelyMeant } from '../likely-meant.js';
import { checkOptionsObject, optionKeys } from '../options-object.js';
import { ReportError } from '../report-error.js';
import { type KeyKind, unknownKeyProblem } from '../unknown-key.js';
import { flagOption, widthOption } from './render-option-values.js';
import { toSingleLine } from './single-line.js';
import { fitLine, paintLine, span } from './styled-line.js';
import { type NarrowStep, type TextColumn, textTable } from './text-table.js';

export type { NarrowStep, TextColumn };

export interface TableRenderOptions {
  /** Columns the table fits in (default 80); the columns marked `shrinks` and `narrows` give up width. */
  readonly width?: number | undefined;
  /** A bold header with ANSI codes (default false). */
  readonly color?: boolean | undefined;
}

const OPTION_KEYS = optionKeys<TableRenderOptions>({ width: true, color: true });

// A misspelled key (`shrink`, `aling`) would be ignored without a word, as an option would. Only
// those are refused: a caller's column type may extend TextColumn with keys of its own (`cell`).
const COLUMN_KEYS = optionKeys<TextColumn>({
  header: true,
  align: true,
  shrinks: true,
  keeps: true,
  narrows: true,
});
const COLUMN_KEY: KeyKind = { one: 'a key of a column', many: 'keys of a column' };
const STEP_KEYS = optionKeys<{ order: number; min: number; leftOut: true }>({
  order: true,
  min: true,
  leftOut: true,
});
const STEP_KEY: KeyKind = { one: 'a key of a narrowing step', many: 'keys of a narrowing step' };

/** A step of `TextColumn.narrows`: a finite order, and a whole `min` of 0 or more or `leftOut: true`. */
function isNarrowStep(step: unknown): boolean {
  if (typeof step !== 'object' || step === null) return false;
  const { order, min, leftOut } = step as { order?: unknown; min?: unknown; leftOut?: unknown };
  if (typeof order !== 'number' || !Number.isFinite(order)) return false;
  return leftOut === undefined
    ? Number.isInteger(min) && (min as number) >= 0
    : leftOut === true && min === undefined;
}

/** Whether `value` is an object literal (of any realm), not an array or a class's instance. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Refuses the keys of `bag` that look like a misspelling of a known one; others are let be. */
function checkKeys(bag: object, known: readonly string[], kind: KeyKind, path: string): void {
  const misspelled = Object.keys(bag).filter(
    (key) => !known.includes(key) && likelyMeant(key, known) !== undefined,
  );
  if (misspelled.length === 0) return;
  const problem = unknownKeyProblem(
    Object.fromEntries(misspelled.map((key) => [key, true])),
    known,
    kind,
    'its keys',
    path,
  );
  if (problem !== undefined) throw new ReportError('invalid-input', `renderTable: ${problem}`);
}

/**
 * Throws ReportError `invalid-input` naming the first column or narrowing step with a key that
 * looks like a misspelling of one it knows (`aling`), or the first header, narrowing step or cell that is no string (from
 * JavaScript: a count given as a number, a null for nothing), as the table's text is made inert
 * and measured as a string; format such a value first (`String(count)`, `''`).
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
    if (typeof column !== 'object' || column === null || Array.isArray(column)) {
      throw problem(`columns[${index}]`, column, 'a column');
    }
    if (isPlainObject(column)) checkKeys(column, COLUMN_KEYS, COLUMN_KEY, `columns[${index}].`);
    const { header, narrows } = column as { header?: unknown; narrows?: unknown };
    if (typeof header !== 'string') throw problem(`columns[${index}].header`, header, 'a string');
    if (narrows === undefined) return;
    const steps: unknown[] = Array.isArray(narrows) ? narrows : [narrows];
    steps.forEach((step, stepIndex) => {
      const where = `columns[${index}].narrows${Array.isArray(narrows) ? `[${stepIndex}]` : ''}`;
      if (isPlainObject(step)) checkKeys(step, STEP_KEYS, STEP_KEY, `${where}.`);
      if (!isNarrowStep(step)) {
        throw problem(where, step, 'a step { order, min } or { order, leftOut: true }');
      }
    });
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
