import { shownValue } from '@vbem/model';
import { describeValue } from '../describe-value.js';
import { likelyMeant } from '../likely-meant.js';
import { optionKeys } from '../options-object.js';
import { ReportError } from '../report-error.js';
import { type KeyKind, unknownKeyProblem } from '../unknown-key.js';
import type { NarrowStep, TextColumn } from './text-table.js';

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

const ALIGNS: readonly TextColumn['align'][] = ['start', 'end'];
/** What a caller used to Markdown's or CSS's alignments likely means. */
const ALIGN_MEANT: Readonly<Record<string, TextColumn['align']>> = {
  left: 'start',
  right: 'end',
};

const problem = (where: string, shown: string, expected: string, hint = '') =>
  new ReportError('invalid-input', `renderTable: ${where} is ${shown}, not ${expected}${hint}`);

/** A value as a message names it: `"rigth"`, `5`, `a function`, `missing`. */
const shown = (value: unknown): string => (value === undefined ? 'missing' : shownValue(value));

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
  const found = unknownKeyProblem(
    Object.fromEntries(misspelled.map((key) => [key, true])),
    known,
    kind,
    'its keys',
    path,
  );
  if (found !== undefined) throw new ReportError('invalid-input', `renderTable: ${found}`);
}

const isWholeOfZeroOrMore = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0;

/** A step of `TextColumn.narrows`: a finite order, and a whole `min` of 0 or more or `leftOut: true`. */
function checkStep(step: unknown, where: string): asserts step is NarrowStep {
  if (typeof step !== 'object' || step === null || Array.isArray(step)) {
    throw problem(where, describeValue(step), 'a step { order, min } or { order, leftOut: true }');
  }
  if (isPlainObject(step)) checkKeys(step, STEP_KEYS, STEP_KEY, `${where}.`);
  const { order, min, leftOut } = step as { order?: unknown; min?: unknown; leftOut?: unknown };
  if (typeof order !== 'number' || !Number.isFinite(order)) {
    throw problem(`${where}.order`, shown(order), 'a finite number');
  }
  // `leftOut` given as undefined is not given, as any option: the step is then `{ order, min }`.
  if (leftOut === undefined) {
    if (!isWholeOfZeroOrMore(min)) {
      throw problem(
        `${where}.min`,
        shown(min),
        'a whole number of 0 or more',
        ' (or leftOut: true)',
      );
    }
  } else if (leftOut !== true) {
    throw problem(`${where}.leftOut`, shown(leftOut), 'true or missing');
  } else if (min !== undefined) {
    throw problem(
      `${where}.min`,
      shown(min),
      'missing beside leftOut: true',
      ' (give one of them)',
    );
  }
}

/**
 * Throws ReportError `invalid-input` naming the column (`columns[1]`), the option, its value and
 * what it may be, for the first key of the column or its narrowing steps that looks like a
 * misspelling (`aling`), or the first value outside its type (from JavaScript, or through a
 * cast): a header that is no string, an align but `start` or `end` (`rigth`, `left`, 5), a
 * `shrinks` but a boolean, a `keeps` but a whole number of 0 or more, or a narrowing step
 * outside its type. A value given as undefined is not given, but `header` and `align` must be.
 */
export function checkTextColumn(column: unknown, index: number): asserts column is TextColumn {
  const where = `columns[${index}]`;
  if (typeof column !== 'object' || column === null || Array.isArray(column)) {
    throw problem(where, describeValue(column), 'a column');
  }
  if (isPlainObject(column)) checkKeys(column, COLUMN_KEYS, COLUMN_KEY, `${where}.`);
  const { header, align, shrinks, keeps, narrows } = column as Record<string, unknown>;
  if (typeof header !== 'string')
    throw problem(`${where}.header`, describeValue(header), 'a string');
  if (!ALIGNS.includes(align as TextColumn['align'])) {
    const meant =
      typeof align === 'string'
        ? (ALIGN_MEANT[align.toLowerCase()] ?? likelyMeant(align, ALIGNS))
        : undefined;
    throw problem(
      `${where}.align`,
      shown(align),
      '"start" or "end"',
      meant === undefined ? '' : `; did you mean "${meant}"?`,
    );
  }
  if (shrinks !== undefined && typeof shrinks !== 'boolean') {
    throw problem(`${where}.shrinks`, shown(shrinks), 'true, false or missing');
  }
  if (keeps !== undefined && !isWholeOfZeroOrMore(keeps)) {
    throw problem(`${where}.keeps`, shown(keeps), 'a whole number of 0 or more, or missing');
  }
  if (narrows === undefined) return;
  if (Array.isArray(narrows)) {
    narrows.forEach((step: unknown, stepIndex) => {
      checkStep(step, `${where}.narrows[${stepIndex}]`);
    });
  } else checkStep(narrows, `${where}.narrows`);
}
