import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KEPT_PER_RING,
  LATER_RUNS,
  RecentDurationsPool,
  RecentWeekdayDurations,
} from '../src/recent-weekday-durations.js';

/** The nearest-rank quantile of `values`, from a sorted copy. */
function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
}

describe('RecentWeekdayDurations', () => {
  it('gives the exact quantiles of the latest runs of each ring chosen', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: LATER_RUNS }), fc.integer({ min: 0, max: 1e9 })),
          { minLength: 1, maxLength: 90 },
        ),
        fc.integer({ min: 1, max: 0b1111_1111 }),
        (runs, rings) => {
          const durations = new RecentWeekdayDurations(new RecentDurationsPool(1));
          const byRing: number[][] = Array.from({ length: LATER_RUNS + 1 }, () => []);
          for (const [ring, durationMs] of runs) {
            durations.add(ring, durationMs);
            byRing[ring]?.push(durationMs);
          }
          const latest = byRing.map((each) => each.slice(-KEPT_PER_RING));
          const chosen = latest.filter((_, ring) => (rings & (1 << ring)) !== 0).flat();
          expect(durations.countIn(rings)).toBe(chosen.length);
          for (const q of [0.01, 0.5, 0.95, 1]) {
            expect(durations.quantileMs(q)).toBe(quantileOf(latest.flat(), q));
            expect(durations.quantileMs(q, rings)).toEqual(quantileOf(chosen, q));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the runs of each weekday apart, only the latest of each', () => {
    const durations = new RecentWeekdayDurations(new RecentDurationsPool(1));
    // Mondays: ten runs, the first two of them long; only the latest eight are kept.
    for (const minutes of [90, 90, 10, 10, 10, 10, 10, 10, 10, 10]) {
      durations.add(1, minutes * 60_000);
    }
    durations.add(6, 25 * 60_000);
    durations.add(6, 27 * 60_000);
    // Kept: the latest eight Mondays and both Saturdays.
    expect(durations.countIn(0b1111_1111)).toBe(10);
    expect(durations.countIn(1 << 6)).toBe(2);
    expect(durations.quantileMs(0.5, 1 << 6)).toBe(25 * 60_000);
    expect(durations.quantileMs(1, 1 << 1)).toBe(10 * 60_000);
    expect(durations.quantileMs(1)).toBe(27 * 60_000);
    // Saturdays' runs usually take longer; without them, the longest run is of 10 minutes.
    expect(durations.weekdaysAbove(15 * 60_000)).toBe(1 << 6);
    expect(durations.quantileMs(1, ~(1 << 6))).toBe(10 * 60_000);
    expect(durations.quantileMs(0.5, 1 << 0)).toBeNaN();
    // The later runs of a day are no weekday's: long ones make no weekday usually longer.
    for (let run = 0; run < 8; run++) durations.add(LATER_RUNS, 90 * 60_000);
    expect(durations.weekdaysAbove(15 * 60_000)).toBe(1 << 6);
    expect(durations.quantileMs(1)).toBe(90 * 60_000);
  });

  it('takes a weekday of two runs for one that usually takes longer by their mean, not the lower', () => {
    // Two Saturday fulls of a fortnight, the one of 1.07 h short for a full; the median of all
    // runs is 0.73 h, so that "longer" is above 1.1 h.
    const durations = new RecentWeekdayDurations(new RecentDurationsPool(1));
    durations.add(6, 1.07 * 3_600_000);
    durations.add(6, 1.41 * 3_600_000);
    durations.add(2, 0.7 * 3_600_000);
    expect(durations.weekdaysAbove(1.1 * 3_600_000)).toBe(1 << 6);
    expect(durations.weekdaysAbove(1.3 * 3_600_000)).toBe(0);
  });
});
