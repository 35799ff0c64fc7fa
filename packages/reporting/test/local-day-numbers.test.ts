import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFormatterFor, localDayNumberIn } from '../src/local-date.js';
import { LocalDayNumbers } from '../src/local-day-numbers.js';

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
