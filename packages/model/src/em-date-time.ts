import { emDateTime, subMillisecondTicks, TICKS_PER_MILLISECOND } from './sub-millisecond-ticks.js';
import { timeOfDate } from './time-of-date.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The first and last instants xs:dateTime (XSD 1.0, no year 0) and .NET's DateTime hold. */
export const DATE_TIME_MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const DATE_TIME_MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');
const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as Date counts them
 * (H. Hinnant's days_from_civil). Plain arithmetic where Date.UTC would be a call into the
 * runtime, and right for years 0 to 99, which Date.UTC maps to 1900 to 1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1; // from March 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Digits at text[start, start + count) as a number, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The two digits at text[start, start + 2) as a number, or -1 if either is not a digit. */
function twoDigits(text: string, start: number): number {
  const high = text.charCodeAt(start) - 48;
  const low = text.charCodeAt(start + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const ZULU = 90;
const LETTER_T = 84;
/** Ticks per unit of the last fraction digit, by the number of digits past milliseconds (1 to 4). */
const TICKS_PER_DIGIT = [0, 1000, 100, 10, 1];

/**
 * Parses an EM DateTime (`yyyy-MM-ddTHH:mm:ss`, 0 to 7 fraction digits, `Z` or `±hh:mm` up to
 * ±14:00) into a Date, or returns undefined. A value without a zone is taken as UTC, as EM's are.
 * The instant must lie in the years 0001 to 9999 UTC, as xs:dateTime and .NET allow, so that it
 * can be written back. Digits past milliseconds, which a Date cannot hold, go with it as its
 * `subMillisecondTicks`. Written with charCodeAt instead of a regular expression or one-character
 * strings: it runs for every timestamp of every page, and was half of `fromJson`'s own time.
 */
export function parseEmDateTime(text: string): Date | undefined {
  // From JavaScript, what is no string is no DateTime text (null has no length to read).
  if (typeof text !== 'string') return undefined;
  const length = text.length;
  if (
    length < 19 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== LETTER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
    return undefined;
  }
  if (second < 0 || second > 59) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return undefined;

  let i = 19;
  let ms = 0;
  let ticks = 0;
  if (text.charCodeAt(i) === DOT) {
    const start = ++i;
    while (i < length && i - start < 8 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const count = i - start;
    if (count === 0 || count > 7) return undefined;
    ms =
      count >= 3 ? digits(text, start, 3) : digits(text, start, count) * (count === 1 ? 100 : 10);
    if (count > 3)
      ticks = digits(text, start + 3, count - 3) * (TICKS_PER_DIGIT[count - 3] as number);
  }
  let offsetMinutes = 0;
  if (i < length) {
    const sign = text.charCodeAt(i);
    if (sign === ZULU && i === length - 1) {
      // UTC
    } else if (
      (sign === PLUS || sign === DASH) &&
      i === length - 6 &&
      text.charCodeAt(i + 3) === COLON
    ) {
      const hours = twoDigits(text, i + 1);
      const minutes = twoDigits(text, i + 4);
      if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 14 * 60)
        return undefined;
      offsetMinutes = (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
    } else {
      return undefined;
    }
  }
  const time =
    daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  const utc = time - offsetMinutes * 60_000;
  if (utc < DATE_TIME_MIN_MS || utc > DATE_TIME_MAX_MS) return undefined;
  return emDateTime(utc, ticks);
}

/**
 * Writes a Date as EM does: UTC, `Z`, a fraction only when not zero, trailing zeros trimmed
 * (`…:29.56Z`, `…:10.659559Z` with the date's `subMillisecondTicks`); undefined for an invalid
 * Date, one outside the years 0001 to 9999, or (from JavaScript) anything that is no Date. With `microseconds`, six fraction digits as EM 13
 * writes JSON (`…:29.560000Z`), seven when the date carries a tick the sixth cannot hold.
 */
export function formatEmDateTime(
  date: Date,
  options: { readonly microseconds?: boolean | undefined } = {},
): string | undefined {
  // From JavaScript, anything else is no Date to write (a string would throw a TypeError here); a
  // Date of another realm is one.
  const time = timeOfDate(date);
  if (time === undefined || Number.isNaN(time)) return undefined;
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  const seconds = date.toISOString().slice(0, 19);
  const fraction = date.getUTCMilliseconds() * TICKS_PER_MILLISECOND + subMillisecondTicks(date);
  if (options.microseconds) {
    const digits = String(fraction).padStart(7, '0');
    return `${seconds}.${fraction % 10 === 0 ? digits.slice(0, 6) : digits}Z`;
  }
  if (fraction === 0) return `${seconds}Z`;
  return `${seconds}.${String(fraction).padStart(7, '0').replace(/0+$/, '')}Z`;
}
