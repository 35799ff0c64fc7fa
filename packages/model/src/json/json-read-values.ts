import type { ObjectTypeDescriptor } from '../descriptor.js';
import { parseEmDateTime } from '../em-date-time.js';
import { INT32_MAX, INT32_MIN } from '../scalar-check.js';
import { hasSeveralKeys, jsonKeys } from './json-keys.js';

// What the generated fast readers (generated/json-readers.gen.ts) share. Each returns undefined
// where readObject would throw or warn, so that the document is then read by readObject.

export const isJsonRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const enumValue = (raw: unknown, values: ReadonlySet<string>): string | undefined =>
  typeof raw === 'string' && values.has(raw) ? raw : undefined;

// `+ 0` turns -0 into 0, as readObject does: an integer of EM's has no negative zero.
export const int32Value = (raw: unknown): number | undefined =>
  typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= INT32_MIN && raw <= INT32_MAX
    ? raw + 0
    : undefined;

export const safeIntegerValue = (raw: unknown): number | undefined =>
  typeof raw === 'number' && Number.isSafeInteger(raw) ? raw + 0 : undefined;

export const dateTimeValue = (raw: unknown): Date | undefined =>
  typeof raw === 'string' ? parseEmDateTime(raw) : undefined;

/**
 * A new array of `length` slots for a reader to fill. Up to eight, an array literal: V8 tracks
 * where a literal is made and, once its arrays are seen to outlive collections (a document's lists
 * do), makes them straight in the old generation, as it does the readers' object literals. Arrays
 * from `new Array(length)` always start in the young generation, and at 10 MB of JSON those of a
 * page's links were what tipped it over and set off a scavenge copying the whole parsed tree.
 */
export function listOfLength(length: number): unknown[] {
  switch (length) {
    case 0:
      return [];
    case 1:
      return [undefined];
    case 2:
      return [undefined, undefined];
    case 3:
      return [undefined, undefined, undefined];
    case 4:
      return [undefined, undefined, undefined, undefined];
    case 5:
      return [undefined, undefined, undefined, undefined, undefined];
    case 6:
      return [undefined, undefined, undefined, undefined, undefined, undefined];
    case 7:
      return [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
    case 8:
      return [
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ];
    default:
      return new Array(length);
  }
}

/** The keys of a parsed JSON object, counted with for-in, which allocates nothing. */
export function keyCount(json: Record<string, unknown>): number {
  let count = 0;
  for (const _ in json) count++;
  return count;
}

/**
 * Whether the keys a reader did not take are ones readObject ignores without a word: unknown keys
 * whose value is null (EM lists every entity list of a query result, null where not returned),
 * and no field under two keys.
 */
export function onlyIgnorableKeys(
  json: Record<string, unknown>,
  descriptor: ObjectTypeDescriptor,
): boolean {
  const keys = jsonKeys(descriptor);
  if (hasSeveralKeys(json, keys)) return false;
  for (const key in json) {
    if (!keys.known.has(key) && json[key] !== null) return false;
  }
  return true;
}
