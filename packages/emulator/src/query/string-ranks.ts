import { compareIgnoringCase } from './sort-rows.js';

/**
 * Each string's rank in EM's case-insensitive order, equal strings sharing one: sorting by rank
 * sorts by string, and a few job or VM names rank once instead of being compared per row.
 */
export function ranksOf(values: readonly string[]): Float64Array {
  const order = values.map((_, index) => index);
  order.sort((a, b) => compareIgnoringCase(values[a] as string, values[b] as string));
  const ranks = new Float64Array(values.length);
  let rank = 0;
  for (let position = 0; position < order.length; position++) {
    const index = order[position] as number;
    if (position > 0) {
      const previous = order[position - 1] as number;
      if (compareIgnoringCase(values[previous] as string, values[index] as string) !== 0) rank++;
    }
    ranks[index] = rank;
  }
  return ranks;
}
