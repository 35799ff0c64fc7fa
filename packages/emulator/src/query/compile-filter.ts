import { guidOfUrn, isBareGuidOfUrn } from './bare-guid.js';
import type { ComparisonNode, ComparisonOperator, FilterNode } from './filter-ast.js';
import { compareQueryValues } from './sort-rows.js';

type Predicate<Row> = (row: Row) => boolean;

/** Whether a comparison result (negative, zero, positive) satisfies each operator. */
const ACCEPTS: Readonly<Record<ComparisonOperator, (order: number) => boolean>> = {
  '==': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

/**
 * Turns a parsed filter into a predicate over rows, built once per request from closures so that
 * testing a row allocates nothing. A row without a value for the field (a running session's
 * EndTime) matches only `!=`.
 */
export function compileFilter<Row>(node: FilterNode<Row>): Predicate<Row> {
  switch (node.type) {
    case 'comparison':
      return compileComparison(node);
    case 'and': {
      const operands = node.operands.map((operand) => compileFilter(operand));
      return (row) => {
        for (const operand of operands) if (!operand(row)) return false;
        return true;
      };
    }
    case 'or': {
      const operands = node.operands.map((operand) => compileFilter(operand));
      return (row) => {
        for (const operand of operands) if (operand(row)) return true;
        return false;
      };
    }
  }
}

function compileComparison<Row>({ field, operator, value }: ComparisonNode<Row>): Predicate<Row> {
  const accepts = ACCEPTS[operator];
  const matchesMissing = operator === '!=';
  // EM's docs give `UID==<bare GUID>` as an example: it matches the urn that ends in that GUID.
  if (field.kind === 'string' && isBareGuidOfUrn(field.name, value))
    return (row) => {
      const actual = field.get(row);
      return actual === undefined
        ? matchesMissing
        : accepts(compareQueryValues(guidOfUrn(actual as string), value));
    };
  return (row) => {
    const actual = field.get(row);
    return actual === undefined ? matchesMissing : accepts(compareQueryValues(actual, value));
  };
}

/**
 * Bounds, in epoch milliseconds, that a dateTime field has in every row a filter matches. A side
 * without a bound is absent, and its `…Inclusive` flag is then false and meaningless.
 */
export interface TimeRange {
  readonly from?: number;
  readonly fromInclusive: boolean;
  readonly to?: number;
  readonly toInclusive: boolean;
}

/**
 * The range of the dateTime field `fieldName` (case-insensitive) that the filter confines matching
 * rows to, so that a table sorted by that field can be binary-searched instead of scanned: the
 * intersection of the bounds of an AND's operands, the union of an OR's when every branch is
 * bounded. Conservative: every matching row lies in the range, not every row in it matches.
 * Undefined when the filter bounds the field on neither side, which is always safe.
 */
export function timeRangeOf<Row>(node: FilterNode<Row>, fieldName: string): TimeRange | undefined {
  return rangeOf(node, fieldName.toLowerCase());
}

function rangeOf<Row>(node: FilterNode<Row>, lowerName: string): TimeRange | undefined {
  switch (node.type) {
    case 'comparison':
      return comparisonRange(node, lowerName);
    case 'and': {
      let range: TimeRange | undefined;
      for (const operand of node.operands) {
        const bound = rangeOf(operand, lowerName);
        if (bound) range = range ? intersect(range, bound) : bound;
      }
      return range;
    }
    case 'or': {
      let range: TimeRange | undefined;
      for (const operand of node.operands) {
        const bound = rangeOf(operand, lowerName);
        if (!bound) return undefined;
        if (!range) {
          range = bound;
          continue;
        }
        // A union that covers both directions bounds nothing: stop, rather than narrow again.
        const united = unite(range, bound);
        if (!united) return undefined;
        range = united;
      }
      return range;
    }
  }
}

function comparisonRange<Row>(
  { field, operator, value }: ComparisonNode<Row>,
  lowerName: string,
): TimeRange | undefined {
  if (field.kind !== 'dateTime' || typeof value !== 'number') return undefined;
  if (field.name.toLowerCase() !== lowerName) return undefined;
  switch (operator) {
    case '==':
      return makeRange(value, true, value, true);
    case '>':
    case '>=':
      return makeRange(value, operator === '>=', undefined, false);
    case '<':
    case '<=':
      return makeRange(undefined, false, value, operator === '<=');
    case '!=':
      return undefined;
  }
}

/** Rows in both ranges: the later start, the earlier end. */
function intersect(a: TimeRange, b: TimeRange): TimeRange | undefined {
  const [from, fromInclusive] = narrower(a.from, a.fromInclusive, b.from, b.fromInclusive, false);
  const [to, toInclusive] = narrower(a.to, a.toInclusive, b.to, b.toInclusive, true);
  return makeRange(from, fromInclusive, to, toInclusive);
}

/** Rows in either range: the earlier start, the later end. */
function unite(a: TimeRange, b: TimeRange): TimeRange | undefined {
  const [from, fromInclusive] = wider(a.from, a.fromInclusive, b.from, b.fromInclusive, false);
  const [to, toInclusive] = wider(a.to, a.toInclusive, b.to, b.toInclusive, true);
  return makeRange(from, fromInclusive, to, toInclusive);
}

type Bound = [value: number | undefined, inclusive: boolean];

/** Of two bounds on the same side (`upper` for ends), the one admitting fewer rows; absent admits all. */
function narrower(
  a: number | undefined,
  aInclusive: boolean,
  b: number | undefined,
  bInclusive: boolean,
  upper: boolean,
): Bound {
  if (a === undefined) return [b, bInclusive];
  if (b === undefined || a === b) return [a, aInclusive && (b === undefined || bInclusive)];
  return (upper ? a < b : a > b) ? [a, aInclusive] : [b, bInclusive];
}

/** Of two bounds on the same side (`upper` for ends), the one admitting more rows. */
function wider(
  a: number | undefined,
  aInclusive: boolean,
  b: number | undefined,
  bInclusive: boolean,
  upper: boolean,
): Bound {
  if (a === undefined || b === undefined) return [undefined, false];
  if (a === b) return [a, aInclusive || bInclusive];
  return (upper ? a > b : a < b) ? [a, aInclusive] : [b, bInclusive];
}

function makeRange(
  from: number | undefined,
  fromInclusive: boolean,
  to: number | undefined,
  toInclusive: boolean,
): TimeRange | undefined {
  if (from === undefined && to === undefined) return undefined;
  const range: { from?: number; fromInclusive: boolean; to?: number; toInclusive: boolean } = {
    fromInclusive: from !== undefined && fromInclusive,
    toInclusive: to !== undefined && toInclusive,
  };
  if (from !== undefined) range.from = from;
  if (to !== undefined) range.to = to;
  return range;
}
