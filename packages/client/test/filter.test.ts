import { enumTypeDescriptors, parseEmDateTime, VbemError } from '@vbem/model';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Dataset } from '../../emulator/src/dataset/dataset.js';
import { generateDataset } from '../../emulator/src/dataset/generate-dataset.js';
import { compileFilter } from '../../emulator/src/query/compile-filter.js';
import type { FilterNode } from '../../emulator/src/query/filter-ast.js';
import { FilterSyntaxError } from '../../emulator/src/query/filter-syntax-error.js';
import { MAX_FILTER_LENGTH, parseFilter } from '../../emulator/src/query/parse-filter.js';
import type { QueryFieldTable } from '../../emulator/src/query/query-field.js';
import {
  backupServerFields,
  jobFields,
  jobSessionFields,
  restoreSessionFields,
  taskSessionFields,
} from '../../emulator/src/query/query-types.js';
import { emDate } from '../../emulator/src/representation/em-time.js';
import { ClientOptionsError } from '../src/errors/client-options-error.js';
import {
  anyOf,
  type Filter,
  FilterError,
  type FilterOperator,
  where,
} from '../src/query/filter.js';
import { QUERY_FIELD_KINDS, QUERY_FIELDS, type QueryTypeName } from '../src/query/query-fields.js';

const date = new Date('2025-08-15T06:00:00Z');

/** Names that need every quoting rule, distinct even ignoring case (EM compares strings so). */
const HOSTILE_NAMES = [
  'Fileserver "Prod" Backup',
  '"',
  '""',
  'trailing "',
  '',
  ' padded ',
  'a;b',
  'a,b',
  '(paren)',
  'x)',
  'Name==x',
  'a!=b',
  '<tag>=>',
  'C:\\Backups\\',
  '\\"',
  'Sauvegarde été',
  '日本語のジョブ',
  '😀 emoji',
  'all of ; , ( ) = ! < > " at once',
  '(Result==Failed,Result==Warning);IsRetry==true',
];

