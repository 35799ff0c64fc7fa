import type { Source } from './report-input.js';

const isAsyncIterable = <T>(source: Source<T>): source is AsyncIterable<T> =>
  Symbol.asyncIterator in source;

/**
 * Visits every item of a sync or async iterable, in order. `for await` would accept both, but it
 * turns every item of a sync iterable into a promise and a microtask, which costs more than the
 * aggregation itself; a sync source is therefore walked with a plain loop. An array is walked by
 * index: V8 did not optimise the array iterator away in this loop, and its `{ value, done }`
 * objects were 40 bytes of garbage per item.
 */
export async function forEachItem<T>(source: Source<T>, visit: (item: T) => void): Promise<void> {
  if (Array.isArray(source)) {
    // Reads the length on every step, as the array iterator does.
    for (let index = 0; index < source.length; index++) visit(source[index] as T);
    return;
  }
  if (isAsyncIterable(source)) {
    for await (const item of source) visit(item);
    return;
  }
  for (const item of source) visit(item);
}
