import { DATE_TIME_MAX_MS, DATE_TIME_MIN_MS, timeOfDate } from '@vbem/model';
import { parseDuration } from './parse-duration.js';
import { ReportError } from './report-error.js';
import type { ReportOptions } from './report-options.js';

const DEFAULT_SINCE = '7d';
const DAY_MS = 86_400_000;
/** Longest window: a report holds a row per day of it (and its time zone's DST changes). */
export const MAX_WINDOW_DAYS = 3660;

/** The report's clock and window `[fromMs, toMs)`, in ms since the epoch. */
export interface ReportWindowBounds {
  readonly nowMs: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/** A Date option in ms since the epoch; ReportError `invalid-option`, naming it, when it is none. */
export function timeOfOption(date: unknown, option: string): number {
  const time = timeOfDate(date);
  if (time === undefined) {
    throw new ReportError('invalid-option', `${option}: expected a Date, got ${typeof date}`);
  }
  if (Number.isNaN(time)) throw new ReportError('invalid-option', `${option}: invalid Date`);
  // ISO strings, JSON and the schema's date-time keep to four-digit years.
  if (time < DATE_TIME_MIN_MS || time > DATE_TIME_MAX_MS) {
    throw new ReportError(
      'invalid-option',
      `${option}: ${new Date(time).toISOString()} is not within the years 0001 to 9999`,
    );
  }
  return time;
}

/**
 * The window of a report: `to` defaults to `now`, `from` to `to` minus `since` (7d), `now` to the
 * system clock. `since` is checked even when `from` makes it unused, so that a typo still shows.
 */
export function resolveReportWindow(options: ReportOptions): ReportWindowBounds {
  const nowMs = options.now === undefined ? Date.now() : timeOfOption(options.now, 'now');
  const sinceSeconds = parseDuration(options.since ?? DEFAULT_SINCE, 'since');
  const toMs = options.to === undefined ? nowMs : timeOfOption(options.to, 'to');
  const fromMs =
    options.from === undefined ? toMs - sinceSeconds * 1000 : timeOfOption(options.from, 'from');
  if (Number.isNaN(new Date(fromMs).getTime())) {
    throw new ReportError(
      'invalid-option',
      `since: ${options.since} reaches before the earliest Date`,
    );
  }
  // Days are written YYYY-MM-DD and compared as text: windows keep to the model's years 0001 to
  // 9999 (year 0000, 1 BC, has no YYYY of its own in Intl's Gregorian calendar).
  if (fromMs < DATE_TIME_MIN_MS || toMs > DATE_TIME_MAX_MS) {
    throw new ReportError(
      'invalid-option',
      `the window ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} must lie within the years 0001 to 9999`,
    );
  }
  if (toMs - fromMs > MAX_WINDOW_DAYS * DAY_MS) {
    throw new ReportError(
      'invalid-option',
      `the window ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} is longer than ${MAX_WINDOW_DAYS} days (about ten years); a report has a row per day`,
    );
  }
  if (fromMs >= toMs) {
    throw new ReportError(
      'invalid-option',
      `from (${new Date(fromMs).toISOString()}) must be before to (${new Date(toMs).toISOString()})`,
    );
  }
  return { nowMs, fromMs, toMs };
}
