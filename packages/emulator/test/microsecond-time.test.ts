import { formatEmDateTime, subMillisecondTicks, TICKS_PER_MILLISECOND } from '@vbem/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withMicroseconds } from '../src/dataset/microsecond-time.js';
import { emDate, microsecondsOf } from '../src/representation/em-time.js';

const YEAR_1831 = Date.parse('1831-01-01T00:00:00Z');
const YEAR_2109 = Date.parse('2109-01-01T00:00:00Z');

describe('withMicroseconds', () => {
  it('keeps the millisecond, is idempotent, and its microseconds read back exactly, 1831 to 2109', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: YEAR_1831, max: YEAR_2109 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (ms, within) => {
          const time = withMicroseconds(ms + within);
          expect(Math.floor(time)).toBe(ms);
          expect(withMicroseconds(time)).toBe(time);
          const date = emDate(time, 13);
          expect(date.getTime()).toBe(ms);
          expect(date.getTime() + subMillisecondTicks(date) / TICKS_PER_MILLISECOND).toBe(time);
          expect(microsecondsOf(time)).toBe(subMillisecondTicks(date) / 10);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives whole milliseconds where a double cannot hold microseconds (after 2109, before 1831)', () => {
    for (const iso of [
      '9999-12-31T23:59:59.999Z',
      '2200-01-01T00:00:00.001Z',
      '0001-01-01T00:00:00Z',
    ]) {
      const ms = Date.parse(iso);
      expect(withMicroseconds(ms + 0.5), iso).toBe(ms);
      expect(formatEmDateTime(emDate(withMicroseconds(ms), 13)), iso).toBe(
        formatEmDateTime(new Date(ms)),
      );
    }
  });
});
