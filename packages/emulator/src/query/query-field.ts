/** The value kinds the query service filters and sorts on. */
export type QueryValueKind = 'string' | 'dateTime' | 'number' | 'boolean' | 'enum';

/**
 * One filterable and sortable field of a query type, e.g. BackupJobSession's `CreationTime`.
 * `get` reads the field of one record: a string, a number (dates as epoch milliseconds), a
 * boolean, or, for enums, the value's ordinal (its index in `enumValues`).
 */
export interface QueryField<Row> {
  /** The name as EM documents it (`CreationTime`); matching is case-insensitive. */
  readonly name: string;
  readonly kind: QueryValueKind;
  /** For enums: the values in declaration order; comparisons use the ordinal. */
  readonly enumValues?: readonly string[];
  /** Undefined when the record has no value (a running session's EndTime). */
  get(row: Row): string | number | boolean | undefined;
  /** For a string field: numbers to sort by instead of comparing strings that `get` builds. */
  readonly sortKey?: SortKey<Row>;
}

/**
 * A string field's order as numbers: `width` numbers per row whose order, compared one after
 * another, is the case-insensitive order of the field's values (equal values, equal numbers).
 */
export interface SortKey<Row> {
  readonly width: number;
  /** Writes the row's numbers at `keys[at…at+width-1]`. */
  write(row: Row, keys: Float64Array, at: number): void;
}

/** The fields of one query type, by lower-case name. */
export type QueryFieldTable<Row> = ReadonlyMap<string, QueryField<Row>>;
