// Buckets grow by GAMMA, so a bucket's representative value is within RELATIVE_ERROR of every
// duration in it. 1.9 % rather than 2 % leaves room for floating-point rounding at bucket edges.
const RELATIVE_ERROR = 0.019;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Bucket i holds durations in (GAMMA^(i-1), GAMMA^i] ms; the last one reaches past 2^53 ms. */
export const MAX_BUCKET = Math.ceil(Math.log(Number.MAX_SAFE_INTEGER) / LOG_GAMMA);

/** The bucket of a duration in ms, by its logarithm. */
export const bucketByLog = (durationMs: number): number =>
  Math.min(MAX_BUCKET, Math.max(0, Math.ceil(Math.log(durationMs) / LOG_GAMMA)));

/**
 * Whole durations from 1 ms to 2^31 - 1 ms (24 days), nearly every run's, are looked up instead:
 * a logarithm is a call into the C library, and it was the largest single cost of counting a run.
 * A slot is a power of two and the SLOT_BITS bits after its leading one, 1/128 of the power: far
 * narrower than a bucket (3.9 %), so a slot holds the start of at most one bucket, at its edge.
 */
const SLOT_BITS = 7;
const SLOTS_PER_POWER = 1 << SLOT_BITS;
const TABLE_LIMIT = 2 ** 31;

/** `slotBase[slot]`: the bucket of the slot's smallest duration; from `slotEdge[slot]` on, the next one. */
let slotBase: Uint16Array | null = null;
let slotEdge: Float64Array | null = null;

const slotOf = (durationMs: number): number => {
  const power = 31 - Math.clz32(durationMs);
  const fraction =
    power >= SLOT_BITS ? durationMs >>> (power - SLOT_BITS) : durationMs << (SLOT_BITS - power);
  return power * SLOTS_PER_POWER + (fraction & (SLOTS_PER_POWER - 1));
};

/**
 * Made on first use, in about a millisecond, from bucketByLog itself: the table gives every whole
 * duration the very bucket its logarithm does.
 */
function buildSlotTables(): void {
  const base = new Uint16Array(31 * SLOTS_PER_POWER);
  const edge = new Float64Array(31 * SLOTS_PER_POWER).fill(Number.POSITIVE_INFINITY);
  for (let power = 0; power < 31; power++) {
    const step = power >= SLOT_BITS ? 2 ** (power - SLOT_BITS) : 1;
    for (let first = 2 ** power; first < 2 ** (power + 1); first += step) {
      const last = first + step - 1;
      const slot = slotOf(first);
      const bucket = bucketByLog(first);
      base[slot] = bucket;
      if (bucketByLog(last) === bucket) continue;
      // The first duration of the slot in the next bucket; bucketByLog never decreases.
      let low = first;
      let high = last;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (bucketByLog(middle) === bucket) low = middle;
        else high = middle;
      }
      edge[slot] = high;
    }
  }
  slotBase = base;
  slotEdge = edge;
}

/** The bucket of a duration in ms: bucket i holds (GAMMA^(i-1), GAMMA^i]; 0 up to 1 ms, at most MAX_BUCKET. */
export function bucketOf(durationMs: number): number {
  if (!(durationMs >= 1 && durationMs < TABLE_LIMIT) || !Number.isInteger(durationMs)) {
    return bucketByLog(durationMs);
  }
  if (slotBase === null || slotEdge === null) buildSlotTables();
  const slot = slotOf(durationMs);
  const base = (slotBase as Uint16Array)[slot] as number;
  return durationMs >= ((slotEdge as Float64Array)[slot] as number) ? base + 1 : base;
}

/** The value a bucket stands for: within RELATIVE_ERROR of both of its ends. */
export const representativeOf = (bucket: number): number => (2 * GAMMA ** bucket) / (GAMMA + 1);