/** The FilterError that `build` throws. */
function filterError(build: () => unknown): FilterError {
  try {
    build();
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error('expected a FilterError');
}

describe('where: one comparison', () => {
  it('writes the example from the issue', () => {
    expect(String(where('Result', '==', 'Failed').and('CreationTime', '>=', date))).toBe(
      'Result==Failed;CreationTime>="2025-08-15T06:00:00Z"',
    );
  });

  it.each<FilterOperator>(['==', '!=', '>', '<', '>=', '<='])('writes the %s operator', (op) => {
    expect(where('Result', op, 'Warning').toString()).toBe(`Result${op}Warning`);
  });

  it('writes enums, booleans and numbers bare', () => {
    expect(where('JobType', '==', 'BackupCopy').toString()).toBe('JobType==BackupCopy');
    expect(where('State', '!=', 'Stopped').toString()).toBe('State!=Stopped');
    expect(where('IsRetry', '==', true).toString()).toBe('IsRetry==true');
    expect(where('ScheduleEnabled', '==', false).toString()).toBe('ScheduleEnabled==false');
    expect(where('TotalSize', '>', 0).toString()).toBe('TotalSize>0');
    expect(where('TotalSize', '>=', -0).toString()).toBe('TotalSize>=0');
    expect(where('TotalSize', '<', Number.MAX_SAFE_INTEGER).toString()).toBe(
      'TotalSize<9007199254740991',
    );
    expect(where('Port', '==', -1).toString()).toBe('Port==-1');
  });

  it('writes dates in UTC, quoted, with milliseconds only when there are some', () => {
    const at = (iso: string) => where('CreationTime', '>=', new Date(iso)).toString();
    expect(at('2025-08-15T08:00:00+02:00')).toBe('CreationTime>="2025-08-15T06:00:00Z"');
    expect(at('2025-08-15T06:00:00.5Z')).toBe('CreationTime>="2025-08-15T06:00:00.5Z"');
    expect(at('2025-08-15T06:00:00.120Z')).toBe('CreationTime>="2025-08-15T06:00:00.12Z"');
    expect(at('2025-08-15T06:00:00.007Z')).toBe('CreationTime>="2025-08-15T06:00:00.007Z"');
    expect(at('0001-01-01T00:00:00Z')).toBe('CreationTime>="0001-01-01T00:00:00Z"');
  });

  it('writes the digits past the millisecond that a Date read from EM carries', () => {
    const created = parseEmDateTime('2026-06-16T06:33:10.659559Z') as Date;
    expect(where('CreationTime', '>', created).toString()).toBe(
      'CreationTime>"2026-06-16T06:33:10.659559Z"',
    );
  });

  it('quotes every string, doubling the quotes in it', () => {
    const name = (value: string) => where('Name', '==', value).toString();
    expect(name('Fileserver "Prod" Backup')).toBe('Name=="Fileserver ""Prod"" Backup"');
    expect(name('Backup')).toBe('Name=="Backup"');
    expect(name('')).toBe('Name==""');
    expect(name('"')).toBe('Name==""""');
    expect(name('a;b,c')).toBe('Name=="a;b,c"');
    expect(name('(x)==<y>!')).toBe('Name=="(x)==<y>!"');
    expect(name('C:\\Backups\\')).toBe('Name=="C:\\Backups\\"');
    expect(name(' padded ')).toBe('Name==" padded "');
    expect(name('Sauvegarde été 😀')).toBe('Name=="Sauvegarde été 😀"');
  });

  it('types the value by the field and the query type', () => {
    expectTypeOf(where('Result', '==', 'Failed')).toEqualTypeOf<Filter<QueryTypeName>>();
    expectTypeOf(where<'Job'>('Platform', '==', 'VMware')).toEqualTypeOf<Filter<'Job'>>();
    // The query type comes from the type argument, or from where the filter goes.
    const typed = where<'BackupTaskSession'>('Reason', '!=', '').and('TotalSize', '>', 0);
    expectTypeOf(typed).toEqualTypeOf<Filter<'BackupTaskSession'>>();
    const inferred: Filter<'Job'> = where('ScheduleEnabled', '==', true);
    expect(`${typed} ${inferred}`).toBe('Reason!="";TotalSize>0 ScheduleEnabled==true');

    // Compiled, never run: each line is a type error the builder must report.
    const typeErrors = () => [
      // @ts-expect-error Reason is a task session field, not a job session one
      where<'BackupJobSession'>('Reason', '==', 'x'),
      // @ts-expect-error no query type has this field
      where('Bogus', '==', 'x'),
      // @ts-expect-error CreationTime takes a Date
      where('CreationTime', '>=', '2025-08-15T06:00:00Z'),
      // @ts-expect-error IsRetry takes a boolean
      where('IsRetry', '==', 'true'),
      // @ts-expect-error TotalSize takes a number
      where('TotalSize', '>', 5n),
      // @ts-expect-error not an operator
      where('Result', '=', 'Failed'),
      // @ts-expect-error Result is not a field of Job
      where<'Job'>('JobType', '==', 'Backup').and('Result', '==', 'Failed'),
      // @ts-expect-error a filter over another query type
      where<'Job'>('Name', '==', 'x').and(where<'BackupServer'>('Name', '==', 'y')),
      // @ts-expect-error inferred from where it goes: Job has no IsRetry
      ((filter: Filter<'Job'>) => filter)(where('IsRetry', '==', true)),
      // @ts-expect-error anyOf checks its values too
      anyOf('Result', [1, 2]),
    ];
    expect(typeErrors).toBeTypeOf('function');
  });
});

describe('and, or: every group inside another in parentheses, as EM documents them', () => {
  const [a, b, c, d, x] = ['A', 'B', 'C', 'D', 'X'].map((name) => where('Name', '==', name)) as [
    Filter,
    Filter,
    Filter,
    Filter,
    Filter,
  ];

  /** The expected text, with each letter standing for its comparison. */
  const text = (letters: string) => letters.replace(/[A-DX]/g, 'Name=="$&"');

  it.each([
    ['(A,B);C', () => a.or(b).and(c)],
    ['(A;B),C', () => a.and(b).or(c)],
    ['A,(B;C)', () => a.or(b.and(c))],
    ['A;(B,C)', () => a.and(b.or(c))],
    ['A;B;C', () => a.and(b).and(c)],
    ['A;B;C', () => a.and(b.and(c))],
    ['A,B,C,D', () => a.or(b).or(c.or(d))],
    ['(A,B);(C,D)', () => a.or(b).and(c.or(d))],
    ['((A,B);C),D', () => a.or(b).and(c).or(d)],
    ['X;(((A,B);C),D)', () => x.and(a.or(b).and(c).or(d))],
    ['(A;B),(C;D)', () => a.and(b).or(c.and(d))],
  ])('writes %s', (letters, build) => {
    expect(build().toString()).toBe(text(letters));
  });

  it('takes a comparison or a filter', () => {
    expect(a.and('IsRetry', '==', false).or('Result', '>', 'Success').toString()).toBe(
      '(Name=="A";IsRetry==false),Result>Success',
    );
    expect(a.or('Result', '>', 'Success').and('IsRetry', '==', false).toString()).toBe(
      '(Name=="A",Result>Success);IsRetry==false',
    );
  });

  it('never changes a filter: and and or return new ones', () => {
    const base = where('Result', '==', 'Failed');
    const retried = base.and('IsRetry', '==', true);
    const either = base.or('Result', '==', 'Warning');
    expect(base.toString()).toBe('Result==Failed');
    expect(retried.toString()).toBe('Result==Failed;IsRetry==true');
    expect(either.toString()).toBe('Result==Failed,Result==Warning');
    expect(either.and(retried).toString()).toBe(
      '(Result==Failed,Result==Warning);Result==Failed;IsRetry==true',
    );
    expect(either.toString()).toBe('Result==Failed,Result==Warning');
    expect(a.and(a).toString()).toBe('Name=="A";Name=="A"');
    expect(`${base}`).toBe('Result==Failed');
  });
});

describe('anyOf', () => {
  it('ORs the values, grouped when ANDed', () => {
    expect(anyOf('Result', ['Failed', 'Warning']).toString()).toBe(
      'Result==Failed,Result==Warning',
    );
    expect(anyOf('Result', ['Failed', 'Warning']).and('IsRetry', '==', false).toString()).toBe(
      '(Result==Failed,Result==Warning);IsRetry==false',
    );
    expect(
      where('IsRetry', '==', false)
        .and(anyOf('Name', ['a "b"', 'c']))
        .toString(),
    ).toBe('IsRetry==false;(Name=="a ""b""",Name=="c")');
  });

  it('is one comparison for one value', () => {
    expect(anyOf('Result', ['Failed']).and('IsRetry', '==', true).toString()).toBe(
      'Result==Failed;IsRetry==true',
    );
  });

  it('rejects an empty list', () => {
    const error = filterError(() => anyOf('Result', []));
    expect(error.message).toContain('Result');
    expect(error.field).toBe('Result');
  });
});

describe('FilterError: bad input from untyped callers', () => {
  /** Calls the builder as untyped JavaScript (the CLI) does. */
  const untyped = (field: unknown, op: unknown, value: unknown) =>
    filterError(() => where(field as 'Name', op as FilterOperator, value as string));

  it('is a ClientOptionsError (so a VbemError) with its name, the field and the value', () => {
    const error = untyped('TotalSize', '>', Number.NaN);
    expect(error).toBeInstanceOf(VbemError);
    expect(error).toBeInstanceOf(ClientOptionsError);
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('FilterError');
    expect(error.field).toBe('TotalSize');
    expect(error.value).toBeNaN();
    expect(error.message).toBe('invalid value NaN for TotalSize: expected a safe integer');
  });

  it.each([
    ['TotalSize', Number.POSITIVE_INFINITY, 'Infinity'],
    ['TotalSize', 1.5, '1.5'],
    ['Port', 2 ** 53, '9007199254740992'],
    ['TotalSize', '5', '"5"'],
    ['CreationTime', new Date(Number.NaN), 'Invalid Date'],
    ['CreationTime', new Date('+010000-01-01T00:00:00Z'), '+010000-01-01'],
    ['CreationTime', new Date('-000001-01-01T00:00:00Z'), '-000001-01-01'],
    ['CreationTime', '2025-08-15T06:00:00Z', '"2025-08-15T06:00:00Z"'],
    ['CreationTime', date.getTime(), String(date.getTime())],
    ['IsRetry', 'true', '"true"'],
    ['IsRetry', 1, '1'],
    ['Name', 42, '42'],
    ['Name', date, 'Date 2025-08-15T06:00:00.000Z'],
    ['Name', null, 'null'],
    ['Name', undefined, 'undefined'],
    ['Name', ['a'], 'a list'],
    ['Result', 'Fail ed', '"Fail ed"'],
    ['Result', '"Failed"', '"\\"Failed\\""'],
    ['Result', 'Failed;IsRetry==true', '"Failed;IsRetry==true"'],
    ['Result', '', '""'],
    ['Result', 2, '2'],
    ['JobType', { value: 'Backup' }, 'an object'],
  ])('rejects %s = %j, naming both', (field, value, shown) => {
    const error = untyped(field, '==', value);
    expect(error.message).toContain(field);
    expect(error.message).toContain(shown);
    expect(error.field).toBe(field);
    expect(error.value).toBe(value);
  });

  it.each([
    ['a line\nbreak', 'U+000A at 6'],
    ['a\r\nb', 'U+000D at 1'],
    ['tab\there', 'U+0009 at 3'],
    ['nul\u0000', 'U+0000 at 3'],
    ['del\u007f', 'U+007F at 3'],
    ['c1\u0085', 'U+0085 at 2'],
    ['lone \ud800 high', 'U+D800 at 5'],
    ['lone \udc00 low', 'U+DC00 at 5'],
    ['reversed \udc00\ud800', 'U+DC00 at 9'],
  ])('rejects a string with a control character or a lone surrogate: %j', (value, where_) => {
    const error = untyped('Name', '==', value);
    expect(error.message).toContain(where_);
    expect(error.message).toContain('Name');
  });

  it('rejects an unknown field, naming the known ones', () => {
    const error = untyped('Bogus', '==', 'x');
    expect(error.message).toMatch(/^unknown filter field "Bogus"; fields are: UID, Name, /);
    expect(error.field).toBe('Bogus');
    expect(untyped('Reslut', '==', 'Failed').message).toMatch(
      /^unknown filter field "Reslut" \(did you mean Result\?\); fields are: UID, Name, /,
    );
    expect(untyped(undefined, '==', 'x').field).toBeUndefined();
  });

  it('shows a bigint as one', () => {
    expect(untyped('TotalSize', '>', 5n).message).toBe(
      'invalid value 5n for TotalSize: expected a number',
    );
  });

  it.each(['=', '=~', '<>', '', undefined, ' ==', '==='])('rejects the operator %j', (op) => {
    const error = untyped('Name', op, 'x');
    expect(error.message).toContain('unknown operator');
    expect(error.message).toContain('Name');
  });

  it('checks the operands of and, or and anyOf too', () => {
    const base = where('Name', '==', 'x');
    expect(() => base.and('Name' as never, '==', 7 as never)).toThrow(FilterError);
    expect(() => base.or('Bogus' as never, '==', 'x' as never)).toThrow(FilterError);
    expect(() => base.and('Name' as never)).toThrow(/unknown operator undefined for Name/);
    expect(() => anyOf('Result', ['Failed', 'No pe'])).toThrow(/"No pe" for Result/);
    expect(() => anyOf('Result', 'Failed' as never)).toThrow(/needs at least one value/);
  });

  it('accepts a well-formed surrogate pair and non-ASCII text', () => {
    expect(where('Name', '==', '𝄞 ☃ é').toString()).toBe('Name=="𝄞 ☃ é"');
  });
});

describe('QUERY_FIELDS: the emulator documents the same fields, with the same kinds', () => {
  const dataset = generateDataset({ now: date, jobs: 8, days: 2, seed: 3 });
  const tables: { [Type in QueryTypeName]: QueryFieldTable<never> } = {
    BackupJobSession: jobSessionFields(dataset, 13),
    ReplicaJobSession: jobSessionFields(dataset, 13),
    BackupTaskSession: taskSessionFields(dataset, 13),
    ReplicaTaskSession: taskSessionFields(dataset, 13),
    RestoreSession: restoreSessionFields(dataset, 13),
    Job: jobFields(dataset, () => dataset.now),
    BackupServer: backupServerFields(dataset),
  };

  it.each(Object.keys(tables) as QueryTypeName[])('%s', (type) => {
    const emulated = [...tables[type].values()].map(({ name, kind }) => [name, kind]);
    expect(Object.entries(QUERY_FIELD_KINDS[type])).toEqual(emulated);
    expect(QUERY_FIELDS[type]).toEqual(emulated.map(([name]) => name));
    expect(Object.isFrozen(QUERY_FIELDS[type])).toBe(true);
  });

  it('gives a field name the same kind in every query type, as the untyped where assumes', () => {
    const kinds = new Map<string, Set<string>>();
    for (const fields of Object.values(QUERY_FIELD_KINDS)) {
      for (const [name, kind] of Object.entries(fields)) {
        kinds.set(name, (kinds.get(name) ?? new Set()).add(kind));
      }
    }
    for (const [name, set] of kinds) expect([name, set.size]).toEqual([name, 1]);
  });
});

/** A dataset whose jobs and servers have the hostile names, so filters must quote them right. */
function hostileDataset(): Dataset {
  const dataset = generateDataset({ now: date, jobs: HOSTILE_NAMES.length, days: 6, seed: 11 });
  return {
    ...dataset,
    jobs: dataset.jobs.map((job, index) => ({ ...job, name: HOSTILE_NAMES[index] as string })),
    backupServers: dataset.backupServers.map((server, index) => ({
      ...server,
      description: HOSTILE_NAMES[index] as string,
    })),
  };
}

/** The rows that the emulator's parser and evaluator select with `filter`. */
function select<Type extends QueryTypeName, Row>(
  filter: Filter<Type>,
  table: QueryFieldTable<Row>,
  rows: readonly Row[],
): Row[] {
  const matches = compileFilter(parseFilter(filter.toString(), table));
  return rows.filter(matches);
}

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

describe('round trip through the emulator: built filters select what they say', () => {
  const dataset = hostileDataset();
  const jobs = range(dataset.jobs.length);
  const jobTable = jobFields(dataset, () => dataset.now);
  const sessions = dataset.jobSessions;
  const sessionRows = range(sessions.count);
  const sessionTable = jobSessionFields(dataset, 13);
  const results = enumTypeDescriptors.SessionResult.values;
  const resultOf = (row: number) => results[sessions.result[row] as number];
  const jobOf = (row: number) => dataset.jobs[sessions.jobIndex[row] as number];

  it.each(HOSTILE_NAMES.map((name, index) => [name, index]))(
    'selects the job named %j, and every other with !=',
    (name, index) => {
      expect(select(where<'Job'>('Name', '==', name), jobTable, jobs)).toEqual([index]);
      expect(select(where<'Job'>('Name', '!=', name), jobTable, jobs)).toEqual(
        jobs.filter((job) => job !== index),
      );
    },
  );

  it('selects job sessions by hostile job names, results and times', () => {
    const [first, second] = HOSTILE_NAMES;
    const filter = anyOf<'BackupJobSession'>('JobName', [first as string, second as string])
      .and('CreationTime', '>=', new Date(date.getTime() - 3 * 86_400_000))
      .or('Result', '==', 'Failed');
    const expected = sessionRows.filter(
      (row) =>
        ((jobOf(row)?.name === first || jobOf(row)?.name === second) &&
          (sessions.creationTime[row] as number) >= date.getTime() - 3 * 86_400_000) ||
        resultOf(row) === 'Failed',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(select(filter, sessionTable, sessionRows)).toEqual(expected);
  });

  it('selects backup servers by a hostile description and a port', () => {
    const table = backupServerFields(dataset);
    const servers = range(dataset.backupServers.length);
    const description = HOSTILE_NAMES[0] as string;
    const port = dataset.backupServers[0]?.port as number;
    const filter = where<'BackupServer'>('Description', '==', description).and('Port', '==', port);
    expect(select(filter, table, servers)).toEqual([0]);
  });

  it('writes every known enum value so that the emulator reads the same value', () => {
    const cases = [
      ['Result', 'SessionResult'],
      ['State', 'JobSessionState'],
      ['JobType', 'JobType'],
    ] as const;
    for (const [field, enumName] of cases) {
      enumTypeDescriptors[enumName].values.forEach((value, ordinal) => {
        const node = parseFilter(where(field, '==', value).toString(), sessionTable);
        expect(node).toMatchObject({ type: 'comparison', value: ordinal });
      });
    }
    const taskTable = taskSessionFields(dataset, 13);
    enumTypeDescriptors.TaskSessionState.values.forEach((value, ordinal) => {
      const node = parseFilter(where('State', '==', value).toString(), taskTable);
      expect(node).toMatchObject({ type: 'comparison', value: ordinal });
    });
  });

  it('keeps a builder-accepted filter that the query type lacks for the server to reject', () => {
    // The untyped where accepts any type's field; EM (and the emulator) answer 400.
    expect(() => parseFilter(where('Reason', '==', 'x').toString(), sessionTable)).toThrow(
      FilterSyntaxError,
    );
  });
});

describe('properties, checked by the emulator parser', () => {
  const dataset = hostileDataset();
  const jobTable = jobFields(dataset, () => dataset.now);

  /** The values of the comparisons of a parsed filter, in order, and its shape. */
  function parsed<Row>(node: FilterNode<Row>): unknown {
    return node.type === 'comparison'
      ? node.value
      : { [node.type]: node.operands.map((operand) => parsed(operand)) };
  }

  /** Whether EM could ever receive `value`: no control character, no unpaired surrogate. */
  const sendable = (value: string) =>
    [...value].every((char) => {
      const code = char.codePointAt(0) as number;
      return code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && !(code >= 0xd800 && code <= 0xdfff);
    });

  /** Characters that quoting must handle, and any code point EM can receive. */
  const sendableChar = fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom('"', '""', ';', ',', '(', ')', '=', '!', '<', '>') },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\\', 'é', '😀', '\u00a0', '\u2028') },
      { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    )
    .filter(sendable);
  const unsendableChar = fc
    .oneof(
      fc.integer({ min: 0, max: 0x1f }),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    )
    .map((code) => String.fromCharCode(code));
  const sendableString = fc.string({ unit: sendableChar, maxLength: 40 });
  const anyString = fc.string({
    unit: fc.oneof(
      { weight: 30, arbitrary: sendableChar },
      { weight: 1, arbitrary: unsendableChar },
    ),
    maxLength: 40,
  });

  it('any sendable string survives quoting exactly, wherever it is in the filter', () => {
    fc.assert(
      fc.property(sendableString, sendableString, sendableString, (name, description, uid) => {
        const text = where<'Job'>('Name', '==', name)
          .and('Description', '!=', description)
          .or('UID', '>=', uid)
          .toString();
        expect(text.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
        expect(() => encodeURIComponent(text)).not.toThrow();
        expect(parsed(parseFilter(text, jobTable))).toEqual({
          or: [{ and: [name, description] }, uid],
        });
      }),
      { numRuns: 500 },
    );
  });

  it('any string is either written or a FilterError, by whether EM could receive it', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        let text: string;
        try {
          text = where<'Job'>('Description', '==', value).toString();
        } catch (error) {
          expect(error).toBeInstanceOf(FilterError);
          expect(sendable(value)).toBe(false);
          return;
        }
        expect(sendable(value)).toBe(true);
        expect(parsed(parseFilter(text, jobTable))).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('any Date from year 1 to 9999 reads back as the same instant', () => {
    const table = jobSessionFields(dataset, 13);
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (value) => {
          const node = parseFilter(where('EndTime', '<', value).toString(), table);
          expect(parsed(node)).toBe(value.getTime());
        },
      ),
    );
  });

  it('any safe integer reads back as the same number', () => {
    const table = taskSessionFields(dataset, 13);
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        const node = parseFilter(where('TotalSize', '>=', value).toString(), table);
        // -0 is written 0.
        expect(parsed(node)).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('any and/or tree selects the rows its meaning selects', () => {
    const sessions = dataset.jobSessions;
    const rows = range(sessions.count);
    const table = jobSessionFields(dataset, 13);
    const results = enumTypeDescriptors.SessionResult.values;
    const resultOrdinal = (row: number) => sessions.result[row] as number;
    const times = rows.map((row) => sessions.creationTime[row] as number);
    const comparators: Record<FilterOperator, (a: number, b: number) => boolean> = {
      '==': (a, b) => a === b,
      '!=': (a, b) => a !== b,
      '>': (a, b) => a > b,
      '<': (a, b) => a < b,
      '>=': (a, b) => a >= b,
      '<=': (a, b) => a <= b,
    };
    const operator = fc.constantFrom<FilterOperator>('==', '!=', '>', '<', '>=', '<=');

    interface Built {
      readonly filter: Filter<'BackupJobSession'>;
      readonly matches: (row: number) => boolean;
    }
    const leaf: fc.Arbitrary<Built> = fc.oneof(
      fc.tuple(operator, fc.nat(results.length - 1)).map(([op, ordinal]) => ({
        filter: where<'BackupJobSession'>('Result', op, results[ordinal] as string),
        matches: (row: number) => comparators[op](resultOrdinal(row), ordinal),
      })),
      fc.tuple(operator, fc.constantFrom(...times)).map(([op, time]) => ({
        // As EM 13 writes it, to the microsecond: a Date read from it carries them.
        filter: where<'BackupJobSession'>('CreationTime', op, emDate(time, 13)),
        matches: (row: number) => comparators[op](sessions.creationTime[row] as number, time),
      })),
      fc.boolean().map((retry) => ({
        filter: where<'BackupJobSession'>('IsRetry', '==', retry),
        matches: (row: number) => (sessions.isRetry[row] === 1) === retry,
      })),
      fc.subarray([...HOSTILE_NAMES], { minLength: 1, maxLength: 3 }).map((names) => ({
        filter: anyOf<'BackupJobSession'>('JobName', names),
        matches: (row: number) =>
          names.includes(dataset.jobs[sessions.jobIndex[row] as number]?.name as string),
      })),
    );
    const tree = fc.letrec<{ node: Built; and: Built; or: Built }>((tie) => ({
      node: fc.oneof({ maxDepth: 5, depthIdentifier: 'tree' }, leaf, tie('and'), tie('or')),
      and: fc.tuple(tie('node'), tie('node')).map(([left, right]) => ({
        filter: left.filter.and(right.filter),
        matches: (row: number) => left.matches(row) && right.matches(row),
      })),
      or: fc.tuple(tie('node'), tie('node')).map(([left, right]) => ({
        filter: left.filter.or(right.filter),
        matches: (row: number) => left.matches(row) || right.matches(row),
      })),
    })).node;

    fc.assert(
      fc.property(tree, ({ filter, matches }) => {
        expect(select(filter, table, rows)).toEqual(rows.filter(matches));
      }),
      { numRuns: 300 },
    );
  });
});
