import { formatEmDateTime } from '@vbem/model';

/**
 * An instant in ISO 8601, UTC, to the microsecond as EM 13 writes them (`…:10.659559Z`; seven
 * digits for a 100 ns tick): a time copied from the output into a filter (`--from`,
 * `CreationTime>`) names the session exactly, and every time has as many digits, so that times
 * sort as text. A Date outside the years 0001 to 9999 is as `toISOString` writes it.
 */
export function isoTime(date: Date): string {
  return formatEmDateTime(date, { microseconds: true }) ?? date.toISOString();
}
