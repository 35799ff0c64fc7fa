const TWO_TO_32 = 2 ** 32;
/**
 * Epoch milliseconds (2109 and 1830) past which a double's step exceeds a microsecond, so that a
 * time's microseconds could not be read back: times that far out have whole milliseconds.
 */
const MICROSECOND_TIMES_END = 2 ** 42;

/**
 * The time EM would hold for the whole millisecond `time` falls in: that millisecond plus a
 * microsecond part derived from it (EM 13 keeps and writes microseconds, `…:10.659559Z`).
 * Derived rather than drawn, so that the random streams, and with them every other value of a
 * seed's dataset, stay as they were; and idempotent, so that a time computed from a stored one
 * within the same millisecond is that stored time again. Epoch milliseconds with a fraction
 * (`1781591590659.559`): a double holds microseconds of this era to within a quarter of one.
 */
export function withMicroseconds(time: number): number {
  const ms = Math.floor(time);
  if (Math.abs(ms) >= MICROSECOND_TIMES_END) return ms;
  // A 32-bit integer hash (murmur3's finaliser) of the millisecond's two halves.
  let hash = Math.imul(
    ((ms % TWO_TO_32) >>> 0) ^ Math.imul(Math.floor(ms / TWO_TO_32), 0x9e3779b1),
    0x85ebca6b,
  );
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return ms + ((hash >>> 0) % 1000) / 1000;
}
