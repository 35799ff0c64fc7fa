import { shownValue } from '@vbem/model';
import { describeValue } from '../describe-value.js';
import { ReportError } from '../report-error.js';

/** Columns a text table fits in unless told otherwise. */
const DEFAULT_WIDTH = 80;

/**
 * A renderer's flag (`color`, `pretty`, `bom`): false when not given. Anything but a boolean is
 * refused: `'no'` or `'false'` would read as true, `2` as a wish the renderer does not grant.
 */
export function flagOption(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new ReportError(
      'invalid-option',
      `${name} must be true, false or undefined, not ${describeValue(value)}`,
    );
  }
  return value;
}

/** The `width` option of the text renderers: a whole number of columns, 80 when not given. */
export function widthOption(value: unknown): number {
  if (value === undefined) return DEFAULT_WIDTH;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ReportError(
      'invalid-option',
      `width must be a whole number of 1 or more, not ${shownValue(value)}`,
    );
  }
  return value;
}

/** A text option (`title`), `fallback` when not given. */
export function textOption(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    throw new ReportError(
      'invalid-option',
      `${name} must be a string or undefined, not ${describeValue(value)}`,
    );
  }
  return value;
}
