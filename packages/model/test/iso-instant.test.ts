import { describe, expect, it } from 'vitest';
import { readIsoInstant, subMillisecondTicks } from '../src/index.js';

describe('readIsoInstant', () => {
  it.each([
    ['2026-11-20T06:00:00Z', '2026-11-20T06:00:00.000Z'],
    ['2026-11-20t07:00+01:00', '2026-11-20T06:00:00.000Z'],
    ['2026-11-20T01:30:15.5-0430', '2026-11-20T06:00:15.500Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0099-03-01T00:00:00Z', '0099-03-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999999999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s', (text, iso) => {
    expect(readIsoInstant(text).instant?.toISOString()).toBe(iso);
  });

  it('keeps fraction digits past the millisecond as ticks, to 100 ns', () => {
    const { instant } = readIsoInstant('2026-06-16T08:33:10.659559+02:00');
    expect(instant?.toISOString()).toBe('2026-06-16T06:33:10.659Z');
    expect(subMillisecondTicks(instant as Date)).toBe(5590);
    expect(
      subMillisecondTicks(readIsoInstant('2026-06-16T06:33:10.12345678Z').instant as Date),
    ).toBe(4567);
  });

  it.each([
    ['2026-11-20', 'not-iso'],
    ['2026-11-20T06:00:00', 'not-iso'],
    ['1Z', 'not-iso'],
    [' 2026-11-20T06:00:00Z', 'not-iso'],
    ['2026-02-30T00:00:00Z', 'no-such-time'],
    ['2026-11-20T24:00Z', 'no-such-time'],
    ['2026-11-20T06:60Z', 'no-such-time'],
    ['2026-11-20T06:00+25:00', 'no-such-offset'],
    ['2026-11-20T06:00+01:60', 'no-such-offset'],
    ['0000-12-31T00:00:00Z', 'outside-em-years'],
    ['0001-01-01T00:30:00+01:00', 'outside-em-years'],
    ['9999-12-31T23:30:00-01:00', 'outside-em-years'],
  ])('refuses %s: %s', (text, problem) => {
    expect(readIsoInstant(text)).toEqual({ problem });
  });
});
