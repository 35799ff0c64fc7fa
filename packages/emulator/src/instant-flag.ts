import { DATE_TIME_MAX_MS, DATE_TIME_MIN_MS } from '@vbem/model';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * The instant a flag gives (`--now 2026-11-20T06:00:00Z`, `…T07:00+01:00`), to the millisecond,
 * as `vbem` reads its own time flags: an ISO 8601 date and time with a zone, every field as it
 * exists (`new Date()` alone would take `2026-02-30` as 2 March, `1Z` as 2001, and a time without
 * a zone in the machine's, so that two machines would serve other data), in the years 0001 to
 * 9999 that EM's dates take. Anything else is an Error naming the flag and the text.
 */
export function instantOfFlag(flag: string, text: string): Date {
  const fail = (why: string) => new Error(`${flag} ${why}, not ${JSON.stringify(text)}`);
  const match = ISO_INSTANT.exec(text);
  if (!match)
    throw fail('must be an ISO 8601 date and time with a zone, such as 2026-11-20T06:00:00Z');
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
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  if (asRead.some((value, index) => value !== fields[index]))
    throw fail('names a date or time that does not exist');
  if (offsetHours > 23 || offsetMinutes > 59) throw fail('has a zone offset that does not exist');
  const milliseconds = Number((match[7] ?? '.').slice(1).padEnd(3, '0').slice(0, 3));
  const offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = new Date(local.getTime() + milliseconds - offset);
  if (instant.getTime() < DATE_TIME_MIN_MS || instant.getTime() > DATE_TIME_MAX_MS)
    throw fail('must lie in the years 0001 to 9999 (UTC), where EM dates lie');
  return instant;
}
