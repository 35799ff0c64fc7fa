import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayBuckets } from '../src/day-buckets.js';

const DAY = 86_400_000;

describe('DayBuckets.count', () => {
  // Apia skipped 2011-12-30; Berlin changes to summer time on 2026-03-29.
  const windows = [
    { zone: 'Pacific/Apia', from: Date.parse('2011-12-27T00:00:00Z') },
    { zone: 'Europe/Berlin', from: Date.parse('2026-03-26T00:00:00Z') },
    { zone: 'UTC', from: Date.parse('2026-11-21T12:00:00Z') },
  ];

  it('counts a run on its local date, across a skipped date and a DST change', () => {
    for (const { zone, from } of windows) {
      const to = from + 7 * DAY;
      fc.assert(
        fc.property(fc.integer({ min: from, max: to - 1 }), (startMs) => {
          const days = new DayBuckets(from, to, zone);
          days.count(startMs, 'Success');
          const counted = days.toReports().filter((day) => day.successfulRuns > 0);
          expect(counted.map((day) => [day.date, day.successfulRuns])).toEqual([
            [days.localDateOf(startMs), 1],
          ]);
        }),
        { numRuns: 300 },
      );
    }
  });
});
