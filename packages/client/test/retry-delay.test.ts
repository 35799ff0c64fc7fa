import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../src/http-date.js';
import { retryAfterMs } from '../src/retry-delay.js';

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

describe('retryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs(' 3 ', NOW)).toBe(3_000);
    expect(retryAfterMs('3600', NOW)).toBe(3_600_000);
  });

  it('reads an HTTP-date in each of its three forms, a past one as no wait', () => {
    expect(retryAfterMs('Mon, 15 Jun 2026 12:00:02 GMT', NOW)).toBe(2_000);
    expect(retryAfterMs('Monday, 15-Jun-26 12:00:05 GMT', NOW)).toBe(5_000);
    expect(retryAfterMs('Mon Jun 15 12:01:00 2026', NOW)).toBe(60_000);
    expect(retryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
  });

  it.each([
    '1.5',
    '0.5',
    '-1',
    '+5',
    '1e3',
    'soon',
    '',
    '15 Jun 2026 12:00:02',
    '2026-06-15T12:00:02Z',
    'Mon, 15 Jun 2026 12:00:02 CET',
    'Mon, 31 Feb 2026 12:00:02 GMT',
    'Mon, 15 Jun 2026 25:00:02 GMT',
  ])('ignores %j: the normal backoff applies', (header) => {
    expect(retryAfterMs(header, NOW)).toBeUndefined();
  });

  it('is undefined without the header', () => {
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });
});

describe('parseHttpDate', () => {
  it('reads the three forms as the same time', () => {
    const time = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(time);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(time);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(time);
  });

  it('reads a two-digit year as at most 50 years ahead', () => {
    expect(parseHttpDate('Friday, 01-Jan-76 00:00:00 GMT', NOW)).toBe(Date.UTC(2076, 0, 1));
    expect(parseHttpDate('Saturday, 01-Jan-77 00:00:00 GMT', NOW)).toBe(Date.UTC(1977, 0, 1));
  });
});
