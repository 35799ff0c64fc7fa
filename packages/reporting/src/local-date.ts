import { ReportError } from './report-error.js';

/** A formatter of local dates in `timeZone`; throws ReportError for a zone Intl does not know. */
export function dateFormatterFor(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ReportError(
      'invalid-option',
      `timeZone: ${JSON.stringify(timeZone)} is not an IANA time zone such as UTC or Europe/Berlin`,
    );
  }
}

/** `YYYY-MM-DD` of an instant by a date formatter; a year before 1 (BC) starts with `-`. */
export function localDateIn(formatter: Intl.DateTimeFormat, timeMs: number): string {
  let year = '';
  let month = '';
  let day = '';
  let beforeChrist = false;
  for (const part of formatter.formatToParts(timeMs)) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else if (part.type === 'year') year = part.value.padStart(4, '0');
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${beforeChrist ? '-' : ''}${year}-${month}-${day}`;
}

/**
 * The local date of an instant by a date formatter as a day number: days since 1970-01-01 in the
 * proleptic Gregorian calendar, so that consecutive dates differ by one and `(n + 4) mod 7` is the
 * weekday (0 Sunday). Arithmetic rather than Date.UTC, which reads years 0 to 99 as 1900 to 1999.
 */
export function localDayNumberIn(formatter: Intl.DateTimeFormat, timeMs: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let beforeChrist = false;
  for (const part of formatter.formatToParts(timeMs)) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  // 1 BC is year 0, 2 BC year -1; days from civil (H. Hinnant's algorithm), March-based years.
  const y = (beforeChrist ? 1 - year : year) - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The weekday (0 Sunday) of a day number of localDayNumberIn: 1970-01-01 was a Thursday. */
export const weekdayOfDayNumber = (day: number): number => (((day + 4) % 7) + 7) % 7;
