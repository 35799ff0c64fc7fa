import { describe, expect, it } from 'vitest';
import { instantOfFlag } from '../src/instant-flag.js';

describe('--now ISO-TIME', () => {
  it('takes an ISO 8601 date and time with a zone, to the millisecond', () => {
    expect(instantOfFlag('--now', '2026-11-20T06:00:00Z').toISOString()).toBe(
      '2026-11-20T06:00:00.000Z',
    );
    expect(instantOfFlag('--now', '2026-11-20T07:00+01:00').toISOString()).toBe(
      '2026-11-20T06:00:00.000Z',
    );
    expect(instantOfFlag('--now', '2026-11-20T06:00:00.1234567z').toISOString()).toBe(
      '2026-11-20T06:00:00.123Z',
    );
    expect(instantOfFlag('--now', '0050-01-01T00:00:00Z').toISOString()).toBe(
      '0050-01-01T00:00:00.000Z',
    );
  });

  it('refuses a time without a zone, a date that does not exist and one outside EM’s years', () => {
    const zone = 'must be an ISO 8601 date and time with a zone, such as 2026-11-20T06:00:00Z';
    for (const [text, why] of [
      ['2026-11-20', zone],
      ['2026-11-20T06:00:00', zone],
      ['yesterday', zone],
      ['1Z', zone],
      ['10000-01-01T00:00Z', zone],
      ['2026-02-30T00:00:00Z', 'names a date or time that does not exist'],
      ['2026-01-01T24:00:00Z', 'names a date or time that does not exist'],
      ['2026-01-01T00:00+24:00', 'has a zone offset that does not exist'],
      ['0001-01-01T00:00+01:00', 'must lie in the years 0001 to 9999 (UTC), where EM dates lie'],
    ])
      expect(() => instantOfFlag('--now', text as string), text).toThrow(
        new Error(`--now ${why}, not ${JSON.stringify(text)}`),
      );
  });
});
