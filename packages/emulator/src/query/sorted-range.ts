/** The first index whose value is >= `value` (or > with `exclusive`), in an ascending array. */
export function lowerBound(values: Float64Array, value: number, exclusive = false): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const current = values[middle] as number;
    if (current < value || (exclusive && current === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The rows `[start, end)` of an ascending time column inside a range; both bounds optional. */
export function rowsInRange(
  times: Float64Array,
  range: { from?: number; to?: number; fromInclusive: boolean; toInclusive: boolean } | undefined,
): { start: number; end: number } {
  if (!range) return { start: 0, end: times.length };
  const start = range.from === undefined ? 0 : lowerBound(times, range.from, !range.fromInclusive);
  const end =
    range.to === undefined ? times.length : lowerBound(times, range.to, range.toInclusive);
  return { start, end: Math.max(start, end) };
}
