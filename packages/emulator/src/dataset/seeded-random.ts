/**
 * Seeded pseudo-random numbers for the dataset generator: fast, reproducible, not cryptographic.
 *
 * A generator is seeded from a list of integer keys (`new SeededRandom(seed, stream, index)`), so
 * independent streams (one per job, one per job session) derive from the same dataset seed and
 * each can be replayed on its own.
 */

const GOLDEN_RATIO_32 = 0x9e3779b9;
const TWO_POW_32 = 2 ** 32;

/** The murmur3 finalizer: a bijection on 32-bit integers where every input bit affects every output bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of integer keys. Keys beyond 32 bits (seeds up to 2^53) count with both halves. */
export function hashKeys(keys: readonly number[]): number {
  let h = 0x2545f491;
  for (const key of keys) {
    h = mix32((h ^ (key >>> 0)) + GOLDEN_RATIO_32);
    const high = Math.floor(key / TWO_POW_32);
    if (high !== 0) h = mix32((h ^ (high >>> 0)) + GOLDEN_RATIO_32);
  }
  return h;
}

const SCRAMBLE_FACTOR_1 = 0x7feb352d;
const SCRAMBLE_FACTOR_2 = 0x846ca68b;

/** The inverse of an odd number modulo 2^32 (Newton's iteration doubles the correct bits each step). */
function inverseOfOdd(factor: number): number {
  let inverse = factor;
  for (let step = 0; step < 5; step++) inverse = Math.imul(inverse, 2 - Math.imul(factor, inverse));
  return inverse >>> 0;
}

const UNSCRAMBLE_FACTOR_1 = inverseOfOdd(SCRAMBLE_FACTOR_1);
const UNSCRAMBLE_FACTOR_2 = inverseOfOdd(SCRAMBLE_FACTOR_2);

/**
 * A keyed permutation of the 32-bit integers: consecutive inputs give unrelated-looking outputs,
 * and `unscramble32` gives the input back. Used to hide row numbers inside GUIDs.
 */
export function scramble32(value: number, key: number): number {
  let x = (value ^ key) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, SCRAMBLE_FACTOR_1);
  x ^= x >>> 16;
  x = Math.imul(x, SCRAMBLE_FACTOR_2);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The inverse of `scramble32` with the same key. */
export function unscramble32(value: number, key: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, UNSCRAMBLE_FACTOR_2);
  x ^= x >>> 16;
  x = Math.imul(x, UNSCRAMBLE_FACTOR_1);
  x ^= x >>> 16;
  return (x ^ key) >>> 0;
}

/** sfc32 (Small Fast Counting generator, 128-bit state) seeded from a hash of integer keys. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  constructor(...keys: readonly number[]) {
    const seed = hashKeys(keys);
    this.a = seed;
    this.b = mix32(seed ^ 0x6a09e667);
    this.c = mix32(seed ^ 0xbb67ae85);
    this.counter = 1;
    // The first outputs of a freshly seeded sfc32 still correlate with the seed.
    for (let round = 0; round < 12; round++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = (this.a + this.b + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + result) | 0;
    return result >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `probability`. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A uniformly chosen item. */
  pick<Item>(items: readonly Item[]): Item {
    if (items.length === 0) throw new RangeError('SeededRandom.pick needs at least one item');
    return items[Math.floor(this.next() * items.length)] as Item;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    return radius * Math.cos(2 * Math.PI * this.next());
  }

  /** A log-normal spread around `median`: never negative, a long tail to the high side. */
  spread(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<Item>(items: Item[]): Item[] {
    for (let last = items.length - 1; last > 0; last--) {
      const other = Math.floor(this.next() * (last + 1));
      const item = items[last] as Item;
      items[last] = items[other] as Item;
      items[other] = item;
    }
    return items;
  }
}
