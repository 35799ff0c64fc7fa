import type { ComparisonNode, ComparisonOperator, FilterNode, FilterValue } from './filter-ast.js';
import { isUtcFilterDateTime, parseFilterDateTime } from './filter-date-time.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import type { QueryField, QueryFieldTable } from './query-field.js';

/** Longest filter text accepted, in UTF-16 code units. */
export const MAX_FILTER_LENGTH = 4096;
/** Deepest nesting of parentheses accepted, so that a hostile filter cannot exhaust the stack. */
export const MAX_FILTER_DEPTH = 64;

const OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>([
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
]);
const OPERATOR_LIST = '== != < <= > >=';
const isOperatorChar = (char: string): boolean =>
  char === '=' || char === '!' || char === '<' || char === '>';
const isWhitespace = (char: string): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';
/** Characters that end a field name; an unquoted value stops at the same ones. */
const isDelimiter = (char: string): boolean =>
  isOperatorChar(char) ||
  char === ';' ||
  char === ',' ||
  char === '(' ||
  char === ')' ||
  char === '"';

/**
 * Parses an EM query filter, e.g. `(Name=="Backup Job";CreationTime>="2025-08-15T06:00:00Z"),
 * Result>Success`, against the fields of one query type. `;` (AND) binds tighter than `,` (OR);
 * parentheses group. Field names and enum values are case-insensitive. Values are converted by
 * their field's kind here, so evaluating the returned tree over many rows converts nothing.
 * Whitespace inside an unquoted value is dropped (`Name==Backup Job` means `BackupJob`), as EM
 * does; quote a value to keep its spaces or to use `; , ( ) = ! < >` in it.
 *
 * @throws FilterSyntaxError with the offset of the first problem.
 */
export function parseFilter<Row>(text: string, fields: QueryFieldTable<Row>): FilterNode<Row> {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new FilterSyntaxError(
      `filter too long: ${text.length} characters, the limit is ${MAX_FILTER_LENGTH}`,
      MAX_FILTER_LENGTH,
    );
  }
  return new FilterParser(text, fields).parse();
}

/**
 * The field named `name` (case-insensitive), or a FilterSyntaxError at `position` that lists the
 * fields there are.
 */
export function resolveField<Row>(
  name: string,
  position: number,
  fields: QueryFieldTable<Row>,
): QueryField<Row> {
  const field = fields.get(name.toLowerCase());
  if (field) return field;
  const known = [...fields.values()].map((known) => known.name).join(', ');
  throw new FilterSyntaxError(
    `unknown field ${JSON.stringify(name)} at ${position}; known fields: ${known}`,
    position,
  );
}

