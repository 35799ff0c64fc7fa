import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { radixOrder } from '../src/query/radix-order.js';

/** The order a stable sort gives with a comparator: NaN first number = no value, last ascending. */
function comparedOrder(keys: number[][], descending: boolean): number[] {
  const sign = descending ? -1 : 1;
  return keys
    .map((_, position) => position)
    .sort((a, b) => {
      const x = keys[a] as number[];
      const y = keys[b] as number[];
      if (Number.isNaN(x[0])) return Number.isNaN(y[0]) ? 0 : sign;
      if (Number.isNaN(y[0])) return -sign;
      for (let i = 0; i < x.length; i++) {
        const difference = (x[i] as number) - (y[i] as number);
        if (difference !== 0) return difference < 0 ? -sign : sign;
      }
      return 0;
    });
}

const order = (keys: number[][], width: number, descending: boolean) => {
  const flat = new Float64Array(keys.flat());
  const result = radixOrder(flat, width, keys.length, descending);
  return result && Array.from(result);
};

describe('radixOrder', () => {
  it('orders like a stable comparison sort, both ways, with missing values, ties and wide keys', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.constantFrom(0, 2 ** 50, -(2 ** 50), 65535, 65536, 2 ** 32),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 3 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(
                fc.tuple(
                  fc.oneof(
                    { weight: 1, arbitrary: fc.constant(Number.NaN) },
                    { weight: 6, arbitrary: value },
                  ),
                  fc.array(value, { minLength: width - 1, maxLength: width - 1 }),
                ),
                { maxLength: 60 },
              ),
            ),
          ),
        fc.boolean(),
        ([width, rows], descending) => {
          const keys = rows.map(([first, rest]) => [first, ...rest]);
          expect(order(keys, width, descending)).toEqual(comparedOrder(keys, descending));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives up on keys that are not integers or span more than 2^52', () => {
    expect(order([[1.5], [2]], 1, false)).toBeUndefined();
    expect(order([[-(2 ** 52)], [2 ** 52]], 1, false)).toBeUndefined();
    expect(
      order(
        [
          [Number.NaN, 0.5],
          [1, 2],
        ],
        2,
        false,
      ),
    ).toEqual([1, 0]);
  });

  it('orders nothing, and only missing values, without a pass', () => {
    expect(order([], 1, true)).toEqual([]);
    expect(order([[Number.NaN], [Number.NaN]], 1, true)).toEqual([0, 1]);
  });
});
