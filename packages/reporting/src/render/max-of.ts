/**
 * The largest of `values`, or `floor` when none is larger. Unlike `Math.max(floor, ...values)`, it
 * does not pass every value as an argument, which overflows the call stack on a long array.
 */
export function maxOf(values: Iterable<number>, floor: number): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
