import {
  DATE_TIME_MAX_MS,
  DATE_TIME_MIN_MS,
  type IsoInstantProblem,
  readIsoInstant,
} from '@vbem/model';
import { parseDuration, ReportError, type ReportOptions, reportInputRange } from '@vbem/reporting';
import { InvalidArgumentError } from 'commander';
import { UsageError } from './cli-error.js';

/**
 * Commander's argParser for a flag that may be given more than once: every value, in order. An
 * empty one is refused: `--result ""` from an unset shell variable would otherwise filter nothing.
 */
export const repeatable = (value: string, previous: string[] = []): string[] => {
  if (value.trim() === '') {
    throw new InvalidArgumentError('it is empty (leave the option out to filter nothing)');
  }
  return [...previous, value];
};

/**
 * `Failed,Warning` or repeated flags, split on commas, each checked against `allowed` (any case).
 * Not for names: a job name may hold a comma, so `--job` is repeated instead.
 */
export function listOf(
  flag: string,
  value: string | readonly string[] | undefined,
  allowed?: readonly string[],
): string[] {
  if (value === undefined) return [];
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((item: string) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) {
    const given = Array.isArray(value) ? value.join(',') : value;
    throw new UsageError(`${flag}: ${JSON.stringify(given)} names nothing`);
  }
  if (!allowed) return items;
  return items.map((item) => {
    const match = allowed.find((known) => known.toLowerCase() === item.toLowerCase());
    if (!match) {
      throw new UsageError(`${flag}: ${JSON.stringify(item)} is not one of ${allowed.join(', ')}`);
    }
    return match;
  });
}

/**
 * An ISO 8601 instant with a zone (`2026-11-20T06:00:00Z`, `…T07:00+01:00`); anything else is a
 * usage error. `new Date()` alone would take `2026-02-30` as 2 March and `1Z` as 2001: every field
 * must exist as written.
 */
export function instantOf(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const reading = readIsoInstant(value);
  if (reading.instant) return reading.instant;
  throw new UsageError(`${flag}: ${JSON.stringify(value)} ${INSTANT_PROBLEMS[reading.problem]}`);
}

const INSTANT_PROBLEMS: Readonly<Record<IsoInstantProblem, string>> = {
  'not-iso': 'is not an ISO time with a zone, e.g. 2026-11-20T06:00:00Z',
  'no-such-time': 'names a date or time that does not exist (2026-02-30, 24:00)',
  'no-such-offset': 'has a zone offset that does not exist (+25:00)',
  'outside-em-years': 'is outside the years 0001 to 9999 (UTC)',
};

/** Whether an instant lies in the years 0001 to 9999 (UTC), which EM's dates and filters take. */
export const isWithinEmYears = (instant: Date): boolean =>
  instant.getTime() >= DATE_TIME_MIN_MS && instant.getTime() <= DATE_TIME_MAX_MS;

/** A whole number of at least `min` (and at most `max`, when given). */
export function integerOf(
  flag: string,
  value: string | undefined,
  min: number,
  max?: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min) || number > (max ?? Number.MAX_SAFE_INTEGER)) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`,
    );
  }
  return number;
}

/** The times a time flag takes, in seconds. */
export interface SecondsRange {
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is refused: `--timeout` takes any time above 0. */
  readonly aboveMin?: boolean;
  /** Whether bare seconds may have a fraction (`0.5`, `2.5s`). */
  readonly fractions?: boolean;
}

/**
 * A time in seconds within `range`: bare seconds (`35`), seconds with their unit (`90s`), or a
 * duration as `--since` takes one (`5m`, `1h`). The one syntax of every time flag (`--time-limit`,
 * `--timeout`), so that what one takes the others take.
 */
export function secondsOf(
  flag: string,
  value: string | undefined,
  range: SecondsRange,
): number | undefined {
  if (value === undefined) return undefined;
  const bare = (range.fractions ? /^(\d+(?:\.\d+)?)s?$/ : /^(\d+)s?$/).exec(value);
  let seconds = Number.NaN;
  if (bare) {
    seconds = Number(bare[1]);
  } else {
    try {
      seconds = parseDuration(value, flag);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      throw new UsageError(
        `${flag}: ${JSON.stringify(value)} is not a number of seconds (35, 90s) or a duration (5m, 1h)`,
      );
    }
  }
  const { min, max } = range;
  if (range.aboveMin ? !(seconds > min && seconds <= max) : !(seconds >= min && seconds <= max)) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not ${range.aboveMin ? `above ${min} and at most ${max}` : `from ${min} to ${max}`} seconds`,
    );
  }
  return seconds;
}

/** `24h`, `7d`: checked here so that a typo is a usage error, not an error from deep inside. */
export function durationOf(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    parseDuration(value, flag);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    throw new UsageError(error.message);
  }
  return value;
}

/**
 * Checks a report's window, time zone and RPO as `buildReport` will (a window past 3,660 days, or
 * whose local dates leave the years 0001 to 9999), so that it is a usage error before the
 * password is asked for and the crawl starts, not an error after it.
 */
export function checkReportOptions(options: ReportOptions, now: Date): void {
  try {
    reportInputRange({ ...options, now });
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    throw new UsageError(error.message);
  }
}
