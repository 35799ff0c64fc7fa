/** 100 ns ticks in a millisecond: .NET's DateTime unit, the finest an EM time is written in. */
export const TICKS_PER_MILLISECOND = 10_000;

/** Read through a registered symbol, so that two installed copies of this package agree. */
const TICKS = Symbol.for('@vbem/model.subMillisecondTicks');

/**
 * A Date with the ticks past its millisecond that it cannot hold itself. A subclass rather than
 * a side table: a WeakMap entry per date cost about ten times the date. It compares, clones and
 * serialises as a Date; a change of its time (`setTime`) drops the ticks, which were for the
 * old time.
 */
class EmDateTime extends Date {
  readonly #time: number;
  readonly #ticks: number;

  constructor(time: number, ticks: number) {
    super(time);
    this.#time = time;
    this.#ticks = ticks;
  }

  get [TICKS](): number {
    return this.getTime() === this.#time ? this.#ticks : 0;
  }
}

/**
 * The 100 ns ticks past its millisecond (0 to 9,999) that `date` carries: the digits of an EM
 * time finer than a Date holds (EM 13 writes microseconds, `…:10.659559Z`). `parseEmDateTime`
 * keeps them, and `formatEmDateTime` (so encode, toJson and the client's filters) writes them
 * back. 0 for a Date without them, or one whose time changed since they were given.
 */
export function subMillisecondTicks(date: Date): number {
  const ticks = (date as { [TICKS]?: unknown })[TICKS];
  return typeof ticks === 'number' ? ticks : 0;
}

/**
 * A Date of `date`'s time carrying `ticks` 100 ns ticks past its millisecond (an integer 0 to
 * 9,999; 0 gives a plain Date): an EM time finer than a millisecond, e.g.
 * `withSubMillisecondTicks(new Date('2026-06-16T06:33:10.659Z'), 5590)` for `…:10.659559Z`.
 * `date` is left as it is. Throws a RangeError for other ticks or an invalid Date.
 */
export function withSubMillisecondTicks(date: Date, ticks: number): Date {
  const time = date.getTime();
  if (Number.isNaN(time))
    throw new RangeError('An invalid Date cannot carry sub-millisecond ticks');
  if (!Number.isInteger(ticks) || ticks < 0 || ticks >= TICKS_PER_MILLISECOND) {
    throw new RangeError(
      `Sub-millisecond ticks must be an integer from 0 to ${TICKS_PER_MILLISECOND - 1}, got ${String(ticks)}`,
    );
  }
  return emDateTime(time, ticks);
}

/** The Date of a valid time and ticks, without the checks (`parseEmDateTime` has made them). */
export function emDateTime(time: number, ticks: number): Date {
  return ticks === 0 ? new Date(time) : new EmDateTime(time, ticks);
}
