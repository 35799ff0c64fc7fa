import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayBuckets } from '../src/day-buckets.js';

const DAY = 86_400_000;

/** The weekday (0 Sunday) of a `YYYY-MM-DD` date. */
const weekdayOfDate = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('DayBuckets.count', () => {
  // Apia skipped 2011-12-30: the days after it are a weekday later than their place says.
  const windows = [
    { zone: 'Pacific/Apia', from: Date.parse('2011-12-27T00:00:00Z') },
    { zone: 'Europe/Berlin', from: Date.parse('2026-03-26T00:00:00Z') },
    { zone: 'UTC', from: Date.parse('2026-11-21T12:00:00Z') },
  ];

  it('gives the local weekday of the run it counts, across a skipped date and a DST change', () => {
    for (const { zone, from } of windows) {
      const to = from + 7 * DAY;
      const days = new DayBuckets(from, to, zone);
      fc.assert(
        fc.property(fc.integer({ min: from, max: to - 1 }), (startMs) => {
          expect(days.count(startMs, 'Success')).toBe(weekdayOfDate(days.localDateOf(startMs)));
        }),
        { numRuns: 300 },
      );
    }
  });
});
