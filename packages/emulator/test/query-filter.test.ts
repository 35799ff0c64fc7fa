import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter, timeRangeOf } from '../src/query/compile-filter.js';
import type { ComparisonOperator } from '../src/query/filter-ast.js';
import { FilterSyntaxError } from '../src/query/filter-syntax-error.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from '../src/query/parse-filter.js';
import type { QueryField, QueryFieldTable } from '../src/query/query-field.js';
import { SortKeys } from '../src/query/sort-keys.js';
import { resolveSortField, sortComparator } from '../src/query/sort-rows.js';

const RESULTS = ['Success', 'Warning', 'Failed'] as const;
type Result = (typeof RESULTS)[number];

interface SessionRow {
  readonly name: string;
  readonly creationTime: number;
  readonly result: Result;
  readonly isRetry: boolean;
  readonly progress: number;
  /** Undefined while the session runs. */
  readonly endTime: number | undefined;
}

const sessionFields: readonly QueryField<SessionRow>[] = [
  { name: 'Name', kind: 'string', get: (row) => row.name },
  { name: 'CreationTime', kind: 'dateTime', get: (row) => row.creationTime },
  {
    name: 'Result',
    kind: 'enum',
    enumValues: RESULTS,
    get: (row) => RESULTS.indexOf(row.result),
  },
  { name: 'IsRetry', kind: 'boolean', get: (row) => row.isRetry },
  { name: 'Progress', kind: 'number', get: (row) => row.progress },
  { name: 'EndTime', kind: 'dateTime', get: (row) => row.endTime },
];
const fields: QueryFieldTable<SessionRow> = new Map(
  sessionFields.map((field) => [field.name.toLowerCase(), field]),
);

const time = (iso: string): number => Date.parse(iso);
const row = (overrides: Partial<SessionRow> = {}): SessionRow => ({
  name: 'Backup Job',
  creationTime: time('2025-08-15T06:00:00Z'),
  result: 'Success',
  isRetry: false,
  progress: 100,
  endTime: time('2025-08-15T06:30:00Z'),
  ...overrides,
});

const matches = (filter: string, candidate: SessionRow): boolean =>
  compileFilter(parseFilter(filter, fields))(candidate);

