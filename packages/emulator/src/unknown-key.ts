/**
 * The first key of an options bag that is not one of `known`, or undefined. A key whose value is
 * undefined is not given, whatever its name, as everywhere in the package's options.
 */
export function unknownKeyOf(bag: object, known: readonly string[]): string | undefined {
  return Object.entries(bag).find(
    ([key, value]) => value !== undefined && !known.includes(key),
  )?.[0];
}

/** True for a plain options bag: an object that is neither null nor an array. */
export const isOptionsBag = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
