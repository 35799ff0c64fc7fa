import { runInNewContext } from 'node:vm';
import { timeOfDate } from '@vbem/model';
import { describe, expect, it } from 'vitest';

describe('timeOfDate', () => {
  it('gives the time of a Date, of this realm or another', () => {
    expect(timeOfDate(new Date('2026-06-15T06:00:00.250Z'))).toBe(
      Date.UTC(2026, 5, 15, 6, 0, 0, 250),
    );
    expect(timeOfDate(runInNewContext('new Date(5)'))).toBe(5);
    expect(timeOfDate(new Date(Number.NaN))).toBeNaN();
  });

  it('gives undefined for what is no Date, however it poses as one', () => {
    const poser = Object.create(Date.prototype);
    expect(poser instanceof Date).toBe(true);
    expect(timeOfDate(poser)).toBeUndefined();
    expect(timeOfDate({ [Symbol.toStringTag]: 'Date', getTime: () => 5 })).toBeUndefined();
    for (const value of [undefined, null, 5, '2026-06-15', Date.now]) {
      expect(timeOfDate(value)).toBeUndefined();
    }
  });
});
