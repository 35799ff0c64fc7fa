/** Whether a value is a promise (or any thenable): one a caller forgot to await. */
export const isPromiseLike = (value: unknown): boolean =>
  typeof (value as { then?: unknown } | null | undefined)?.then === 'function';

/** A value outside the types, in words for an error message: `missing`, `null`, `a number`. */
export const describeValue = (value: unknown): string =>
  value === undefined
    ? 'missing'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? describeArray(value)
        : value instanceof Error
          ? 'an Error'
          : isPromiseLike(value)
            ? 'a promise'
            : `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;

/** An array, and its first item that is no object, if any (Links must hold links). */
function describeArray(items: readonly unknown[]): string {
  const index = items.findIndex((item) => typeof item !== 'object' || item === null);
  return index === -1 ? 'an array' : `an array with ${describeValue(items[index])} at [${index}]`;
}
