import { compareIgnoringCase } from './sort-rows.js';
import { completed, type Stepwise } from './stepwise.js';

/** String comparisons made between two pauses of `ranksOfSteps`: a millisecond or two. */
export const COMPARISONS_PER_STEP = 16_384;

/**
 * Each string's rank in EM's case-insensitive order, equal strings sharing one: sorting by rank
 * sorts by string, and a few job or VM names rank once instead of being compared per row.
 */
export function ranksOf(values: readonly string[]): Float64Array {
  return completed(ranksOfSteps(values));
}

/**
 * `ranksOf`, pausing after every `COMPARISONS_PER_STEP` comparisons: the distinct values of a
 * text field (a task's Reason) may be hundreds of thousands, which one `Array.prototype.sort`
 * would rank in one step, holding the event loop for as long. A merge sort, bottom up, so that
 * it can stop between any two comparisons.
 */
export function* ranksOfSteps(values: readonly string[]): Stepwise<Float64Array> {
  const count = values.length;
  let order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  let merged = new Uint32Array(count);
  let budget = COMPARISONS_PER_STEP;
  for (let width = 1; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const middle = Math.min(start + width, count);
      const end = Math.min(start + 2 * width, count);
      let left = start;
      let right = middle;
      let at = start;
      while (left < middle && right < end) {
        const a = order[left] as number;
        const b = order[right] as number;
        // Equal strings rank alike: which comes first among them does not matter.
        if (compareIgnoringCase(values[b] as string, values[a] as string) < 0) {
          merged[at++] = b;
          right++;
        } else {
          merged[at++] = a;
          left++;
        }
        if (--budget === 0) {
          budget = COMPARISONS_PER_STEP;
          yield;
        }
      }
      while (left < middle) merged[at++] = order[left++] as number;
      while (right < end) merged[at++] = order[right++] as number;
    }
    [order, merged] = [merged, order];
  }
  const ranks = new Float64Array(count);
  let rank = 0;
  for (let position = 0; position < count; position++) {
    const index = order[position] as number;
    if (position > 0) {
      const previous = order[position - 1] as number;
      if (compareIgnoringCase(values[previous] as string, values[index] as string) !== 0) rank++;
      if (--budget === 0) {
        budget = COMPARISONS_PER_STEP;
        yield;
      }
    }
    ranks[index] = rank;
  }
  return ranks;
}
