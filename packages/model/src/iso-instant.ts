import { DATE_TIME_MAX_MS, DATE_TIME_MIN_MS } from './em-date-time.js';
import { emDateTime } from './sub-millisecond-ticks.js';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * Why a text is no ISO instant: not written as one; a date or time that does not exist
 * (`2026-02-30`, `24:00`); a zone offset that does not exist (`+25:00`); or an instant outside the
 * years 0001 to 9999 (UTC), where EM's dates lie.
 */
export type IsoInstantProblem = 'not-iso' | 'no-such-time' | 'no-such-offset' | 'outside-em-years';

export type IsoInstantReading =
  | { readonly instant: Date; readonly problem?: undefined }
  | { readonly instant?: undefined; readonly problem: IsoInstantProblem };

/**
 * Reads an ISO 8601 date and time with a zone, as a person types it for a time option
 * (`2026-11-20T06:00:00Z`, `2026-11-20T07:00+01:00`, seconds and fraction optional, any case):
 * every field must exist as written, where `new Date()` would take `2026-02-30` as 2 March, `1Z`
 * as 2001 and a time without a zone in the machine's. Fraction digits past the millisecond go
 * with the Date as its `subMillisecondTicks` (to EM's 100 ns; further digits are dropped).
 */
export function readIsoInstant(text: string): IsoInstantReading {
  const match = ISO_INSTANT.exec(text);
  if (!match) return { problem: 'not-iso' };
  const fields = [1, 2, 3, 4, 5, 6].map((index) => Number(match[index] ?? 0));
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  const asRead = [
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
  if (asRead.some((value, index) => value !== fields[index])) return { problem: 'no-such-time' };
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  if (offsetHours > 23 || offsetMinutes > 59) return { problem: 'no-such-offset' };
  // The fraction's digits as EM's seven: milliseconds, then 100 ns ticks.
  const digits = (match[7] ?? '.').slice(1).padEnd(7, '0');
  const offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const time = local.getTime() + Number(digits.slice(0, 3)) - offset;
  if (time < DATE_TIME_MIN_MS || time > DATE_TIME_MAX_MS) return { problem: 'outside-em-years' };
  return { instant: emDateTime(time, Number(digits.slice(3, 7))) };
}
