import { localDayNumberIn } from './local-date.js';

const DAY_MS = 86_400_000;
/** Local days kept at most: over a year of history either side of the window's start. */
const MAX_DAYS_KEPT = 1_024;

/**
 * The local date of instants in one time zone, as day numbers (see localDayNumberIn). Formatting
 * a date is a call into ICU of microseconds, too slow for every run of a report; the days a
 * report's runs fall on are few, so each is found once, as the span from its first instant to the
 * next day's, and an instant is then looked up among them. Days are added next to those known as
 * instants outside them come; an instant further away than MAX_DAYS_KEPT days is formatted.
 */
export class LocalDayNumbers {
  /** starts[i]: the first instant of the local day numbers[i]; one span, day after day. */
  private readonly starts: number[] = [];
  private readonly numbers: number[] = [];
  /** The first instant after the last day known. */
  private endMs: number;
  /** The index of the day of the last lookup: runs come in time order, mostly on the same day. */
  private last = 0;

  constructor(
    private readonly formatter: Intl.DateTimeFormat,
    anchorMs: number,
  ) {
    const number = this.numberAt(anchorMs);
    this.starts.push(this.firstInstantAfter(anchorMs - 2 * DAY_MS, anchorMs, number - 1));
    this.numbers.push(number);
    this.endMs = this.firstInstantAfter(anchorMs, anchorMs + 2 * DAY_MS, number);
  }

  /** The day number of the local date of `timeMs`. */
  dayNumberOf(timeMs: number): number {
    const starts = this.starts;
    const last = this.last;
    if (timeMs >= (starts[last] as number) && timeMs < (starts[last + 1] ?? this.endMs)) {
      return this.numbers[last] as number;
    }
    if (!(timeMs >= (starts[0] as number) && timeMs < this.endMs) && !this.reach(timeMs)) {
      return this.numberAt(timeMs);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= timeMs) low = middle;
      else high = middle - 1;
    }
    this.last = low;
    return this.numbers[low] as number;
  }

  /** Adds the days up to `timeMs`; false, adding none, when that would keep too many. */
  private reach(timeMs: number): boolean {
    const first = this.starts[0] as number;
    const days = timeMs < first ? (first - timeMs) / DAY_MS : (timeMs - this.endMs) / DAY_MS;
    if (!Number.isFinite(days) || this.starts.length + days + 2 > MAX_DAYS_KEPT) return false;
    while (timeMs < (this.starts[0] as number)) {
      const start = this.starts[0] as number;
      const number = this.numberAt(start - 1);
      this.starts.unshift(this.firstInstantAfter(start - 2 * DAY_MS, start - 1, number - 1));
      this.numbers.unshift(number);
      this.last++;
    }
    while (timeMs >= this.endMs) {
      const number = this.numberAt(this.endMs);
      this.starts.push(this.endMs);
      this.numbers.push(number);
      this.endMs = this.firstInstantAfter(this.endMs, this.endMs + 2 * DAY_MS, number);
    }
    return true;
  }

  private numberAt(timeMs: number): number {
    return localDayNumberIn(this.formatter, timeMs);
  }

  /**
   * The first instant after `beforeMs` whose day number is above `number`; `beforeMs`'s is not,
   * and `afterMs`'s is, or the search moves on by two days (longer than any local day).
   */
  private firstInstantAfter(beforeMs: number, afterMs: number, number: number): number {
    let before = beforeMs;
    let after = afterMs;
    while (this.numberAt(before) > number) before -= 2 * DAY_MS;
    while (this.numberAt(after) <= number) {
      before = after;
      after += 2 * DAY_MS;
    }
    // Most days are 24 h long: try the guess a day on from the last known instant first.
    const guess = before + DAY_MS;
    if (guess < after && this.numberAt(guess) > number && this.numberAt(guess - 1) <= number) {
      return guess;
    }
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (this.numberAt(middle) > number) after = middle;
      else before = middle;
    }
    return after;
  }
}
