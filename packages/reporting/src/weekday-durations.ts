import type { CountPool } from './count-pool.js';
import { DurationHistogram } from './duration-histogram.js';

/** Every weekday, as a set of bits: bit w for weekday w (0 Sunday). */
export const ALL_WEEKDAYS = 0b111_1111;
const DAYS = 7;

/**
 * Buckets made on either side of a weekday's first run (a factor of 1.16 each way): runs of one
 * weekday are alike, and up to fourteen histograms of the default 33 counters per job would make
 * the counters of a report many times as many to allocate.
 */
const WEEKDAY_MARGIN = 4;

/**
 * Durations of a job's finished runs by the local weekday they started on, those of the window
 * apart from those before it: the window's figures are of its runs only, what is usual for a run
 * is of all (a weekly full backup is usual on its day only). Each run is counted once. A histogram
 * is made for a weekday on its first run; together they give the figures of several.
 */
export class WeekdayDurations {
  /** Slot w: the window's runs of weekday w; slot 7 + w: those before the window. */
  private readonly slots: (DurationHistogram | null)[] = new Array(2 * DAYS).fill(null);
  private windowTotal = 0;
  private total = 0;

  constructor(private readonly pool: CountPool) {}

  /** Runs in the window and before it. */
  get samples(): number {
    return this.total;
  }

  get windowSamples(): number {
    return this.windowTotal;
  }

  add(weekday: number, durationMs: number, inWindow: boolean): void {
    const slot = inWindow ? weekday : DAYS + weekday;
    let histogram = this.slots[slot] as DurationHistogram | null;
    if (histogram === null) {
      histogram = new DurationHistogram(this.pool, WEEKDAY_MARGIN);
      this.slots[slot] = histogram;
    }
    histogram.add(durationMs);
    this.total++;
    if (inWindow) this.windowTotal++;
  }

  /**
   * The nearest-rank quantile `q` of the runs, in the window and before it, of the weekdays in
   * `weekdays` (all by default); NaN when none.
   */
  quantileMs(q: number, weekdays = ALL_WEEKDAYS): number {
    const days = weekdays & ALL_WEEKDAYS;
    return DurationHistogram.quantileOfSlotsMs(this.slots, days | (days << DAYS), q);
  }

  /** The same of the window's runs only. */
  windowQuantileMs(q: number): number {
    return DurationHistogram.quantileOfSlotsMs(this.slots, ALL_WEEKDAYS, q);
  }

  /** The longest run of the window, exactly; NaN when none. */
  get windowMaximumMs(): number {
    let maximumMs = Number.NaN;
    for (let slot = 0; slot < DAYS; slot++) {
      const histogram = this.slots[slot];
      if (histogram != null && !(histogram.maximumMs <= maximumMs)) maximumMs = histogram.maximumMs;
    }
    return maximumMs;
  }

  /** Whether a run of `weekday` is known, in the window or before it. */
  knows(weekday: number): boolean {
    return this.slots[weekday] !== null || this.slots[DAYS + weekday] !== null;
  }

  /** The weekdays whose runs' median is above `medianMs`. */
  weekdaysAbove(medianMs: number): number {
    let weekdays = 0;
    for (let weekday = 0; weekday < DAYS; weekday++) {
      if (this.knows(weekday) && this.quantileMs(0.5, 1 << weekday) > medianMs) {
        weekdays |= 1 << weekday;
      }
    }
    return weekdays;
  }
}
