import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountPool } from '../src/count-pool.js';
import { DurationHistogram } from '../src/duration-histogram.js';
import { dateFormatterFor, localDayNumberIn } from '../src/local-date.js';
import { LocalDayNumbers } from '../src/local-day-numbers.js';
import { WeekdayDurations } from '../src/weekday-durations.js';

const DAY = 86_400_000;

describe('localDayNumberIn', () => {
  it('counts days from 1970-01-01, weekday (n + 4) mod 7, across years and eras', () => {
    const utc = dateFormatterFor('UTC');
    expect(localDayNumberIn(utc, 0)).toBe(0);
    expect(localDayNumberIn(utc, Date.parse('2025-10-18T23:59:59.999Z'))).toBe(
      Date.parse('2025-10-18') / DAY,
    );
    // 0001-01-01 was a Monday; 1 BC (year 0) was a leap year, 366 days before it.
    const first = Date.parse('0001-01-01T00:00:00Z');
    expect(localDayNumberIn(utc, first)).toBe(first / DAY);
    expect((((localDayNumberIn(utc, first) + 4) % 7) + 7) % 7).toBe(1);
    expect(localDayNumberIn(utc, first - 366 * DAY)).toBe(first / DAY - 366);
    // Berlin's date, not UTC's.
    const berlin = dateFormatterFor('Europe/Berlin');
    expect(localDayNumberIn(berlin, Date.parse('2025-10-20T23:30:00Z'))).toBe(
      Date.parse('2025-10-21') / DAY,
    );
  });
});

describe('LocalDayNumbers', () => {
  // Zones with DST (one of 30 minutes), one without, and one that skipped 2011-12-30.
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia'];
  const anchor = Date.parse('2011-12-28T00:00:00Z');

  it('gives every instant the day number its formatted date has, near the anchor and far from it', () => {
    for (const zone of zones) {
      const formatter = dateFormatterFor(zone);
      const days = new LocalDayNumbers(formatter, anchor);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.integer({ min: anchor - 400 * DAY, max: anchor + 400 * DAY }),
            fc.integer({ min: anchor - 30_000 * DAY, max: anchor + 30_000 * DAY }),
            // Around the day boundaries of the DST changes and the skipped day.
            fc
              .integer({ min: -1_000, max: 1_000 })
              .map((offset) => Date.parse('2011-12-29T10:00:00Z') + offset),
            fc
              .integer({ min: -2_000, max: 2_000 })
              .map((offset) => Date.parse('2012-04-01T00:00:00Z') + offset * 1_000),
          ),
          (timeMs) => {
            expect(days.dayNumberOf(timeMs)).toBe(localDayNumberIn(formatter, timeMs));
          },
        ),
        { numRuns: 400 },
      );
    }
  });
});

describe('WeekdayDurations', () => {
  it('gives the quantiles of its runs as one histogram of them would, the window’s and all', () => {
    const pool = new CountPool(16);
    const byWeekday = new WeekdayDurations(pool);
    const all = new DurationHistogram(pool);
    const inWindow = new DurationHistogram(pool);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1e9 }), fc.boolean()),
          { minLength: 1, maxLength: 50 },
        ),
        (runs) => {
          for (const [weekday, durationMs, window] of runs) {
            byWeekday.add(weekday, durationMs, window);
            all.add(durationMs);
            if (window) inWindow.add(durationMs);
          }
          expect(byWeekday.samples).toBe(all.samples);
          expect(byWeekday.windowSamples).toBe(inWindow.samples);
          expect(byWeekday.windowMaximumMs).toEqual(inWindow.maximumMs);
          for (const q of [0.01, 0.5, 0.95, 1]) {
            expect(byWeekday.quantileMs(q)).toBe(all.quantileMs(q));
            expect(byWeekday.windowQuantileMs(q)).toEqual(inWindow.quantileMs(q));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps the runs of each weekday apart, those before the window with them', () => {
    const durations = new WeekdayDurations(new CountPool());
    for (const minutes of [10, 10, 10, 10, 10, 10]) durations.add(1, minutes * 60_000, true);
    durations.add(6, 25 * 60_000, false);
    durations.add(6, 27 * 60_000, true);
    expect(durations.knows(0)).toBe(false);
    // The lower of the two Saturdays, within the 2 % of a histogram.
    expect(Math.abs(durations.quantileMs(0.5, 1 << 6) / (25 * 60_000) - 1)).toBeLessThan(0.02);
    expect(durations.quantileMs(1)).toBe(27 * 60_000);
    // Saturdays' runs usually take longer; without them, the longest run is of 10 minutes.
    expect(durations.weekdaysAbove(15 * 60_000)).toBe(1 << 6);
    expect(durations.quantileMs(1, ~(1 << 6))).toBe(10 * 60_000);
    expect(durations.windowSamples).toBe(7);
  });
});
