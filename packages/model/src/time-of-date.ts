const getTime = Date.prototype.getTime;
const tagOf = Object.prototype.toString;

/**
 * The time of a Date (NaN for an invalid one), or undefined for what is no Date. Told by the
 * Date's internal slot, which `getTime` requires: `instanceof Date` is false for a Date of
 * another realm (vm, a worker, jsdom), and the `[object Date]` tag can be faked by any object.
 * The tag only lets other objects out cheaply: `getTime` throwing for each of them (the encoders
 * ask of every object they write) cost more than the writing.
 */
export function timeOfDate(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!(value instanceof Date) && tagOf.call(value) !== '[object Date]') return undefined;
  try {
    return getTime.call(value);
  } catch {
    return undefined;
  }
}
