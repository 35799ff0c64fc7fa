import type { CountPool } from './count-pool.js';
import { DurationHistogram } from './duration-histogram.js';

/** Every weekday, as a set of bits. */
export const ALL_WEEKDAYS = 0b111_1111;

/**
 * Durations of a job's finished runs by the local weekday they started on (0 Sunday): what is
 * usual for a run, on any day or on its weekday (a weekly full backup is usual on its day only).
 * A histogram is made for a weekday on its first run; together they give the figures of all runs.
 */
export class WeekdayDurations {
  private readonly byWeekday: DurationHistogram[] = [];
  private total = 0;

  constructor(private readonly pool: CountPool) {}

  get samples(): number {
    return this.total;
  }

  add(weekday: number, durationMs: number): void {
    let histogram = this.byWeekday[weekday];
    if (histogram === undefined) {
      histogram = new DurationHistogram(this.pool);
      this.byWeekday[weekday] = histogram;
    }
    histogram.add(durationMs);
    this.total++;
  }

  /** The runs that started on `weekday`; undefined before the first. */
  onWeekday(weekday: number): DurationHistogram | undefined {
    return this.byWeekday[weekday];
  }

  /**
   * The nearest-rank quantile `q` of the runs of the weekdays in `weekdays` (bit w for weekday w;
   * all by default); NaN when none.
   */
  quantileMs(q: number, weekdays = ALL_WEEKDAYS): number {
    return DurationHistogram.quantileOfAllMs(
      this.byWeekday.filter(
        (histogram, weekday) => histogram !== undefined && (weekdays & (1 << weekday)) !== 0,
      ),
      q,
    );
  }

  /** The weekdays (bit w for weekday w) whose runs' median is above `medianMs`. */
  weekdaysAbove(medianMs: number): number {
    let weekdays = 0;
    this.byWeekday.forEach((histogram, weekday) => {
      if (histogram.quantileMs(0.5) > medianMs) weekdays |= 1 << weekday;
    });
    return weekdays;
  }
}
