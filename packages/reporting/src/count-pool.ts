/**
 * One typed array that many histograms keep their counters in, each in a range of its own. With
 * thousands of jobs, a typed array per job puts every job's counters in a separate allocation
 * outside the heap, and counting a run becomes a cache miss; in one pool the ranges of jobs made
 * one after another lie side by side. A range that grows is copied to a new one; the old one is
 * left unused, which at most doubles the pool, as ranges grow by doubling.
 */
export class CountPool {
  counts: Uint32Array;
  private used = 0;

  constructor(initialLength = 4096) {
    this.counts = new Uint32Array(initialLength);
  }

  /** The start of a new range of `length` zeroed counters. May replace `counts`: read it again after. */
  allocate(length: number): number {
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
