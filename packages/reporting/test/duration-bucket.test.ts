import { describe, expect, it } from 'vitest';
import { bucketByLog, bucketOf, MAX_BUCKET, representativeOf } from '../src/duration-bucket.js';

describe('bucketOf', () => {
  it('gives every whole duration up to 2^17 ms the bucket its logarithm gives', () => {
    for (let durationMs = 1; durationMs <= 2 ** 17; durationMs++) {
      if (bucketOf(durationMs) !== bucketByLog(durationMs)) {
        expect.fail(`${durationMs} ms: ${bucketOf(durationMs)} ≠ ${bucketByLog(durationMs)}`);
      }
    }
  });

  it('agrees with the logarithm on both sides of every bucket edge below 2^31 ms', () => {
    let checked = 0;
    for (let bucket = 1; bucket <= MAX_BUCKET; bucket++) {
      const edgeMs = Math.floor(representativeOf(bucket));
      if (edgeMs >= 2 ** 31) break;
      // The bucket's first whole duration is within a few ms of its representative's neighbourhood.
      for (const durationMs of [edgeMs, edgeMs - 1, edgeMs + 1]) {
        expect(bucketOf(durationMs), `${durationMs} ms`).toBe(bucketByLog(durationMs));
      }
      let firstMs = 1;
      let lastMs = 2 ** 31 - 1;
      while (lastMs - firstMs > 1) {
        const middle = Math.floor((firstMs + lastMs) / 2);
        if (bucketByLog(middle) < bucket) firstMs = middle;
        else lastMs = middle;
      }
      for (const durationMs of [lastMs - 1, lastMs, lastMs + 1]) {
        expect(bucketOf(durationMs), `${durationMs} ms`).toBe(bucketByLog(durationMs));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('agrees with the logarithm on random whole durations, and takes it for the others', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 100_000; i++) {
      const durationMs = Math.floor(2 ** (31 * random()));
      expect(bucketOf(durationMs)).toBe(bucketByLog(durationMs));
    }
    for (const durationMs of [
      0,
      0.5,
      1.5,
      1234.567,
      2 ** 31,
      2 ** 40 + 1,
      Number.MAX_SAFE_INTEGER,
    ]) {
      expect(bucketOf(durationMs), `${durationMs} ms`).toBe(bucketByLog(durationMs));
    }
    expect(bucketOf(Number.MAX_SAFE_INTEGER)).toBe(MAX_BUCKET);
  });

  it('puts each bucket within 2 % of its representative', () => {
    for (const durationMs of [1, 2, 3, 59_999, 60_000, 3_600_000, 2 ** 31 - 1, 2 ** 31]) {
      const representative = representativeOf(bucketOf(durationMs));
      expect(Math.abs(representative - durationMs) / durationMs).toBeLessThanOrEqual(0.02);
    }
  });
});
