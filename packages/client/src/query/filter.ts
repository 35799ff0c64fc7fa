import { formatEmDateTime, timeOfDate } from '@vbem/model';
import { ClientOptionsError } from '../errors/client-options-error.js';
import { didYouMean, fieldNamed } from './field-name.js';
import { FILTER_BRAND, isFilter } from './filter-brand.js';
import { type FilterNode, nodeOfText, operandsOf, render } from './filter-node.js';
import {
  QUERY_FIELD_KINDS,
  type QueryField,
  type QueryFieldKind,
  type QueryFieldValue,
  type QueryTypeName,
} from './query-fields.js';

export type FilterOperator = '==' | '!=' | '>' | '<' | '>=' | '<=';

const OPERATORS: ReadonlySet<unknown> = new Set<FilterOperator>(['==', '!=', '>', '<', '>=', '<=']);

/**
 * Bad input to the filter builder: an unknown field or operator, a value of the wrong type for
 * its field, a NaN, an invalid Date, an enum value that is not a bare name, a string with a
 * control character or an unpaired surrogate, an empty `anyOf`. `field` and `value` are the
 * offending ones, when there are. A ClientOptionsError: filter values are a call's options, and
 * the filters of `sessions()` and `taskSessions()` are built from theirs.
 */
export class FilterError extends ClientOptionsError {
  override readonly name = 'FilterError';
  readonly field: string | undefined;
  readonly value: unknown;

  constructor(message: string, field?: string, value?: unknown) {
    super(message);
    this.field = field;
    this.value = value;
  }

  protected override details(): Record<string, unknown> {
    return { field: this.field };
  }
}

let newFilter: <Type extends QueryTypeName>(node: FilterNode) => Filter<Type>;

/**
 * An EM query filter over the fields of `Type`, built with `where` and `anyOf` and combined with
 * `and` and `or`. Immutable: combining returns a new filter. Every value is checked when it is
 * added, so a Filter always renders to text EM parses. `String(filter)` is that text.
 */
export class Filter<Type extends QueryTypeName = QueryTypeName> {
  static {
    // where and anyOf create filters, callers cannot: a Filter only ever holds checked values.
    newFilter = <T extends QueryTypeName>(node: FilterNode) => new Filter<T>(node);
  }

  readonly #node: FilterNode;

  /** Known as a Filter by any copy of @vbem/client: see filter-brand.ts. */
  get [FILTER_BRAND](): true {
    return true;
  }

  private constructor(node: FilterNode) {
    this.#node = node;
  }

  /** This filter AND a comparison (`;`). */
  and<Field extends QueryField<Type>>(
    field: Field,
    op: FilterOperator,
    value: QueryFieldValue<Type, Field>,
  ): Filter<Type>;
  /** This filter AND another one (`;`), parenthesised if it is an OR. */
  and(other: Filter<Type>): Filter<Type>;
  and(fieldOrOther: string | Filter<Type>, op?: FilterOperator, value?: unknown): Filter<Type> {
    return this.#join(';', fieldOrOther, op, value);
  }

  /** This filter OR a comparison (`,`). */
  or<Field extends QueryField<Type>>(
    field: Field,
    op: FilterOperator,
    value: QueryFieldValue<Type, Field>,
  ): Filter<Type>;
  /** This filter OR another one (`,`). */
  or(other: Filter<Type>): Filter<Type>;
  or(fieldOrOther: string | Filter<Type>, op?: FilterOperator, value?: unknown): Filter<Type> {
    return this.#join(',', fieldOrOther, op, value);
  }

