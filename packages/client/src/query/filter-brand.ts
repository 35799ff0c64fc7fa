/**
 * The mark every Filter carries. A registered symbol, the same in every copy of @vbem/client, so
 * a Filter built by another copy (a dual CommonJS/ESM install, a second version, another realm)
 * is still known as one where `instanceof` would refuse it.
 */
export const FILTER_BRAND: unique symbol = Symbol.for('vbem.client.filter');

/** Whether `value` is a Filter from any copy of @vbem/client: it carries the brand. */
export function isFilter(value: unknown): value is { toString(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [FILTER_BRAND]?: unknown })[FILTER_BRAND] === true
  );
}
