/** Increments held back before they are applied together (32 KB of indexes). */
const PENDING_INCREMENTS = 8192;

/**
 * One typed array that many histograms keep their counters in, each in a range of its own. With
 * thousands of jobs, a typed array per job puts every job's counters in a separate allocation
 * outside the heap, and counting a run becomes a cache miss; in one pool the ranges of jobs made
 * one after another lie side by side. A range that grows is copied to a new one; the old one is
 * left unused, which at most doubles the pool, as ranges grow by doubling.
 *
 * Increments are held back and applied in batches: with thousands of jobs nearly every one is a
 * cache miss, and in a loop that does nothing else the processor waits for many of them at once,
 * where between the other work of a session it waits for each in turn. Read `counts` only after
 * `flush` (allocate flushes too).
 */
export class CountPool {
  counts: Uint32Array;
  private used = 0;
  private readonly pending = new Int32Array(PENDING_INCREMENTS);
  private pendingCount = 0;

  constructor(initialLength = 4096) {
    this.counts = new Uint32Array(initialLength);
  }

  /** Adds one to counts[index], now or at the next flush. */
  increment(index: number): void {
    this.pending[this.pendingCount++] = index;
    if (this.pendingCount === PENDING_INCREMENTS) this.flush();
  }

  /** Applies the increments held back. */
  flush(): void {
    const counts = this.counts;
    const pending = this.pending;
    for (let i = 0; i < this.pendingCount; i++) {
      const index = pending[i] as number;
      counts[index] = (counts[index] as number) + 1;
    }
    this.pendingCount = 0;
  }

  /** The start of a new range of `length` zeroed counters. May replace `counts`: read it again after. */
  allocate(length: number): number {
    this.flush();
    if (this.used + length > this.counts.length) {
      const grown = new Uint32Array(Math.max(2 * this.counts.length, this.used + length));
      grown.set(this.counts.subarray(0, this.used));
      this.counts = grown;
    }
    const start = this.used;
    this.used += length;
    return start;
  }
}