  /**
   * The filter text, with parentheses around every group inside another (an OR inside an AND, an
   * AND inside an OR): EM's docs never say which of `;` and `,` binds tighter, and their grouping
   * example writes `(A;B),(C;D)`.
   */
  toString(): string {
    return render(this.#node, false);
  }

  #join(join: ';' | ',', fieldOrOther: unknown, op: unknown, value: unknown): Filter<Type> {
    // Known by the brand, as query() knows a filter: another copy's Filter fails instanceof, and
    // only its text can be read (see filter-brand.ts).
    const other = !isFilter(fieldOrOther)
      ? comparison(fieldOrOther, op, value)
      : #node in fieldOrOther
        ? (fieldOrOther as Filter<Type>).#node
        : nodeOfText(fieldOrOther.toString());
    return new Filter<Type>({
      join,
      operands: [...operandsOf(this.#node, join), ...operandsOf(other, join)],
    });
  }
}

/**
 * A filter of one comparison, e.g. `where('Result', '==', 'Failed')`. Give the query type,
 * `where<'BackupTaskSession'>(…)`, to restrict the fields to that type's; without it, any field
 * of any type is accepted, with the value type that field has.
 *
 * @throws FilterError for an unknown field or operator, or a value the field cannot take.
 */
export function where<
  Type extends QueryTypeName = QueryTypeName,
  Field extends QueryField<Type> = QueryField<Type>,
>(field: Field, op: FilterOperator, value: QueryFieldValue<Type, Field>): Filter<Type> {
  return newFilter<Type>(comparison(field, op, value));
}

/**
 * `field` equal to any of `values`: `anyOf('Result', ['Failed', 'Warning'])` is
 * `Result==Failed,Result==Warning`, parenthesised when ANDed with more.
 *
 * @throws FilterError for an empty list, an unknown field, or a value the field cannot take.
 */
export function anyOf<
  Type extends QueryTypeName = QueryTypeName,
  Field extends QueryField<Type> = QueryField<Type>,
>(field: Field, values: readonly QueryFieldValue<Type, Field>[]): Filter<Type> {
  if (!Array.isArray(values) || values.length === 0) {
    throw new FilterError(
      `anyOf(${JSON.stringify(field)}) needs at least one value, got ${describe(values)}`,
      field,
      values,
    );
  }
  const operands: FilterNode[] = values.map((value: unknown) => comparison(field, '==', value));
  const [only] = operands;
  return newFilter<Type>(
    only !== undefined && operands.length === 1 ? only : { join: ',', operands },
  );
}

/**
 * The kind of each field name. A name has the same kind in every query type that has it (a test
 * checks this), which lets an untyped `where` check a value without knowing the query type.
 */
const FIELD_KINDS: ReadonlyMap<string, QueryFieldKind> = new Map(
  Object.values(QUERY_FIELD_KINDS).flatMap((kinds) => Object.entries(kinds)),
);

/** `given` in any case, as EM takes it; the text has the name as EM spells it. */
function comparison(given: unknown, op: unknown, value: unknown): string {
  const field = typeof given === 'string' ? fieldNamed(given, FIELD_KINDS.keys()) : undefined;
  const kind = field === undefined ? undefined : FIELD_KINDS.get(field);
  if (field === undefined || kind === undefined) {
    const hint = typeof given === 'string' ? didYouMean(given, FIELD_KINDS.keys()) : '';
    throw new FilterError(
      `unknown filter field ${describe(given)}${hint}; fields are: ${[...FIELD_KINDS.keys()].join(', ')}`,
      typeof given === 'string' ? given : undefined,
    );
  }
  if (!OPERATORS.has(op)) {
    throw new FilterError(
      `unknown operator ${describe(op)} for ${field}; expected one of == != > < >= <=`,
      field,
    );
  }
  return `${field}${op as FilterOperator}${formatValue(field, kind, value)}`;
}

/** Letters, digits and `_`: what EM's enum values are made of, and what may be written bare. */
const BARE_ENUM_VALUE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Control characters (tab and line breaks included) are never part of an EM name and come from
 * bad input; an unpaired surrogate cannot even be URL-encoded (encodeURIComponent throws).
 */
const UNSENDABLE = /[\p{Cc}\p{Cs}]/u;

const EXPECTED: Readonly<Record<QueryFieldKind, string>> = {
  string: 'a string',
  enum: 'an enum value (a string)',
  dateTime: 'a Date',
  number: 'a number',
  boolean: 'a boolean',
};

/** The value as filter text: strings and dates quoted, everything else bare. */
function formatValue(field: string, kind: QueryFieldKind, value: unknown): string {
  const invalid = (reason: string) =>
    new FilterError(`invalid value ${describe(value)} for ${field}: ${reason}`, field, value);
  switch (kind) {
    case 'string': {
      if (typeof value !== 'string') break;
      const bad = UNSENDABLE.exec(value);
      if (bad) {
        const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        throw invalid(`it contains U+${code} at ${bad.index}, which a filter cannot carry`);
      }
      // Always quoted: unquoted, EM drops whitespace and stops at ; , ( ) = ! < > ".
      return `"${value.replaceAll('"', '""')}"`;
    }
    case 'enum':
      if (typeof value !== 'string') break;
      if (!BARE_ENUM_VALUE.test(value)) {
        throw invalid('expected an enum value such as Failed: letters, digits and _ only');
      }
      return value;
    case 'dateTime': {
      if (timeOfDate(value) === undefined) break;
      const text = formatEmDateTime(value as Date);
      if (text === undefined) throw invalid('expected a valid Date in the years 1 to 9999');
      return `"${text}"`;
    }
    case 'number':
      if (typeof value !== 'number') break;
      // EM's number fields are integers; a safe integer also never prints in exponent form.
      if (!Number.isSafeInteger(value)) throw invalid('expected a safe integer');
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') break;
      return String(value);
  }
  throw invalid(`expected ${EXPECTED[kind]}`);
}

/** A value for an error message: strings quoted and cut to 100 characters, Dates as ISO text. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
  }
  const time = timeOfDate(value);
  if (time !== undefined) {
    return Number.isNaN(time) ? 'Invalid Date' : `Date ${new Date(time).toISOString()}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}
