import { parseEmDateTime } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../src/output/iso-time.js';

describe('isoTime', () => {
  it('writes six fraction digits whatever the date holds, so that times sort as text', () => {
    const times = [
      '2026-06-16T06:33:10.6595591Z',
      '2026-06-16T06:33:10.659559Z',
      '2026-06-16T06:33:10.659Z',
      '2026-06-16T06:33:10Z',
    ].map((text) => isoTime(parseEmDateTime(text) as Date));
    expect(times).toEqual([
      '2026-06-16T06:33:10.659559Z',
      '2026-06-16T06:33:10.659559Z',
      '2026-06-16T06:33:10.659000Z',
      '2026-06-16T06:33:10.000000Z',
    ]);
    expect(isoTime(new Date('+010000-01-01T00:00:00Z'))).toBe('+010000-01-01T00:00:00.000Z');
  });
});
