import { dateFormatterFor, localDateIn } from './local-date.js';
import type { DayReport, RunResult } from './report.js';
import { ReportError } from './report-error.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function checkLocalYears(formatter: Intl.DateTimeFormat, fromMs: number, toMs: number): void {
  for (const timeMs of [fromMs, toMs - 1]) {
    if (!/^\d{4}-/.test(localDateIn(formatter, timeMs))) {
      throw new ReportError(
        'invalid-option',
        `the window ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} must lie within the years 0001 to 9999 in ${formatter.resolvedOptions().timeZone}`,
      );
    }
  }
}

/**
 * Checks the time zone and that the window's local dates lie in the years 0001 to 9999, without
 * finding its days: what `buildReport` would refuse, for `reportInputRange` to refuse before a crawl.
 */
export function checkWindowDates(fromMs: number, toMs: number, timeZone: string): void {
  checkLocalYears(dateFormatterFor(timeZone), fromMs, toMs);
}

/**
 * The zone's name as the caller wrote it, in Intl's spelling of its case: Intl resolves some
 * current names to old aliases (Asia/Kolkata to Asia/Calcutta, Europe/Kyiv to Europe/Kiev), which
 * a report must not show in place of the name it was asked for.
 */
function zoneNameOf(given: string, resolved: string): string {
  const lower = given.toLowerCase();
  if (lower === resolved.toLowerCase()) return resolved;
  return knownZoneNames().get(lower) ?? given;
}

let zoneNamesByLowerCase: Map<string, string> | undefined;

/**
 * Intl's zone names by their lower case. The list holds one name per zone, in Node 20 often the
 * old alias (Asia/Calcutta): a current name in another case (asia/kolkata) is then kept as given.
 */
function knownZoneNames(): Map<string, string> {
  zoneNamesByLowerCase ??= new Map(
    Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]),
  );
  return zoneNamesByLowerCase;
}

/**
 * Run outcomes per calendar day of the window in its time zone. The days are found once, as the
 * instants where the local date changes, so that a day is 23 or 25 hours long across a DST change
 * and counting a run is a binary search rather than a date formatting.
 */
export class DayBuckets {
  /** The zone's canonical IANA name, as Intl resolves it (`utc` → `UTC`). */
  readonly timeZone: string;
  private readonly formatter: Intl.DateTimeFormat;
  /** The window's start, then the first instant of each later local date within the window. */
  private readonly dayStartsMs: number[] = [];
  private readonly dates: string[] = [];
  private readonly successful: Uint32Array;
  private readonly warning: Uint32Array;
  private readonly failed: Uint32Array;

  /**
   * Throws ReportError for a time zone Intl does not know, or a window whose local dates in it leave
   * the years 0001 to 9999 (`0001-01-01T00:00Z` is still 0000-12-31 in New York).
   */
  constructor(fromMs: number, toMs: number, timeZone: string) {
    this.formatter = dateFormatterFor(timeZone);
    this.timeZone = zoneNameOf(timeZone, this.formatter.resolvedOptions().timeZone);
    checkLocalYears(this.formatter, fromMs, toMs);
    let dayStartMs = fromMs;
    let date = this.localDateOf(fromMs);
    for (;;) {
      this.dayStartsMs.push(dayStartMs);
      this.dates.push(date);
      dayStartMs = this.nextDayStart(dayStartMs, date);
      if (dayStartMs >= toMs) break;
      date = this.localDateOf(dayStartMs);
    }
    this.successful = new Uint32Array(this.dates.length);
    this.warning = new Uint32Array(this.dates.length);
    this.failed = new Uint32Array(this.dates.length);
  }

  /** `YYYY-MM-DD` of an instant in the window's time zone; a year before 1 (BC) starts with `-`. */
  localDateOf(timeMs: number): string {
    return localDateIn(this.formatter, timeMs);
  }

  /** Counts a finished run on the day of `startMs`, which must lie in the window. */
  count(startMs: number, result: RunResult): void {
    const day = this.dayIndexOf(startMs);
    const counts =
      result === 'Success' ? this.successful : result === 'Warning' ? this.warning : this.failed;
    counts[day] = (counts[day] ?? 0) + 1;
  }

  toReports(): DayReport[] {
    return this.dates.map((date, day) => ({
      date,
      successfulRuns: this.successful[day] ?? 0,
      warningRuns: this.warning[day] ?? 0,
      failedRuns: this.failed[day] ?? 0,
    }));
  }

  private dayIndexOf(timeMs: number): number {
    let low = 0;
    let high = this.dayStartsMs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.dayStartsMs[middle] ?? 0) <= timeMs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The first instant after `fromMs` whose local date is later than `date` (the local date of `fromMs`). */
  private nextDayStart(fromMs: number, date: string): number {
    // By length first: 10000-01-01, the day after the window's last, sorts before 9999-12-31 as text.
    const isLater = (timeMs: number) => {
      const later = this.localDateOf(timeMs);
      return later.length > date.length || (later.length === date.length && later > date);
    };
    // Most days start 24 h after the previous one: check that guess before searching.
    const guessMs = fromMs + DAY_MS;
    if (isLater(guessMs) && !isLater(guessMs - 1)) return guessMs;
    let before = fromMs;
    // Longer than any local day, DST changes and date-line moves included.
    let after = fromMs + 2 * DAY_MS;
    while (!isLater(after)) {
      before = after;
      after += 2 * DAY_MS;
    }
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (isLater(middle)) after = middle;
      else before = middle;
    }
    return after;
  }
}
