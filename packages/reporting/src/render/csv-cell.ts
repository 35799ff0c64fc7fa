import { toSingleLine } from './single-line.js';

/** What a CSV cell holds: text, a number, a flag, or nothing. */
export type CsvValue = string | number | boolean | null;

// After white space too: tabs and line breaks are spaces by then, and importers may trim them.
const FORMULA_START = /^\s*[=+\-@]/;
const NEEDS_QUOTES = /[",]/;

/**
 * One RFC 4180 field: quoted, with `"` doubled, when it holds `,` or `"`. Text is one line of
 * inert characters first (`toSingleLine`): a cell can neither break a record for a reader that
 * splits lines nor drive a terminal the CSV is printed to.
 *
 * Text that a spreadsheet would run as a formula, starting with `=`, `+`, `-` or `@`, after any
 * white space (tabs and CRs included, as spaces), gets a leading `'` so that it stays text (OWASP's CSV injection advice); this applies to every
 * text cell, names and enum values alike. Numbers are written as numbers and never prefixed, not
 * even negative ones: `-5` is a value a spreadsheet reads as minus five, not a formula, and a
 * prefix would turn it into text. A non-finite number and null (or undefined) are empty fields,
 * and an empty string is `""`, as most CSV writers tell a missing value from an empty one.
 */
export function csvCell(value: CsvValue): string {
  // Missing (null, or undefined from a caller without types) is an empty field, an empty string
  // `""`: a reader that keeps them apart can tell "no value" from "the value is empty".
  if (value === null || value === undefined) return '';
  if (value === '') return '""';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  const line = toSingleLine(value);
  const text = FORMULA_START.test(line) ? `'${line}` : line;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF line end. */
export const csvRecord = (values: readonly CsvValue[]): string =>
  `${values.map(csvCell).join(',')}\r\n`;
