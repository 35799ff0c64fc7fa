import { CountPool } from './count-pool.js';
import { bucketOf, MAX_BUCKET, representativeOf } from './duration-bucket.js';

/** Buckets added on either side when the range is first made (a factor of 1.8 each way). */
const INITIAL_MARGIN = 16;

/**
 * Durations of finished runs, in log-sized buckets: quantiles within 2 % of the exact ones, the
 * exact minimum and maximum, and at most MAX_BUCKET + 1 counters (about 1,000) however many runs
 * are added. Only the range of buckets a job has used is allocated, typically a few dozen.
 * Deterministic: the same durations give the same figures in any order.
 */
export class DurationHistogram {
  /** pool.counts[start + k] is the count of bucket firstBucket + k, for k below length. */
  private start = 0;
  private length = 0;
  private firstBucket = 0;
  /** Zero-length runs: end at or before start (clock skew), which no log bucket holds. */
  private zeroCount = 0;
  private total = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = Number.NEGATIVE_INFINITY;

  /** `pool`: where the counters live; histograms of one report share one (see CountPool). */
  constructor(private readonly pool: CountPool = new CountPool(64)) {}

  get samples(): number {
    return this.total;
  }

  /** The longest duration added, exactly; NaN when empty. */
  get maximumMs(): number {
    return this.total === 0 ? Number.NaN : this.maxMs;
  }

  add(durationMs: number): void {
    this.total++;
    if (durationMs < this.minMs) this.minMs = durationMs;
    if (durationMs > this.maxMs) this.maxMs = durationMs;
    if (durationMs <= 0) {
      this.zeroCount++;
      return;
    }
    const bucket = bucketOf(durationMs);
    if (
      this.length === 0 ||
      bucket < this.firstBucket ||
      bucket >= this.firstBucket + this.length
    ) {
      this.growTo(bucket);
    }
    this.pool.increment(this.start + bucket - this.firstBucket);
  }

  /**
   * The nearest-rank quantile `q` (0 < q ≤ 1) in ms: the duration at rank ⌈q × samples⌉, within
   * 2 % and never outside the exact minimum and maximum. NaN when empty.
   */
  quantileMs(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = this.zeroCount;
    if (seen >= rank) return this.clamp(0);
    this.pool.flush();
    const counts = this.pool.counts;
    for (let offset = 0; offset < this.length; offset++) {
      seen += counts[this.start + offset] ?? 0;
      if (seen >= rank) return this.clamp(representativeOf(this.firstBucket + offset));
    }
    return this.maxMs;
  }

  private clamp(valueMs: number): number {
    return Math.min(this.maxMs, Math.max(this.minMs, valueMs));
  }

  private growTo(bucket: number): void {
    const empty = this.length === 0;
    const lowest = empty ? bucket : Math.min(bucket, this.firstBucket);
    const highest = empty ? bucket : Math.max(bucket, this.firstBucket + this.length - 1);
    // Each growth at least doubles the range, so that a job whose durations drift grows it seldom.
    const margin = Math.max(INITIAL_MARGIN, this.length >>> 1);
    const first = Math.max(0, lowest - margin);
    const length = Math.min(MAX_BUCKET, highest + margin) - first + 1;
    const start = this.pool.allocate(length);
    if (!empty) {
      const counts = this.pool.counts;
      counts.copyWithin(start + this.firstBucket - first, this.start, this.start + this.length);
    }
    this.start = start;
    this.length = length;
    this.firstBucket = first;
  }
}
