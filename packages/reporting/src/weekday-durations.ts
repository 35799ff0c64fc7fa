import type { CountPool } from './count-pool.js';
import { bucketOf, MAX_BUCKET, representativeOf } from './duration-bucket.js';

/** Every weekday, as a set of bits: bit w for weekday w (0 Sunday). */
export const ALL_WEEKDAYS = 0b111_1111;
const DAYS = 7;
/** Lane w: the runs of weekday w, in the window and before it; lane 7: the window's runs. */
const WINDOW_LANE = DAYS;
const LANES = DAYS + 1;
/** Buckets made on either side of the first run's (a factor of 1.16 each way). */
const INITIAL_MARGIN = 4;

/**
 * Durations of a job's finished runs by the local weekday they started on, and those of the
 * window apart: the window's figures are of its runs only, what is usual for a run is of all (a
 * weekly full backup is usual on its day only). One histogram (see DurationHistogram: the same
 * buckets, so the same figures) with a lane of counters per weekday and one for the window, side
 * by side in one range of the pool: a run counts in its weekday's lane and, in the window, in
 * the window's, usually in one cache line. One object per job and no allocation per run or per
 * quantile: what a job keeps is made once, and quantiles are read for every job of a report.
 */
export class WeekdayDurations {
  /** pool.counts[start + LANES * k + lane]: the lane's count of bucket firstBucket + k, k < length. */
  private start = 0;
  private length = 0;
  private firstBucket = 0;
  private windowTotal = 0;
  private total = 0;
  /** Per lane, at lane, LANES + lane, 2 LANES + lane, 3 LANES + lane: runs, zero-length runs, exact min and max. */
  private readonly figures: number[] = new Array<number>(4 * LANES)
    .fill(0, 0, 2 * LANES)
    .fill(Number.POSITIVE_INFINITY, 2 * LANES, 3 * LANES)
    .fill(Number.NEGATIVE_INFINITY, 3 * LANES);

  constructor(private readonly pool: CountPool) {}

  /** Runs in the window and before it. */
  get samples(): number {
    return this.total;
  }

  get windowSamples(): number {
    return this.windowTotal;
  }

  add(weekday: number, durationMs: number, inWindow: boolean): void {
    this.total++;
    this.addToLane(weekday, durationMs);
    if (inWindow) {
      this.windowTotal++;
      this.addToLane(WINDOW_LANE, durationMs);
    }
    if (durationMs <= 0) return;
    const bucket = bucketOf(durationMs);
    if (
      this.length === 0 ||
      bucket < this.firstBucket ||
      bucket >= this.firstBucket + this.length
    ) {
      this.growTo(bucket);
    }
    const row = this.start + LANES * (bucket - this.firstBucket);
    this.pool.increment(row + weekday);
    if (inWindow) this.pool.increment(row + WINDOW_LANE);
  }

  /**
   * The nearest-rank quantile `q` of the runs, in the window and before it, of the weekdays in
   * `weekdays` (all by default); NaN when none.
   */
  quantileMs(q: number, weekdays = ALL_WEEKDAYS): number {
    return this.quantileOfLanesMs(weekdays & ALL_WEEKDAYS, q);
  }

  /** The same of the window's runs only. */
  windowQuantileMs(q: number): number {
    return this.quantileOfLanesMs(1 << WINDOW_LANE, q);
  }

  /** The longest run of the window, exactly; NaN when none. */
  get windowMaximumMs(): number {
    return this.windowTotal === 0 ? Number.NaN : (this.figures[3 * LANES + WINDOW_LANE] as number);
  }

  /** Whether a run of `weekday` is known, in the window or before it. */
  knows(weekday: number): boolean {
    return (this.figures[weekday] as number) > 0;
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

  private addToLane(lane: number, durationMs: number): void {
    const figures = this.figures;
    figures[lane] = (figures[lane] as number) + 1;
    if (durationMs <= 0) figures[LANES + lane] = (figures[LANES + lane] as number) + 1;
    if (durationMs < (figures[2 * LANES + lane] as number)) figures[2 * LANES + lane] = durationMs;
    if (durationMs > (figures[3 * LANES + lane] as number)) figures[3 * LANES + lane] = durationMs;
  }

  /** The quantile of the runs of the lanes in `lanes` (bit l for lane l) together, as one histogram's. */
  private quantileOfLanesMs(lanes: number, q: number): number {
    const figures = this.figures;
    let total = 0;
    let zeroCount = 0;
    let minMs = Number.POSITIVE_INFINITY;
    let maxMs = Number.NEGATIVE_INFINITY;
    for (let lane = 0; lane < LANES; lane++) {
      if ((lanes & (1 << lane)) === 0 || figures[lane] === 0) continue;
      total += figures[lane] as number;
      zeroCount += figures[LANES + lane] as number;
      minMs = Math.min(minMs, figures[2 * LANES + lane] as number);
      maxMs = Math.max(maxMs, figures[3 * LANES + lane] as number);
    }
    if (total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = zeroCount;
    if (seen >= rank) return Math.min(maxMs, Math.max(minMs, 0));
    this.pool.flush();
    const counts = this.pool.counts;
    for (let offset = 0; offset < this.length; offset++) {
      const row = this.start + LANES * offset;
      for (let lane = 0; lane < LANES; lane++) {
        if ((lanes & (1 << lane)) !== 0) seen += counts[row + lane] as number;
      }
      if (seen >= rank) {
        return Math.min(maxMs, Math.max(minMs, representativeOf(this.firstBucket + offset)));
      }
    }
    return maxMs;
  }

  private growTo(bucket: number): void {
    const empty = this.length === 0;
    const lowest = empty ? bucket : Math.min(bucket, this.firstBucket);
    const highest = empty ? bucket : Math.max(bucket, this.firstBucket + this.length - 1);
    // Each growth at least doubles the range, so that a job whose durations drift grows it seldom.
    const margin = Math.max(INITIAL_MARGIN, this.length >>> 1);
    const first = Math.max(0, lowest - margin);
    const length = Math.min(MAX_BUCKET, highest + margin) - first + 1;
    const start = this.pool.allocate(LANES * length);
    if (!empty) {
      this.pool.counts.copyWithin(
        start + LANES * (this.firstBucket - first),
        this.start,
        this.start + LANES * this.length,
      );
    }
    this.start = start;
    this.length = length;
    this.firstBucket = first;
  }
}
