const DAYS = 7;
/**
 * The ring of the runs that were not the first of their local day, of any weekday. Rings 0 to 6
 * hold the first runs of each weekday (0 Sunday): VBR makes a periodic full in the first run of
 * its day, so a job that runs several times a day has its full among those only.
 */
export const LATER_RUNS = DAYS;
const RINGS = DAYS + 1;
/** Every ring, as a set of bits: bit r for ring r (the weekdays, then LATER_RUNS). */
export const ALL_RINGS = 0b1111_1111;
/** Every weekday's ring of first runs. */
export const ALL_WEEKDAYS = 0b111_1111;
/** Runs kept in each ring: its latest. A power of two. */
export const KEPT_PER_RING = 8;
const KEPT_MASK = KEPT_PER_RING - 1;
/** A ring's runs added, then its durations, side by side: one cache line or two. */
const STRIDE = 1 + KEPT_PER_RING;

/** Slots of one job: each ring and its count. */
const JOB_SLOTS = RINGS * STRIDE;

/** Durations held back before they are added together. */
const PENDING_DURATIONS = 4096;

/**
 * One typed array that every job's rings live in, side by side, grown by doubling; durations are
 * held back and added in batches. As for CountPool: a typed array per job is an allocation outside
 * the heap each, and with thousands of jobs adding a run's duration is a cache miss that the
 * processor waits for between a session's other work, where in a loop that does nothing else it
 * waits for many at once (a ring written at every run made buildReport 1.2 to 1.4 times slower).
 */
export class RecentDurationsPool {
  /** Read only after `flush`. */
  slots: Float64Array;
  private used = 0;
  private readonly pendingAt = new Int32Array(PENDING_DURATIONS);
  private readonly pendingMs = new Float64Array(PENDING_DURATIONS);
  private pendingCount = 0;

  constructor(initialJobs = 256) {
    this.slots = new Float64Array(initialJobs * JOB_SLOTS);
  }

  /** Adds `durationMs` to the ring at `at` (its count, then its values), now or at the next flush. */
  add(at: number, durationMs: number): void {
    const pending = this.pendingCount++;
    this.pendingAt[pending] = at;
    this.pendingMs[pending] = durationMs;
    if (this.pendingCount === PENDING_DURATIONS) this.flush();
  }

  /** Adds the durations held back, in the order they came. */
  flush(): void {
    const slots = this.slots;
    for (let pending = 0; pending < this.pendingCount; pending++) {
      const at = this.pendingAt[pending] as number;
      const added = slots[at] as number;
      slots[at + 1 + (added & KEPT_MASK)] = this.pendingMs[pending] as number;
      slots[at] = added + 1;
    }
    this.pendingCount = 0;
  }

  /** The start of a new job's zeroed slots. May replace `slots`: read it again after. */
  allocate(): number {
    this.flush();
    if (this.used + JOB_SLOTS > this.slots.length) {
      const grown = new Float64Array(2 * this.slots.length);
      grown.set(this.slots);
      this.slots = grown;
    }
    const start = this.used;
    this.used += JOB_SLOTS;
    return start;
  }
}

/** The durations chosen for one quantile, sorted there; shared: quantiles run for every job. */
const scratch = new Float64Array(RINGS * KEPT_PER_RING);

/**
 * The durations of a job's latest finished runs (up to KEPT_PER_RING of each ring), in the
 * window and before it: what is usual for a run. The first run of each local weekday has a ring,
 * the later runs of a day one together (LATER_RUNS). A weekly full backup is usual on its day only,
 * and a week or two of daily runs hold one or two of each weekday, so a few of each is all the rule
 * needs; a fixed ring costs one store a run and never grows, where a histogram per weekday made the
 * counters of a report many times as many (and their copies).
 */
export class RecentWeekdayDurations {
  /** In the pool from here, at r * STRIDE: the runs of ring r ever added; after it, its durations. */
  private readonly start: number;

  constructor(private readonly pool: RecentDurationsPool) {
    this.start = pool.allocate();
  }

  /** The runs kept in the rings in `rings`. */
  countIn(rings: number): number {
    this.pool.flush();
    const slots = this.pool.slots;
    let count = 0;
    for (let ring = 0; ring < RINGS; ring++) {
      if ((rings & (1 << ring)) !== 0)
        count += Math.min(slots[this.start + ring * STRIDE] as number, KEPT_PER_RING);
    }
    return count;
  }

  /** Adds a run to `ring`: its weekday when it was the first run of its local day, else LATER_RUNS. */
  add(ring: number, durationMs: number): void {
    this.pool.add(this.start + ring * STRIDE, durationMs);
  }

  /**
   * The nearest-rank quantile `q` of the runs kept in the rings in `rings` (all by default),
   * exactly; NaN when none.
   */
  quantileMs(q: number, rings = ALL_RINGS): number {
    const count = this.sortKept(rings);
    if (count === 0) return Number.NaN;
    return scratch[Math.max(1, Math.ceil(q * count)) - 1] as number;
  }

  /** The runs kept in the rings in `rings`, sorted into `scratch`; how many they are. */
  private sortKept(rings: number): number {
    // Sorted by insertion as they are copied: at most 64 values, and no array made for every job.
    this.pool.flush();
    const slots = this.pool.slots;
    let count = 0;
    for (let ring = 0; ring < RINGS; ring++) {
      if ((rings & (1 << ring)) === 0) continue;
      const at = this.start + ring * STRIDE;
      const end = at + 1 + Math.min(slots[at] as number, KEPT_PER_RING);
      for (let slot = at + 1; slot < end; slot++) {
        const value = slots[slot] as number;
        let to = count++;
        while (to > 0 && (scratch[to - 1] as number) > value) {
          scratch[to] = scratch[to - 1] as number;
          to--;
        }
        scratch[to] = value;
      }
    }
    return count;
  }

  /**
   * The weekdays whose kept first runs' median is above `medianMs`: the middle run's, or the mean
   * of the two middle ones of an even number. Two weeks of history hold two runs of a weekday, and
   * the lower of two fulls (nearest rank) can be a short one.
   */
  weekdaysAbove(medianMs: number): number {
    let weekdays = 0;
    for (let weekday = 0; weekday < DAYS; weekday++) {
      const count = this.sortKept(1 << weekday);
      if (count === 0) continue;
      const median = ((scratch[(count - 1) >> 1] as number) + (scratch[count >> 1] as number)) / 2;
      if (median > medianMs) weekdays |= 1 << weekday;
    }
    return weekdays;
  }
}