/** Recursive descent over the text; each `read…` method scans its own token from `position`. */
class FilterParser<Row> {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly fields: QueryFieldTable<Row>,
  ) {}

  parse(): FilterNode<Row> {
    this.skipWhitespace();
    if (this.atEnd()) {
      throw new FilterSyntaxError(
        'empty filter at 0; expected a comparison such as Name=="Backup Job"',
        0,
      );
    }
    const node = this.parseOr();
    if (!this.atEnd()) {
      if (this.char() === ')') {
        throw this.error(`unbalanced ")" at ${this.position}: no "(" to close`);
      }
      throw this.error(
        `unexpected ${this.describeChar()} at ${this.position}; expected ";" (and), "," (or) or the end of the filter`,
      );
    }
    return node;
  }

  private parseOr(): FilterNode<Row> {
    const operands = [this.parseAnd()];
    while (this.char() === ',') {
      this.position++;
      operands.push(this.parseAnd());
    }
    const [only] = operands;
    return only && operands.length === 1 ? only : { type: 'or', operands };
  }

  private parseAnd(): FilterNode<Row> {
    const operands = [this.parsePrimary()];
    while (this.char() === ';') {
      this.position++;
      operands.push(this.parsePrimary());
    }
    const [only] = operands;
    return only && operands.length === 1 ? only : { type: 'and', operands };
  }

  /** A parenthesized expression or a comparison, and the whitespace after it. */
  private parsePrimary(): FilterNode<Row> {
    this.skipWhitespace();
    if (this.char() !== '(') {
      const comparison = this.parseComparison();
      this.skipWhitespace();
      return comparison;
    }
    const open = this.position;
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw this.error(`parentheses nested deeper than ${MAX_FILTER_DEPTH} at ${open}`);
    }
    this.position++;
    const node = this.parseOr();
    if (this.char() !== ')') {
      throw this.error(
        `expected ";", "," or ")" at ${this.position} to close "(" at ${open}, found ${this.describeChar()}`,
      );
    }
    this.position++;
    this.depth--;
    this.skipWhitespace();
    return node;
  }

  private parseComparison(): ComparisonNode<Row> {
    const field = this.readField();
    const operator = this.readOperator(field);
    const value = this.readValue(field, operator);
    return { type: 'comparison', field, operator, value };
  }

  private readField(): QueryField<Row> {
    const start = this.position;
    while (!this.atEnd() && !isDelimiter(this.char()) && !isWhitespace(this.char())) {
      this.position++;
    }
    if (this.position === start) {
      throw this.error(`expected a field name or "(" at ${start}, found ${this.describeChar()}`);
    }
    return resolveField(this.text.slice(start, this.position), start, this.fields);
  }

  private readOperator(field: QueryField<Row>): ComparisonOperator {
    this.skipWhitespace();
    const start = this.position;
    while (!this.atEnd() && isOperatorChar(this.char())) this.position++;
    const operator = this.text.slice(start, this.position);
    if (operator === '') {
      throw this.error(
        `expected an operator (${OPERATOR_LIST}) after ${field.name} at ${start}, found ${this.describeChar()}`,
      );
    }
    if (!OPERATORS.has(operator)) {
      this.position = start;
      throw this.error(
        `unknown operator ${JSON.stringify(operator)} at ${start}; expected one of ${OPERATOR_LIST}`,
      );
    }
    return operator as ComparisonOperator;
  }

  private readValue(field: QueryField<Row>, operator: ComparisonOperator): FilterValue {
    this.skipWhitespace();
    const start = this.position;
    const raw = this.char() === '"' ? this.readQuotedValue() : this.readUnquotedValue(field);
    if (raw === undefined) {
      throw new FilterSyntaxError(
        `missing value for ${field.name} after "${operator}" at ${start}, found ${this.describeChar()}`,
        start,
      );
    }
    return convertValue(field, raw, start);
  }

  /** The text between double quotes, a doubled quote standing for one. */
  private readQuotedValue(): string {
    const open = this.position;
    let value = '';
    let from = open + 1;
    for (;;) {
      const quote = this.text.indexOf('"', from);
      if (quote < 0) throw this.error(`unterminated quoted value starting at ${open}`);
      if (this.text[quote + 1] === '"') {
        value += this.text.slice(from, quote + 1);
        from = quote + 2;
      } else {
        value += this.text.slice(from, quote);
        this.position = quote + 1;
        return value;
      }
    }
  }

  /** The text up to `;`, `,`, `)` or the end, whitespace dropped; undefined if there is none. */
  private readUnquotedValue(field: QueryField<Row>): string | undefined {
    let value = '';
    while (!this.atEnd()) {
      const char = this.char();
      if (char === ';' || char === ',' || char === ')') break;
      if (isDelimiter(char)) {
        throw this.error(
          `unexpected ${JSON.stringify(char)} at ${this.position} in the value of ${field.name}; quote a value that contains ( ) ; , = ! < > or "`,
        );
      }
      if (!isWhitespace(char)) value += char;
      this.position++;
    }
    return value === '' ? undefined : value;
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && isWhitespace(this.char())) this.position++;
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** The current character, or '' at the end. */
  private char(): string {
    return this.text[this.position] ?? '';
  }

  private describeChar(): string {
    return this.atEnd() ? 'the end of the filter' : JSON.stringify(this.char());
  }

  private error(message: string): FilterSyntaxError {
    return new FilterSyntaxError(message, this.position);
  }
}

/** `raw` as the field's kind has it: see FilterValue. `position` is where the value starts. */
function convertValue<Row>(field: QueryField<Row>, raw: string, position: number): FilterValue {
  const invalid = (expected: string): FilterSyntaxError =>
    new FilterSyntaxError(
      `invalid value ${JSON.stringify(raw)} for ${field.name} at ${position}; expected ${expected}`,
      position,
    );
  switch (field.kind) {
    case 'string':
      return raw;
    case 'dateTime': {
      const time = parseFilterDateTime(raw);
      if (time !== undefined && !isUtcFilterDateTime(raw))
        throw invalid(
          'a UTC date and time ending in Z, such as "2025-08-15T06:00:00Z" (EM takes only UTC), or a date',
        );
      if (time === undefined)
        throw invalid('an ISO 8601 date and time such as "2025-08-15T06:00:00Z", or a date');
      return time;
    }
    case 'number': {
      const number = Number(raw);
      if (!/^[-+]?\d+$/.test(raw) || !Number.isSafeInteger(number)) throw invalid('an integer');
      return number;
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw invalid('true or false');
    }
    case 'enum': {
      const values = field.enumValues ?? [];
      const lower = raw.toLowerCase();
      const ordinal = values.findIndex((value) => value.toLowerCase() === lower);
      if (ordinal < 0) throw invalid(`one of ${values.join(', ')}`);
      return ordinal;
    }
  }
}
