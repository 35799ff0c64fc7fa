import { completed, type Stepwise } from './stepwise.js';

const DIGIT_BITS = 16;
const DIGIT_VALUES = 2 ** DIGIT_BITS;
const DIGIT_MASK = DIGIT_VALUES - 1;
/** Keys span at most this much, so that shifted keys stay exact integers. */
const MAX_SPAN = 2 ** 52;

/**
 * The order of `count` rows by `width` numbers each (row after row in `keys`), compared one after
 * another, or undefined when a key is not an integer (then compare instead). A NaN first number
 * means no value: last ascending, first descending. Rows with equal keys keep their positions'
 * order either way. A least-significant-digit radix sort on 16-bit digits: a few linear passes
 * instead of n log n comparisons, so that sorting millions of task sessions takes a second.
 */
export function radixOrder(
  keys: Float64Array,
  width: number,
  count: number,
  descending: boolean,
): Uint32Array | undefined {
  return completed(radixOrderSteps(keys, width, count, descending));
}

/** radixOrder, pausing after each pass over the rows. */
export function* radixOrderSteps(
  keys: Float64Array,
  width: number,
  count: number,
  descending: boolean,
): Stepwise<Uint32Array | undefined> {
  const histogram = new Uint32Array(DIGIT_VALUES);
  let order = positions(count);
  let nextOrder = new Uint32Array(count);
  // The component being sorted on, in the current order, moved along with the rows.
  let values = new Float64Array(count);
  let nextValues = new Float64Array(count);
  yield;
  for (let component = width - 1; component >= 0; component--) {
    const span = shiftComponent(keys, width, component, descending, order, values);
    if (span === undefined) return undefined;
    yield;
    for (let divisor = 1; divisor < span; divisor *= DIGIT_VALUES) {
      digitPass(divisor, histogram, order, values, nextOrder, nextValues);
      [order, nextOrder] = [nextOrder, order];
      [values, nextValues] = [nextValues, values];
      yield;
    }
  }
  return order;
}

/** `0, 1, …, count - 1`: the order before sorting. */
function positions(count: number): Uint32Array<ArrayBuffer> {
  const order = new Uint32Array(count);
  for (let position = 0; position < count; position++) order[position] = position;
  return order;
}

/** One pass: `order` and `values` sorted stably by one 16-bit digit into `nextOrder` and `nextValues`. */
function digitPass(
  divisor: number,
  histogram: Uint32Array,
  order: Uint32Array,
  values: Float64Array,
  nextOrder: Uint32Array,
  nextValues: Float64Array,
): void {
  const count = order.length;
  histogram.fill(0);
  // `>>> 0` keeps the quotient's low 32 bits: exact for the non-negative integers here.
  for (let position = 0; position < count; position++) {
    const digit = (((values[position] as number) / divisor) >>> 0) & DIGIT_MASK;
    histogram[digit] = (histogram[digit] as number) + 1;
  }
  let start = 0;
  for (let digit = 0; digit < DIGIT_VALUES; digit++) {
    const rows = histogram[digit] as number;
    histogram[digit] = start;
    start += rows;
  }
  for (let position = 0; position < count; position++) {
    const value = values[position] as number;
    const digit = ((value / divisor) >>> 0) & DIGIT_MASK;
    const target = histogram[digit] as number;
    histogram[digit] = target + 1;
    nextOrder[target] = order[position] as number;
    nextValues[target] = value;
  }
}

/**
 * Writes one component of the key of each row of `order`, in that order, as a non-negative
 * integer whose ascending order is the wanted order (reversed for descending; rows without a value
 * at the right end); returns how many values it spans, or undefined when a key is not an integer
 * or the span is too wide.
 */
function shiftComponent(
  keys: Float64Array,
  width: number,
  component: number,
  descending: boolean,
  order: Uint32Array,
  values: Float64Array,
): number | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const end = order.length * width;
  for (let at = 0; at < end; at += width) {
    if (Number.isNaN(keys[at] as number)) continue;
    const value = keys[at + component] as number;
    if (!Number.isInteger(value)) return undefined;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (max - min >= MAX_SPAN) return undefined;
  const first = component === 0;
  // The first component leaves one more value for the rows without one.
  const span = min > max ? 1 : max - min + (first ? 2 : 1);
  for (let position = 0; position < order.length; position++) {
    const at = (order[position] as number) * width;
    if (Number.isNaN(keys[at] as number)) {
      values[position] = first && !descending ? span - 1 : 0;
    } else {
      const value = keys[at + component] as number;
      values[position] = descending ? max - value + (first ? 1 : 0) : value - min;
    }
  }
  return span;
}
