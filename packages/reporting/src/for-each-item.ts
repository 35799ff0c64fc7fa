import { ReportError } from './report-error.js';
import type { Source } from './report-input.js';

const isAsyncIterable = <T>(source: Source<T>): source is AsyncIterable<T> =>
  Symbol.asyncIterator in source;

/** A ReportError as it is; another error as what the item's check says, when it says something. */
const explained = (error: unknown, itemError: Error | undefined): unknown =>
  error instanceof ReportError ? error : (itemError ?? error);

/**
 * Visits every item of a sync or async iterable, in order. `for await` would accept both, but it
 * turns every item of a sync iterable into a promise and a microtask, which costs more than the
 * aggregation itself; a sync source is therefore walked with a plain loop. An array is walked by
 * index: V8 did not optimise the array iterator away in this loop, and its `{ value, done }`
 * objects were 40 bytes of garbage per item.
 *
 * An error from `visit` that is no ReportError (a TypeError from an item outside the types) is
 * replaced by what `invalidItemError` says of the item and its index, when it says something. Only
 * `visit`'s: an error of the source itself (a crawl that failed) is not the last item's fault. The
 * try is around the loop, not each visit: the session loop pays for it only when it throws.
 */
export async function forEachItem<T>(
  source: Source<T>,
  visit: (item: T) => void,
  invalidItemError: (item: T, index: number) => Error | undefined,
): Promise<void> {
  // Not captured by any closure, so that it stays a register rather than a context slot.
  let index = 0;
  if (Array.isArray(source)) {
    try {
      // Reads the length on every step, as the array iterator does.
      for (; index < source.length; index++) visit(source[index] as T);
    } catch (error) {
      throw explained(error, invalidItemError(source[index] as T, index));
    }
    return;
  }
  let visiting = false;
  let current: T | undefined;
  try {
    if (isAsyncIterable(source)) {
      for await (const item of source) {
        visiting = true;
        current = item;
        visit(item);
        visiting = false;
        index++;
      }
    } else {
      for (const item of source) {
        visiting = true;
        current = item;
        visit(item);
        visiting = false;
        index++;
      }
    }
  } catch (error) {
    throw visiting ? explained(error, invalidItemError(current as T, index)) : error;
  }
}
