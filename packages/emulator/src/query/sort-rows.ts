import { resolveField } from './parse-filter.js';
import type { QueryField, QueryFieldTable } from './query-field.js';

/**
 * Orders two values of one query field: strings case-insensitively (EM's SQL collation), numbers,
 * dates (epoch milliseconds) and enum ordinals numerically, false before true.
 */
export function compareQueryValues(
  a: string | number | boolean,
  b: string | number | boolean,
): number {
  if (typeof a === 'string' && typeof b === 'string') return compareIgnoringCase(a, b);
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Compares the lower-cased strings by UTF-16 code units, without lower-casing them while both are
 * ASCII: filters and sorts call this for every row, and most names are ASCII.
 */
export function compareIgnoringCase(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 128 || y >= 128) {
      const lowerA = a.toLowerCase();
      const lowerB = b.toLowerCase();
      return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : 0;
    }
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * A comparator for `Array.prototype.sort` by one field (`sortAsc=` or `sortDesc=`). Ascending puts
 * rows without a value last; descending is its exact reverse, so they come first.
 */
export function sortComparator<Row>(
  field: QueryField<Row>,
  descending: boolean,
): (a: Row, b: Row) => number {
  const ascending = (a: Row, b: Row): number => {
    const x = field.get(a);
    const y = field.get(b);
    if (x === undefined) return y === undefined ? 0 : 1;
    if (y === undefined) return -1;
    return compareQueryValues(x, y);
  };
  return descending ? (a, b) => ascending(b, a) : ascending;
}

/**
 * The field a `sortAsc`/`sortDesc` parameter names, case-insensitively.
 *
 * @throws FilterSyntaxError at position 0 for an unknown field.
 */
export function resolveSortField<Row>(name: string, fields: QueryFieldTable<Row>): QueryField<Row> {
  return resolveField(name, 0, fields);
}
