/** Every weekday, as a set of bits: bit w for weekday w (0 Sunday). */
export const ALL_WEEKDAYS = 0b111_1111;
const DAYS = 7;
/** Runs kept of each weekday: its latest. A power of two. */
export const KEPT_PER_WEEKDAY = 8;
const KEPT_MASK = KEPT_PER_WEEKDAY - 1;
/** A weekday's runs added, then its ring of durations, side by side: one cache line or two. */
const STRIDE = 1 + KEPT_PER_WEEKDAY;

/** Slots of one job: a ring and its count for each weekday. */
const JOB_SLOTS = DAYS * STRIDE;

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
const scratch = new Float64Array(DAYS * KEPT_PER_WEEKDAY);

/**
 * The durations of a job's latest finished runs of each local weekday (up to KEPT_PER_WEEKDAY of
 * each), in the window and before it: what is usual for a run. A weekly full backup is usual on its
 * day only, and a week or two of daily runs hold one or two of each weekday, so a few of each is
 * all the rule needs; a fixed ring per weekday costs one store a run and never grows, where a
 * histogram per weekday made the counters of a report many times as many (and their copies).
 */
export class RecentWeekdayDurations {
  /** In the pool from here, at w * STRIDE: the runs of weekday w ever added; after it, its ring. */
  private readonly start: number;
  private total = 0;

  constructor(private readonly pool: RecentDurationsPool) {
    this.start = pool.allocate();
  }

  /** Runs added, of every weekday, kept or not. */
  get samples(): number {
    return this.total;
  }

  add(weekday: number, durationMs: number): void {
    this.pool.add(this.start + weekday * STRIDE, durationMs);
    this.total++;
  }

  /**
   * The nearest-rank quantile `q` of the runs kept of the weekdays in `weekdays` (all by
   * default), exactly; NaN when none.
   */
  quantileMs(q: number, weekdays = ALL_WEEKDAYS): number {
    const count = this.sortKept(weekdays);
    if (count === 0) return Number.NaN;
    return scratch[Math.max(1, Math.ceil(q * count)) - 1] as number;
  }

  /** The runs kept of the weekdays in `weekdays`, sorted into `scratch`; how many they are. */
  private sortKept(weekdays: number): number {
    // Sorted by insertion as they are copied: at most 56 values, and no array made for every job.
    this.pool.flush();
    const slots = this.pool.slots;
    let count = 0;
    for (let weekday = 0; weekday < DAYS; weekday++) {
      if ((weekdays & (1 << weekday)) === 0) continue;
      const at = this.start + weekday * STRIDE;
      const end = at + 1 + Math.min(slots[at] as number, KEPT_PER_WEEKDAY);
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
   * The weekdays whose kept runs' median is above `medianMs`: the middle run's, or the mean of the
   * two middle ones of an even number. Two weeks of history hold two runs of a weekday, and the
   * lower of two fulls (nearest rank) can be a short one.
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
