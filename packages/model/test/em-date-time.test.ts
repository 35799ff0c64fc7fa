import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  formatEmDateTime,
  parseEmDateTime,
  subMillisecondTicks,
  withSubMillisecondTicks,
} from '../src/index.js';

describe('EM DateTime', () => {
  it.each([
    ['2014-10-19T05:22:52Z', '2014-10-19T05:22:52.000Z'],
    ['2025-06-05T01:04:29.5Z', '2025-06-05T01:04:29.500Z'],
    ['2025-06-05T01:04:29.56Z', '2025-06-05T01:04:29.560Z'],
    ['2025-09-24T20:00:09.607Z', '2025-09-24T20:00:09.607Z'],
    ['2025-08-16T05:17:38.22142Z', '2025-08-16T05:17:38.221Z'],
    ['2025-08-15T20:00:24.003406Z', '2025-08-15T20:00:24.003Z'],
    ['2025-08-14T12:31:31.0000000Z', '2025-08-14T12:31:31.000Z'],
    ['2025-10-19T00:00:00-07:00', '2025-10-19T07:00:00.000Z'],
    ['2025-10-19T00:00:00+05:30', '2025-10-18T18:30:00.000Z'],
    ['2025-10-19T00:00:00', '2025-10-19T00:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['0005-03-01T00:00:00Z', '0005-03-01T00:00:00.000Z'],
    ['0099-12-31T23:00:00-02:00', '0100-01-01T01:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0001-01-01T00:30:00-01:00', '0001-01-01T01:30:00.000Z'],
    ['9999-12-31T23:59:59.9999999Z', '9999-12-31T23:59:59.999Z'],
    ['9999-12-31T23:30:00+01:00', '9999-12-31T22:30:00.000Z'],
    ['2014-10-19T05:22:52+14:00', '2014-10-18T15:22:52.000Z'],
    ['2014-10-19T05:22:52-14:00', '2014-10-19T19:22:52.000Z'],
  ])('parses %s with 0 to 7 fraction digits', (text, iso) => {
    expect(parseEmDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '',
    '2025-09-24',
    '2025-09-24 20:00:09Z',
    '2025-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T00:60:00Z',
    '2025-01-01T00:00:60Z',
    '2025-01-01T00:00:00.Z',
    '2025-01-01T00:00:00.12345678Z',
    '2025-01-01T00:00:00+15:00',
    '2025-01-01T00:00:00+14:59',
    '2025-01-01T00:00:00-14:01',
    '0000-01-01T00:00:00Z',
    '0000-12-31T23:59:59.999Z',
    '9999-12-31T23:30:00-01:00',
    '0001-01-01T00:30:00+01:00',
    '2025-01-01T00:00:00+0100',
    '2025-01-01T00:00:00Zjunk',
    '+2025-01-01T00:00:00Z',
    '２０２５-01-01T00:00:00Z',
  ])('refuses %j', (text) => {
    expect(parseEmDateTime(text)).toBeUndefined();
  });

  it('returns undefined for what is no string, as the README says, rather than throw', () => {
    for (const notText of [null, undefined, 20250101, {}, ['2025-01-01T00:00:00Z']])
      expect(parseEmDateTime(notText as unknown as string)).toBeUndefined();
  });

  it('formats as EM does: UTC, Z, trailing fraction zeros trimmed', () => {
    expect(formatEmDateTime(new Date('2025-09-24T20:00:09.607Z'))).toBe('2025-09-24T20:00:09.607Z');
    // From JavaScript: no Date is nothing to write, a Date of another realm is one.
    for (const notDate of ['2025-09-24T20:00:09.607Z', 1_758_744_009_607, null, {}]) {
      expect(formatEmDateTime(notDate as unknown as Date)).toBeUndefined();
    }
    const foreign = runInNewContext("new Date('2025-09-24T20:00:09.607Z')") as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(formatEmDateTime(foreign)).toBe('2025-09-24T20:00:09.607Z');
    // An object that only claims to be a Date by its tag is none (it threw a TypeError).
    const fake = { [Symbol.toStringTag]: 'Date' } as unknown as Date;
    expect(formatEmDateTime(fake)).toBeUndefined();
    expect(formatEmDateTime(new Date('2025-06-05T01:04:29.560Z'))).toBe('2025-06-05T01:04:29.56Z');
    expect(formatEmDateTime(new Date('2025-06-05T01:04:29.500Z'))).toBe('2025-06-05T01:04:29.5Z');
    expect(formatEmDateTime(new Date('2014-10-19T05:22:52Z'))).toBe('2014-10-19T05:22:52Z');
    expect(formatEmDateTime(new Date('2025-01-01T00:00:00.001Z'))).toBe('2025-01-01T00:00:00.001Z');
  });

  it('writes six fraction digits on request, as EM 13 JSON does', () => {
    expect(formatEmDateTime(new Date('2025-06-05T01:04:29.560Z'), { microseconds: true })).toBe(
      '2025-06-05T01:04:29.560000Z',
    );
    expect(formatEmDateTime(new Date('2014-10-19T05:22:52Z'), { microseconds: true })).toBe(
      '2014-10-19T05:22:52.000000Z',
    );
    expect(parseEmDateTime('2025-06-05T01:04:29.560000Z')?.toISOString()).toBe(
      '2025-06-05T01:04:29.560Z',
    );
  });

  it('refuses what EM cannot write', () => {
    expect(formatEmDateTime(new Date(Number.NaN))).toBeUndefined();
    expect(formatEmDateTime(new Date('-000001-01-01T00:00:00Z'))).toBeUndefined();
    expect(formatEmDateTime(new Date('+010000-01-01T00:00:00Z'))).toBeUndefined();
    expect(formatEmDateTime(new Date('0000-12-31T23:59:59.999Z'))).toBeUndefined();
    expect(formatEmDateTime(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00Z');
    expect(formatEmDateTime(new Date('9999-12-31T23:59:59.999Z'))).toBe('9999-12-31T23:59:59.999Z');
  });

  it('writes back whatever it parses', () => {
    for (const text of [
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.9999999Z',
      '9999-12-31T00:00:00-14:00',
    ]) {
      const date = parseEmDateTime(text) as Date;
      expect(parseEmDateTime(formatEmDateTime(date) as string)).toEqual(date);
    }
  });

  it.each([
    ['2025-08-16T05:17:38.22142Z', 4200],
    ['2025-08-15T20:00:24.003406Z', 4060],
    ['2026-06-16T06:33:10.659559Z', 5590],
    ['9999-12-31T23:59:59.9999999Z', 9999],
    ['2025-01-01T00:00:00.0000001Z', 1],
    ['2025-01-01T00:00:00.0001-01:00', 1000],
    ['2025-09-24T20:00:09.607Z', 0],
    ['2025-08-14T12:31:31.000000Z', 0],
  ])(
    'keeps the digits of %s past the millisecond as %i ticks, and writes them back',
    (text, ticks) => {
      const date = parseEmDateTime(text) as Date;
      expect(subMillisecondTicks(date)).toBe(ticks);
      const utc = text.endsWith('Z') ? text : '2025-01-01T01:00:00.0001Z';
      expect(formatEmDateTime(date)).toBe(utc.replace(/\.?0*Z$/, 'Z'));
    },
  );

  it('writes EM 13 JSON microseconds from the ticks, and a seventh digit only when there is one', () => {
    const micro = parseEmDateTime('2026-06-16T06:33:10.6595Z') as Date;
    expect(formatEmDateTime(micro, { microseconds: true })).toBe('2026-06-16T06:33:10.659500Z');
    const tick = parseEmDateTime('2026-06-16T06:33:10.6595591Z') as Date;
    expect(formatEmDateTime(tick, { microseconds: true })).toBe('2026-06-16T06:33:10.6595591Z');
  });

  it('gives a Date ticks, and forgets them when its time changes', () => {
    const plain = new Date('2026-06-16T06:33:10.659Z');
    const date = withSubMillisecondTicks(plain, 5590);
    expect(subMillisecondTicks(plain)).toBe(0);
    expect(date).toBeInstanceOf(Date);
    expect(date).toEqual(plain);
    expect(formatEmDateTime(date)).toBe('2026-06-16T06:33:10.659559Z');
    expect(date.toISOString()).toBe('2026-06-16T06:33:10.659Z');
    expect(JSON.stringify(date)).toBe('"2026-06-16T06:33:10.659Z"');
    expect(subMillisecondTicks(new Date(date))).toBe(0);
    expect(subMillisecondTicks(structuredClone(date))).toBe(0);
    date.setTime(date.getTime() + 1000);
    expect(subMillisecondTicks(date)).toBe(0);
    expect(formatEmDateTime(date)).toBe('2026-06-16T06:33:11.659Z');
    date.setTime(date.getTime() - 1000);
    expect(subMillisecondTicks(date)).toBe(5590);
    expect(formatEmDateTime(withSubMillisecondTicks(date, 1))).toBe('2026-06-16T06:33:10.6590001Z');
    expect(subMillisecondTicks(withSubMillisecondTicks(date, 0))).toBe(0);
  });

  it.each([-1, 10_000, 0.5, Number.NaN])('refuses %d ticks', (ticks) => {
    expect(() => withSubMillisecondTicks(new Date(0), ticks)).toThrow(
      /integer from 0 to 9999, got/,
    );
  });

  it('refuses ticks for an invalid Date', () => {
    expect(() => withSubMillisecondTicks(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});
