import type { QueryField } from './query-field.js';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * A filter value converted by its field's kind when the filter is parsed: the text for strings
 * (unquoted, doubled quotes undone), epoch milliseconds for dateTimes, the integer for numbers,
 * the ordinal in `enumValues` for enums, and the boolean for booleans. This is what
 * `QueryField.get` returns for the same kind, so evaluation compares like with like.
 */
export type FilterValue = string | number | boolean;

/** `Field<operator>Value`, e.g. `CreationTime>="2025-08-15T06:00:00Z"`. */
export interface ComparisonNode<Row = unknown> {
  readonly type: 'comparison';
  readonly field: QueryField<Row>;
  readonly operator: ComparisonOperator;
  readonly value: FilterValue;
}

/** Operands joined by `;`: every one must match. Always two operands or more. */
export interface AndNode<Row = unknown> {
  readonly type: 'and';
  readonly operands: readonly FilterNode<Row>[];
}

/** Operands joined by `,`: one must match. Always two operands or more. */
export interface OrNode<Row = unknown> {
  readonly type: 'or';
  readonly operands: readonly FilterNode<Row>[];
}

export type FilterNode<Row = unknown> = ComparisonNode<Row> | AndNode<Row> | OrNode<Row>;