/** The FilterSyntaxError that parsing `filter` throws. */
function syntaxError(filter: string): FilterSyntaxError {
  try {
    parseFilter(filter, fields);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(filter)} not to parse`);
}

describe('timeRangeOf: an OR whose branches cover everything is unbounded', () => {
  it('does not narrow again after the union became unbounded (fast-check counterexample)', () => {
    const filter = parseFilter(
      'CreationTime>"2025-08-15T00:00:00Z";Result==Success,CreationTime<="2025-08-15T00:00:00Z",CreationTime=="2025-08-15T00:00:00Z"',
      fields,
    );
    expect(timeRangeOf(filter, 'CreationTime')).toBeUndefined();
  });
});

describe('parseFilter and compileFilter: comparisons', () => {
  it.each([
    ['Name=="Backup Job"', true],
    ['Name=="backup job"', true],
    ['Name!="Backup Job"', false],
    ['Name!="Other"', true],
    ['Name<"Backup Jobs"', true],
    ['Name<="BACKUP JOB"', true],
    ['Name>"backup"', true],
    ['Name>="Backup Joc"', false],
  ])('strings: %s is %s', (filter, expected) => {
    expect(matches(filter, row())).toBe(expected);
  });

  it('compares strings case-insensitively by their lower-cased text, outside ASCII too', () => {
    expect(matches('Name=="ÉTÉ"', row({ name: 'été' }))).toBe(true);
    expect(matches('Name<"b"', row({ name: 'Á' }))).toBe('á' < 'b');
    expect(matches('Name>"Z"', row({ name: '_' }))).toBe('_' > 'z');
  });

  it.each([
    ['CreationTime=="2025-08-15T06:00:00Z"', true],
    ['CreationTime!="2025-08-15T06:00:00Z"', false],
    ['CreationTime<"2025-08-15T06:00:00.001Z"', true],
    ['CreationTime<="2025-08-15T06:00:00Z"', true],
    ['CreationTime>"2025-08-15T06:00:00Z"', false],
    ['CreationTime>="2025-08-15T06:00:00Z"', true],
  ])('dates: %s is %s', (filter, expected) => {
    expect(matches(filter, row())).toBe(expected);
  });

  it('reads dates unquoted, with 0 to 7 fraction digits, in UTC only', () => {
    const at = row({ creationTime: time('2025-08-15T06:00:00.123Z') });
    expect(matches('CreationTime==2025-08-15T06:00:00.123Z', at)).toBe(true);
    expect(matches('CreationTime=="2025-08-15T06:00:00.1230000Z"', at)).toBe(true);
    expect(matches('CreationTime=="2025-08-15T06:00:00.5Z"', row())).toBe(false);
    // EM's docs: "The parameter accepts only UTC-formatted DateTime values".
    for (const value of [
      '"2025-08-15T08:00:00.123+02:00"',
      '2025-08-15T01:30:00.123-04:30',
      '"2025-08-15T06:00:00+00:00"',
      '"2025-08-15T06:00:00"',
    ])
      expect(() => matches(`CreationTime==${value}`, at), value).toThrow(
        `invalid value ${JSON.stringify(value.replaceAll('"', ''))} for CreationTime at 14; expected a UTC date and time ending in Z`,
      );
  });

  it('reads a date alone as midnight UTC, as in the docs\' CreationTimeUTC>="2025-06-15" sample', () => {
    expect(matches('CreationTime>="2025-08-15";CreationTime<"2025-08-16"', row())).toBe(true);
    expect(
      matches('CreationTime==2025-08-15', row({ creationTime: time('2025-08-15T00:00:00Z') })),
    ).toBe(true);
    expect(
      matches('CreationTime>"2025-08-15"', row({ creationTime: time('2025-08-15T00:00:00Z') })),
    ).toBe(false);
  });

  it.each([
    ['Result==Success', 'Success', true],
    ['Result==success', 'Success', true],
    ['Result!=SUCCESS', 'Warning', true],
    ['Result>Success', 'Success', false],
    ['Result>Success', 'Warning', true],
    ['Result>Success', 'Failed', true],
    ['Result>=Warning', 'Success', false],
    ['Result<Failed', 'Warning', true],
    ['Result<=warning', 'Failed', false],
    ['Result=="Failed"', 'Failed', true],
  ] as const)('enums by ordinal: %s on %s is %s', (filter, result, expected) => {
    expect(matches(filter, row({ result }))).toBe(expected);
  });

  it.each([
    ['IsRetry==true', true, true],
    ['IsRetry==TRUE', false, false],
    ['IsRetry==False', false, true],
    ['IsRetry!=true', false, true],
    ['IsRetry<true', false, true],
    ['IsRetry>false', true, true],
    ['IsRetry<=false', true, false],
    ['IsRetry>=true', true, true],
  ] as const)('booleans: %s on %s is %s', (filter, isRetry, expected) => {
    expect(matches(filter, row({ isRetry }))).toBe(expected);
  });

  it.each([
    ['Progress==50', true],
    ['Progress!=50', false],
    ['Progress<51', true],
    ['Progress<=49', false],
    ['Progress>-1', true],
    ['Progress>=+50', true],
    ['Progress=="50"', true],
  ])('numbers: %s is %s', (filter, expected) => {
    expect(matches(filter, row({ progress: 50 }))).toBe(expected);
  });

  it('matches a row without a value only with !=', () => {
    const running = row({ endTime: undefined });
    expect(matches('EndTime!="2025-08-15T06:30:00Z"', running)).toBe(true);
    for (const operator of ['==', '<', '<=', '>', '>=']) {
      expect(matches(`EndTime${operator}"2025-08-15T06:30:00Z"`, running)).toBe(false);
    }
  });

  it('resolves field names case-insensitively and types the value at parse time', () => {
    expect(parseFilter('creationTIME>=2025-08-15T06:00:00Z', fields)).toEqual({
      type: 'comparison',
      field: fields.get('creationtime'),
      operator: '>=',
      value: time('2025-08-15T06:00:00Z'),
    });
    expect(parseFilter('result==WARNING', fields)).toMatchObject({ value: 1 });
    expect(parseFilter('isretry==True', fields)).toMatchObject({ value: true });
    expect(parseFilter('NAME==x', fields)).toMatchObject({ value: 'x' });
  });
});

describe('parseFilter: values', () => {
  it('undoes doubled quotes and keeps quoted spaces and delimiters', () => {
    expect(parseFilter('Name=="He said ""hi"""', fields)).toMatchObject({ value: 'He said "hi"' });
    expect(parseFilter('Name==""""', fields)).toMatchObject({ value: '"' });
    expect(parseFilter('Name==""', fields)).toMatchObject({ value: '' });
    expect(parseFilter('Name==" a;b,(c)==d "', fields)).toMatchObject({ value: ' a;b,(c)==d ' });
  });

  it('drops whitespace inside unquoted values, as EM does', () => {
    expect(parseFilter('Name==Backup Job', fields)).toMatchObject({ value: 'BackupJob' });
    expect(parseFilter('Name==  Backup  Job  ;Progress==1', fields)).toMatchObject({
      operands: [{ value: 'BackupJob' }, { value: 1 }],
    });
    expect(matches('Name==Backup Job', row({ name: 'backupjob' }))).toBe(true);
    expect(matches('Name==Backup Job', row({ name: 'Backup Job' }))).toBe(false);
  });

  it('allows whitespace around fields, operators, quoted values and parentheses', () => {
    expect(matches(' ( Name  ==  "Backup Job" ; Progress >= 100 ) , IsRetry == true ', row())).toBe(
      true,
    );
  });
});

describe('parseFilter: AND, OR and parentheses', () => {
  const warning = row({ result: 'Warning', progress: 10 });

  it('binds ; tighter than ,', () => {
    // Progress==10 , (Result==Success ; IsRetry==true)
    expect(matches('Progress==10,Result==Success;IsRetry==true', warning)).toBe(true);
    expect(matches('Result==Success;IsRetry==true,Progress==10', warning)).toBe(true);
    expect(matches('Result==Success;IsRetry==true,Progress==11', warning)).toBe(false);
    expect(parseFilter('Name==a,Name==b;Name==c', fields)).toMatchObject({
      type: 'or',
      operands: [{ type: 'comparison' }, { type: 'and', operands: [{}, {}] }],
    });
  });

  it('lets parentheses override precedence', () => {
    expect(matches('(Progress==10,Result==Success);IsRetry==true', warning)).toBe(false);
    expect(matches('(Progress==10,Result==Success);IsRetry==false', warning)).toBe(true);
    expect(matches('Result==Success;(IsRetry==true,Progress==10)', warning)).toBe(false);
  });

  it('accepts the whole expression wrapped, as the server echoes it', () => {
    expect(matches('(name=="Backup Job")', row())).toBe(true);
    expect(matches('((((name=="Backup Job"))))', row())).toBe(true);
    expect(parseFilter('(Name==a)', fields)).toEqual(parseFilter('Name==a', fields));
  });

  it('keeps AND and OR operands in order, with no single-operand nodes', () => {
    expect(parseFilter('Name==a;Name==b;Name==c', fields)).toMatchObject({
      type: 'and',
      operands: [{ value: 'a' }, { value: 'b' }, { value: 'c' }],
    });
    expect(parseFilter('Name==a,(Name==b)', fields)).toMatchObject({
      type: 'or',
      operands: [{ value: 'a' }, { type: 'comparison', value: 'b' }],
    });
  });
});

describe('parseFilter: errors', () => {
  it.each([
    ['', 0, 'empty filter at 0'],
    ['   ', 0, 'empty filter at 0'],
    [
      'Nmae=="x"',
      0,
      'unknown field "Nmae" at 0; known fields: Name, CreationTime, Result, IsRetry, Progress, EndTime',
    ],
    ['Name==a;Bogus==1', 8, 'unknown field "Bogus" at 8'],
    ['Creation Time==x', 0, 'unknown field "Creation" at 0'],
    ['==x', 0, 'expected a field name or "(" at 0, found "="'],
    ['()', 1, 'expected a field name or "(" at 1, found ")"'],
    ['Name==a;', 8, 'expected a field name or "(" at 8, found the end of the filter'],
    ['Name==a,,Name==b', 8, 'expected a field name or "(" at 8, found ","'],
    [
      'Name',
      4,
      'expected an operator (== != < <= > >=) after Name at 4, found the end of the filter',
    ],
    ['Name x', 5, 'expected an operator (== != < <= > >=) after Name at 5, found "x"'],
    ['Name=x', 4, 'unknown operator "=" at 4; expected one of == != < <= > >='],
    ['Name===x', 4, 'unknown operator "===" at 4'],
    ['Name<>x', 4, 'unknown operator "<>" at 4'],
    ['Name=!x', 4, 'unknown operator "=!" at 4'],
    ['Name==', 6, 'missing value for Name after "==" at 6, found the end of the filter'],
    ['Name== ;Progress==1', 7, 'missing value for Name after "==" at 7, found ";"'],
    ['(Name==)', 7, 'missing value for Name after "==" at 7, found ")"'],
    ['Name=="abc', 6, 'unterminated quoted value starting at 6'],
    ['Name=="ab""', 6, 'unterminated quoted value starting at 6'],
    ['Name==a=b', 7, 'unexpected "=" at 7 in the value of Name; quote a value'],
    ['Name==a(b)', 7, 'unexpected "(" at 7 in the value of Name'],
    ['Name==a"b"', 7, 'unexpected "\\"" at 7 in the value of Name'],
    ['Name=="a"b', 9, 'unexpected "b" at 9; expected ";" (and), "," (or) or the end of the filter'],
    ['Name==a)', 7, 'unbalanced ")" at 7: no "(" to close'],
    ['(Name==a))', 9, 'unbalanced ")" at 9'],
    ['(Name==a', 8, 'expected ";", "," or ")" at 8 to close "(" at 0, found the end of the filter'],
    ['((Name==a)', 10, 'to close "(" at 0'],
    ['(Name=="a" x)', 11, 'expected ";", "," or ")" at 11 to close "(" at 0, found "x"'],
    ['CreationTime>="yesterday"', 14, 'invalid value "yesterday" for CreationTime at 14; expected'],
    ['CreationTime>="2025-02-30T00:00:00Z"', 14, 'invalid value "2025-02-30T00:00:00Z"'],
    ['CreationTime>="2025-02-30"', 14, 'invalid value "2025-02-30" for CreationTime at 14'],
    ['CreationTime>="2025-8-15"', 14, 'invalid value "2025-8-15"'],
    ['CreationTime>="0000-01-01"', 14, 'invalid value "0000-01-01"'],
    ['CreationTime>="2025-08-15T06:00:00.12345678Z"', 14, 'for CreationTime at 14'],
    ['CreationTime>="2025-08-15 06:00:00Z"', 14, 'for CreationTime at 14'],
    ['Progress==1.5', 10, 'invalid value "1.5" for Progress at 10; expected an integer'],
    ['Progress==ten', 10, 'expected an integer'],
    ['Progress==99999999999999999999', 10, 'expected an integer'],
    ['IsRetry==yes', 9, 'invalid value "yes" for IsRetry at 9; expected true or false'],
    [
      'Result==Sucess',
      8,
      'invalid value "Sucess" for Result at 8; expected one of Success, Warning, Failed',
    ],
  ])('%j fails at %i: %s', (filter, position, message) => {
    const error = syntaxError(filter);
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect(error.name).toBe('FilterSyntaxError');
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it(`accepts ${MAX_FILTER_DEPTH} nested parentheses and refuses one more`, () => {
    const nested = (depth: number): string => `${'('.repeat(depth)}Progress==1${')'.repeat(depth)}`;
    expect(matches(nested(MAX_FILTER_DEPTH), row({ progress: 1 }))).toBe(true);
    const error = syntaxError(nested(MAX_FILTER_DEPTH + 1));
    expect(error.position).toBe(MAX_FILTER_DEPTH);
    expect(error.message).toBe(
      `parentheses nested deeper than ${MAX_FILTER_DEPTH} at ${MAX_FILTER_DEPTH}`,
    );
  });

  it('does not count sibling parentheses as nesting', () => {
    const siblings = Array.from({ length: MAX_FILTER_DEPTH * 2 }, () => '(Progress==1)').join(';');
    expect(matches(siblings, row({ progress: 1 }))).toBe(true);
  });

  it(`accepts ${MAX_FILTER_LENGTH} characters and refuses more`, () => {
    const padded = (length: number): string => `Name=="${'x'.repeat(length - 8)}"`;
    expect(padded(MAX_FILTER_LENGTH)).toHaveLength(MAX_FILTER_LENGTH);
    expect(() => parseFilter(padded(MAX_FILTER_LENGTH), fields)).not.toThrow();
    const error = syntaxError(padded(MAX_FILTER_LENGTH + 1));
    expect(error.position).toBe(MAX_FILTER_LENGTH);
    expect(error.message).toBe(
      `filter too long: ${MAX_FILTER_LENGTH + 1} characters, the limit is ${MAX_FILTER_LENGTH}`,
    );
  });

  it('handles a long flat chain without deep recursion', () => {
    const chain = Array.from({ length: 250 }, (_, i) => `Progress==${i}`).join(',');
    expect(matches(chain, row({ progress: 249 }))).toBe(true);
    expect(matches(chain, row({ progress: 250 }))).toBe(false);
  });
});

describe('timeRangeOf', () => {
  const from = '2025-08-15T06:00:00Z';
  const to = '2025-08-16T06:00:00Z';
  const rangeOf = (filter: string, field = 'CreationTime') =>
    timeRangeOf(parseFilter(filter, fields), field);

  it('takes both bounds of a top-level AND', () => {
    expect(rangeOf(`CreationTime>="${from}";CreationTime<"${to}"`)).toEqual({
      from: time(from),
      fromInclusive: true,
      to: time(to),
      toInclusive: false,
    });
    expect(rangeOf(`CreationTime>"${from}";Name==x;CreationTime<="${to}"`, 'creationtime')).toEqual(
      { from: time(from), fromInclusive: false, to: time(to), toInclusive: true },
    );
  });

  it('takes a single bound, or both from ==', () => {
    expect(rangeOf(`CreationTime>="${from}"`)).toEqual({
      from: time(from),
      fromInclusive: true,
      toInclusive: false,
    });
    expect(rangeOf(`CreationTime<"${to}"`)).toEqual({
      fromInclusive: false,
      to: time(to),
      toInclusive: false,
    });
    expect(rangeOf(`CreationTime=="${from}"`)).toEqual({
      from: time(from),
      fromInclusive: true,
      to: time(from),
      toInclusive: true,
    });
  });

  it('returns undefined when the field is not bounded', () => {
    expect(rangeOf('Name==x')).toBeUndefined();
    expect(rangeOf(`CreationTime!="${from}"`)).toBeUndefined();
    expect(rangeOf(`EndTime>="${from}"`)).toBeUndefined();
    expect(rangeOf(`CreationTime>="${from}"`, 'EndTime')).toBeUndefined();
    expect(rangeOf('Progress>=1', 'Progress')).toBeUndefined();
  });

  it('keeps the tighter bound of an AND, exclusive winning a tie', () => {
    expect(
      rangeOf(`CreationTime>="${from}";CreationTime>"${from}";CreationTime>"2025-08-01T00:00:00Z"`),
    ).toEqual({ from: time(from), fromInclusive: false, toInclusive: false });
    expect(rangeOf(`CreationTime<="${to}";CreationTime<"2025-09-01T00:00:00Z"`)).toEqual({
      fromInclusive: false,
      to: time(to),
      toInclusive: true,
    });
  });

  it('ignores an OR unless every branch bounds the field, then takes the union', () => {
    expect(rangeOf(`CreationTime>="${from}",Name==x`)).toBeUndefined();
    expect(rangeOf(`CreationTime>="${from}",CreationTime<"${to}"`)).toBeUndefined();
    expect(rangeOf(`CreationTime>="${from}";(Name==x,Progress==1)`)).toEqual({
      from: time(from),
      fromInclusive: true,
      toInclusive: false,
    });
    expect(
      rangeOf(
        `(CreationTime>="${from}";CreationTime<"${to}"),(CreationTime>"2025-08-14T00:00:00Z";CreationTime<="${to}")`,
      ),
    ).toEqual({
      from: time('2025-08-14T00:00:00Z'),
      fromInclusive: false,
      to: time(to),
      toInclusive: true,
    });
  });

  it('intersects nested ANDs', () => {
    expect(
      rangeOf(
        `(Name==x;(CreationTime>="${from}";Progress==1));(CreationTime<"${to}";IsRetry==true)`,
      ),
    ).toEqual({ from: time(from), fromInclusive: true, to: time(to), toInclusive: false });
  });
});

describe('sortComparator, SortKeys and resolveSortField', () => {
  const named = (...names: string[]): SessionRow[] => names.map((name) => row({ name }));
  const namesOf = (rows: SessionRow[]): string[] => rows.map((each) => each.name);
  /** The rows sorted by comparing values, after checking that sorting by keys agrees. */
  const sorted = (rows: SessionRow[], name: string, descending: boolean): SessionRow[] => {
    const field = resolveSortField(name, fields);
    const keys = new SortKeys(field);
    for (const each of rows) keys.add(each);
    const byKeys = Array.from(keys.order(descending), (position) => rows[position]);
    const compared = [...rows].sort(sortComparator(field, descending));
    expect(byKeys).toEqual(compared);
    return compared;
  };

  it('sorts strings case-insensitively', () => {
    const rows = named('beta', 'Alpha', 'gamma', 'ALPHB', 'Beta0');
    expect(namesOf(sorted(rows, 'name', false))).toEqual([
      'Alpha',
      'ALPHB',
      'beta',
      'Beta0',
      'gamma',
    ]);
    expect(namesOf(sorted(rows, 'NAME', true))).toEqual([
      'gamma',
      'Beta0',
      'beta',
      'ALPHB',
      'Alpha',
    ]);
  });

  it('keeps the input order of names equal but for case (the sort is stable)', () => {
    expect(namesOf(sorted(named('b', 'A', 'a', 'B'), 'Name', false))).toEqual(['A', 'a', 'b', 'B']);
  });

  it('puts rows without a value last ascending and first descending', () => {
    const ends = [time('2025-08-15T07:00:00Z'), undefined, time('2025-08-15T06:00:00Z'), undefined];
    const rows = ends.map((endTime) => row({ endTime }));
    expect(sorted(rows, 'EndTime', false).map((each) => each.endTime)).toEqual([
      time('2025-08-15T06:00:00Z'),
      time('2025-08-15T07:00:00Z'),
      undefined,
      undefined,
    ]);
    expect(sorted(rows, 'EndTime', true).map((each) => each.endTime)).toEqual([
      undefined,
      undefined,
      time('2025-08-15T07:00:00Z'),
      time('2025-08-15T06:00:00Z'),
    ]);
  });

  it('sorts enums by ordinal, booleans false first, numbers numerically', () => {
    const results = (['Failed', 'Success', 'Warning'] as const).map((result) => row({ result }));
    expect(sorted(results, 'result', false).map((each) => each.result)).toEqual([
      'Success',
      'Warning',
      'Failed',
    ]);
    const retries = [true, false, true].map((isRetry) => row({ isRetry }));
    expect(sorted(retries, 'IsRetry', false).map((each) => each.isRetry)).toEqual([
      false,
      true,
      true,
    ]);
    const progress = [10, 9, 100, -1].map((value) => row({ progress: value }));
    expect(sorted(progress, 'Progress', true).map((each) => each.progress)).toEqual([
      100, 10, 9, -1,
    ]);
    // Not integers: sorting by keys compares instead of counting digits.
    const fractions = [0.5, -2.25, 0.5, 3].map((value) => row({ progress: value }));
    expect(sorted(fractions, 'Progress', false).map((each) => each.progress)).toEqual([
      -2.25, 0.5, 0.5, 3,
    ]);
  });

  it('refuses an unknown sort field at position 0', () => {
    expect(() => resolveSortField('Nmae', fields)).toThrow(FilterSyntaxError);
    expect(() => resolveSortField('Nmae', fields)).toThrow(
      'unknown field "Nmae" at 0; known fields: Name, CreationTime, Result, IsRetry, Progress, EndTime',
    );
  });
});

describe('property: printed filters parse to predicates that agree with a reference evaluator', () => {
  /** A filter as the test builds it: values raw, before the parser converts them. */
  type ReferenceFilter =
    | { readonly type: 'and' | 'or'; readonly operands: readonly ReferenceFilter[] }
    | {
        readonly type: 'comparison';
        readonly field: keyof SessionRow;
        readonly operator: ComparisonOperator;
        readonly value: string | number | boolean;
      };

  const OPERATORS: readonly ComparisonOperator[] = ['==', '!=', '<', '<=', '>', '>='];
  const FIELD_NAMES: Readonly<Record<keyof SessionRow, string>> = {
    name: 'Name',
    creationTime: 'CreationTime',
    result: 'Result',
    isRetry: 'IsRetry',
    progress: 'Progress',
    endTime: 'EndTime',
  };
  const BASE_TIME = time('2025-08-15T00:00:00Z');

  // Rows and filters draw names from one pool so that equalities and near-misses are common.
  const nameArbitrary = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'Backup Job',
        'backup job',
        'BackupJob',
        'É',
        'é',
        'a',
        'B',
        '',
        '"',
        '""',
        'He said "hi"',
        'he said "HI"',
        'a;b',
        '(x),y',
        'x==y',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('a', 'B', 'c', ' ', '"', ';', ',', '(', ')', '=', '<', 'É', 'é'),
        maxLength: 6,
      }),
    },
  );
  const timeArbitrary = fc.integer({ min: 0, max: 10 }).map((step) => BASE_TIME + step * 1_500);
  const rowArbitrary: fc.Arbitrary<SessionRow> = fc.record({
    name: nameArbitrary,
    creationTime: timeArbitrary,
    result: fc.constantFrom(...RESULTS),
    isRetry: fc.boolean(),
    progress: fc.integer({ min: -3, max: 3 }),
    endTime: fc.option(timeArbitrary, { nil: undefined }),
  });

  const comparisonArbitrary: fc.Arbitrary<ReferenceFilter> = fc.oneof(
    ...(
      [
        ['name', nameArbitrary],
        ['creationTime', timeArbitrary],
        ['endTime', timeArbitrary],
        ['result', fc.constantFrom(...RESULTS)],
        ['isRetry', fc.boolean()],
        ['progress', fc.integer({ min: -3, max: 3 })],
      ] as const
    ).map(([field, value]) =>
      fc.record({
        type: fc.constant('comparison' as const),
        field: fc.constant(field),
        operator: fc.constantFrom(...OPERATORS),
        value: value as fc.Arbitrary<string | number | boolean>,
      }),
    ),
  );
  const { filter: filterArbitrary } = fc.letrec<{ filter: ReferenceFilter }>((tie) => ({
    filter: fc.oneof(
      { maxDepth: 4, depthSize: 'small', withCrossShrink: true },
      comparisonArbitrary,
      fc.record({
        type: fc.constantFrom('and' as const, 'or' as const),
        operands: fc.array(tie('filter'), { minLength: 2, maxLength: 4 }),
      }),
    ),
  }));

  /** Choices the printer makes: casing, quoting, spacing, redundant parentheses, date forms. */
  type PrintChoices = () => number;

  const randomCase = (text: string, choose: PrintChoices): string =>
    [...text].map((char) => (choose() % 2 ? char.toUpperCase() : char.toLowerCase())).join('');

  const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

  function printValue(filter: ReferenceFilter & { type: 'comparison' }, choose: PrintChoices) {
    const { field, value } = filter;
    if (field === 'creationTime' || field === 'endTime') {
      const iso = new Date(value as number).toISOString();
      const forms = [iso, iso.replace(/\.(\d{3})Z$/, '.$10000Z'), iso.replace('.000Z', 'Z')];
      const form = forms[choose() % forms.length] ?? iso;
      return choose() % 2 ? quote(form) : form;
    }
    if (field === 'name') {
      const text = value as string;
      const plain = /^[a-zA-ZÉé]+$/.test(text);
      if (plain && choose() % 2) {
        // Unquoted: whitespace may be sprinkled in, the parser drops it.
        return [...text].join(choose() % 2 ? ' ' : '');
      }
      return quote(text);
    }
    const text = field === 'result' ? randomCase(String(value), choose) : String(value);
    return choose() % 3 === 0 ? quote(text) : text;
  }

  function print(filter: ReferenceFilter, choose: PrintChoices): string {
    const space = (): string => (choose() % 4 === 0 ? ' ' : '');
    let text: string;
    if (filter.type === 'comparison') {
      const name = randomCase(FIELD_NAMES[filter.field], choose);
      text = `${space()}${name}${space()}${filter.operator}${space()}${printValue(filter, choose)}${space()}`;
    } else {
      const separator = filter.type === 'and' ? ';' : ',';
      text = filter.operands
        .map((operand) => {
          const printed = print(operand, choose);
          // An OR inside an AND needs parentheses; anything else gets them only sometimes.
          const needsParentheses = filter.type === 'and' && operand.type === 'or';
          return needsParentheses || choose() % 5 === 0 ? `(${printed})` : printed;
        })
        .join(separator);
    }
    return choose() % 7 === 0 ? `${space()}(${text})${space()}` : text;
  }

  function referenceMatches(filter: ReferenceFilter, candidate: SessionRow): boolean {
    if (filter.type !== 'comparison') {
      const matching = (operand: ReferenceFilter) => referenceMatches(operand, candidate);
      return filter.type === 'and'
        ? filter.operands.every(matching)
        : filter.operands.some(matching);
    }
    const actual = candidate[filter.field];
    if (actual === undefined) return filter.operator === '!=';
    let left: string | number = Number(actual);
    let right: string | number = Number(filter.value);
    if (filter.field === 'name') {
      left = String(actual).toLowerCase();
      right = String(filter.value).toLowerCase();
    } else if (filter.field === 'result') {
      left = RESULTS.indexOf(actual as Result);
      right = RESULTS.indexOf(filter.value as Result);
    }
    switch (filter.operator) {
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
    }
  }

  it('agrees on random filters and rows', () => {
    fc.assert(
      fc.property(
        filterArbitrary,
        fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        fc.array(rowArbitrary, { minLength: 1, maxLength: 20 }),
        (filter, choices, rows) => {
          let next = 0;
          const choose: PrintChoices = () => choices[next++ % choices.length] ?? 0;
          const text = print(filter, choose);
          const predicate = compileFilter(parseFilter(text, fields));
          for (const candidate of rows) {
            expect(predicate(candidate), `${text} on ${JSON.stringify(candidate)}`).toBe(
              referenceMatches(filter, candidate),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('yields ranges that contain every matching row', () => {
    fc.assert(
      fc.property(
        filterArbitrary,
        fc.array(rowArbitrary, { minLength: 1, maxLength: 20 }),
        (filter, rows) => {
          const node = parseFilter(
            print(filter, () => 0),
            fields,
          );
          const range = timeRangeOf(node, 'CreationTime');
          const predicate = compileFilter(node);
          for (const candidate of rows.filter(predicate)) {
            const at = candidate.creationTime;
            if (range?.from !== undefined) {
              expect(range.fromInclusive ? at >= range.from : at > range.from).toBe(true);
            }
            if (range?.to !== undefined) {
              expect(range.toInclusive ? at <= range.to : at < range.to).toBe(true);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
