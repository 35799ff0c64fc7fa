import { formatEmDateTime } from '@vbem/model';

/**
 * An instant in ISO 8601, UTC, to the microsecond as EM 13 writes them (`…:10.659559Z`), always
 * six digits (a 100 ns tick is cut), so that times sort as text and a time from the output can be
 * found in EM's own answers. A Date outside the years 0001 to 9999 is as `toISOString` writes it.
 */
export function isoTime(date: Date): string {
  const text = formatEmDateTime(date, { microseconds: true });
  return text === undefined ? date.toISOString() : text.replace(/(\.\d{6})\dZ$/, '$1Z');
}
