import { backupServerLinkNameOf } from './backup-server-link.js';
import { describeValue, isPromiseLike } from './describe-value.js';
import { optionKeys } from './options-object.js';
import { ReportError } from './report-error.js';
import type { ReportInput, ReportJobSession } from './report-input.js';
import { unknownKeyProblem } from './unknown-key.js';

/**
 * A field a report reads, what it must be, the test of that, and how to read it when it is no
 * property of the item itself.
 */
type FieldCheck = readonly [
  field: string,
  expected: string,
  isValid: (value: unknown) => boolean,
  read?: (item: Record<string, unknown>) => unknown,
];

const isString = (value: unknown): boolean => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
// What the session loop needs of a Date, so that one from another realm passes too.
const isDate = (value: unknown): boolean =>
  typeof (value as { getTime?: unknown } | null | undefined)?.getTime === 'function';
const isArrayOfObjects = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null);
const isOptional =
  (isValid: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || isValid(value);
const isNullable =
  (isValid: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === null || isOptional(isValid)(value);
// A null Name reads as none, as it always has.
const isServerName = isNullable(isString);
const serverNameOf = (session: Record<string, unknown>): unknown =>
  isArrayOfObjects(session.Links)
    ? backupServerLinkNameOf(session as { Links: ReportJobSession['Links'] })
    : undefined;

/** The fields of each input list whose wrong type can make a report throw as it reads them. */
const FIELD_CHECKS = {
  sessions: [
    ['UID', 'a string', isString],
    ['JobUid', 'a string', isString],
    ['JobName', 'a string', isString],
    ['JobType', 'a string', isString],
    ['CreationTimeUTC', 'a Date', isDate],
    ['EndTimeUTC', 'a Date or undefined', isOptional(isDate)],
    // EM's JSON writes null for no message, as for a server link's Name.
    ['FailureMessage', 'a string, null or undefined', isNullable(isString)],
    ['Links', 'an array of objects', isArrayOfObjects],
    [
      'the Name of its backup server link',
      'a string, null or undefined',
      isServerName,
      serverNameOf,
    ],
  ],
  taskSessions: [
    ['UID', 'a string', isString],
    ['VmDisplayName', 'a string or undefined', isOptional(isString)],
    ['JobSessionUid', 'a string', isString],
    ['CreationTimeUTC', 'a Date', isDate],
    ['EndTimeUTC', 'a Date or undefined', isOptional(isDate)],
    ['Reason', 'a string', isString],
  ],
  jobs: [
    ['UID', 'a string', isString],
    ['Name', 'a string', isString],
    ['JobType', 'a string or undefined', isOptional(isString)],
    // Null reads as no schedule known, as undefined does.
    ['ScheduleEnabled', 'a boolean, null or undefined', isNullable(isBoolean)],
    ['Links', 'an array of objects or undefined', isOptional(isArrayOfObjects)],
    [
      'the Name of its backup server link',
      'a string, null or undefined',
      isServerName,
      serverNameOf,
    ],
  ],
} as const satisfies Record<string, readonly FieldCheck[]>;

export type InputList = keyof typeof FIELD_CHECKS;

/**
 * Throws when `item[field]` fails its check in FIELD_CHECKS: for a field whose wrong type would
 * not make a report throw as it reads it (a string 'false' read as a flag), so that the check
 * lives in the table alone and `invalidItemError` then names the item and the field.
 */
export function assertFieldValid<L extends InputList>(
  list: L,
  field: (typeof FIELD_CHECKS)[L][number][0],
  item: object,
): void {
  const check = (FIELD_CHECKS[list] as readonly FieldCheck[]).find(([name]) => name === field);
  if (check === undefined) throw new Error(`no check of ${field} in ${list}`);
  const [, expected, isValid] = check;
  if (!isValid((item as Record<string, unknown>)[field])) {
    throw new TypeError(`${field} is not ${expected}`);
  }
}

const ITEM_NAMES: Readonly<Record<InputList, string>> = {
  sessions: 'job session',
  taskSessions: 'task session',
  jobs: 'job',
};

/**
 * A ReportError `invalid-input` naming what is wrong with the item at `index` of `input[list]`
 * (a JavaScript caller's, outside the TypeScript types): every field of it a report reads that has
 * the wrong type, or the item itself when it is no object. Undefined when nothing is, so that the
 * caller can rethrow the error it had.
 */
export function invalidItemError(
  list: InputList,
  item: unknown,
  index: number,
): ReportError | undefined {
  const where = `input.${list}[${index}]`;
  if (typeof item !== 'object' || item === null) {
    return new ReportError(
      'invalid-input',
      `${where} is ${describeValue(item)}, not a ${ITEM_NAMES[list]}`,
    );
  }
  const fields = item as Record<string, unknown>;
  const problems = (FIELD_CHECKS[list] as readonly FieldCheck[]).flatMap(
    ([field, expected, isValid, read]) => {
      const value = read === undefined ? fields[field] : read(fields);
      return isValid(value) ? [] : [`${field} is ${describeValue(value)}, not ${expected}`];
    },
  );
  if (problems.length === 0) return undefined;
  const uid = typeof fields.UID === 'string' ? ` ${fields.UID}` : '';
  return new ReportError(
    'invalid-input',
    `${ITEM_NAMES[list]}${uid} (${where}): ${problems.join('; ')}`,
  );
}

const LIST_ITEMS: Readonly<Record<InputList, string>> = {
  sessions: 'job sessions',
  taskSessions: 'task sessions',
  jobs: 'jobs',
};

/** Every part of ReportInput: any other is refused (a misspelled `taskSessions` would drop the VMs). */
const INPUT_KEYS = optionKeys<ReportInput>({
  sessions: true,
  taskSessions: true,
  jobs: true,
  source: true,
  failedSources: true,
  sourcesWithoutVms: true,
});

/** A list of the input in words, with what to do when it is a promise: await it. */
const describeList = (value: unknown): string =>
  isPromiseLike(value) ? 'a promise (await it, or pass the array)' : describeValue(value);

const isSource = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function');

/** The input's lists of sources with why each is listed: `{ name, error }` of strings. */
type SourceList = 'failedSources' | 'sourcesWithoutVms';

/**
 * The problem with a JavaScript caller's source at `index` of `input[list]`, if any. An `error`
 * must be the text to publish: an Error is refused, not read, as its message may hold what the
 * caller would not publish (Node's fetch names a URL with its credentials); @vbem/client's are
 * scrubbed, others need not be.
 */
function sourceProblem(list: SourceList, source: unknown, index: number): string | undefined {
  const where = `input.${list}[${index}]`;
  if (typeof source !== 'object' || source === null) {
    return `${where} is ${describeValue(source)}, not a { name, error } of strings`;
  }
  const { name, error, source: of } = source as Record<string, unknown>;
  if (typeof name !== 'string') return `${where}: name is ${describeValue(name)}, not a string`;
  // A failed source may name the source it is a part of; '' and null are none.
  if (list === 'failedSources' && of !== undefined && of !== null && typeof of !== 'string') {
    return `${where} (${JSON.stringify(name)}): source is ${describeValue(of)}, not a string, null or undefined`;
  }
  if (typeof error === 'string') return undefined;
  const hint =
    error instanceof Error
      ? ': give the text to publish, such as its message once free of secrets'
      : '';
  return `${where} (${JSON.stringify(name)}): error is ${describeValue(error)}, not a string${hint}`;
}

/**
 * Throws ReportError `invalid-input` when a JavaScript caller's input is no object, holds a key
 * ReportInput does not (a misspelled part would be ignored without a word), one of its lists no Iterable or AsyncIterable, its source no string, or its failed sources or sources without
 * VMs no array of `{ name, error }` strings: before any list is read, so that a bad `jobs` does not fail only
 * after a crawl of every session, and a bad value does not reach a renderer.
 */
export function checkReportInput(input: unknown): void {
  if (typeof input !== 'object' || input === null) {
    throw new ReportError(
      'invalid-input',
      `input is ${describeValue(input)}, not an object with sessions`,
    );
  }
  const problem = unknownKeyProblem(
    input,
    INPUT_KEYS,
    { one: 'a part of the input', many: 'parts of the input' },
    'its parts',
    'input.',
  );
  if (problem !== undefined) throw new ReportError('invalid-input', problem);
  const lists = input as Record<string, unknown>;
  for (const list of ['sessions', 'taskSessions', 'jobs'] as const) {
    const value = lists[list];
    if (list !== 'sessions' && value === undefined) continue;
    if (!isSource(value)) {
      throw new ReportError(
        'invalid-input',
        `input.${list} is ${describeList(value)}, not an Iterable or AsyncIterable of ${LIST_ITEMS[list]}`,
      );
    }
  }
  const { source } = lists;
  // null is none, as '' is: the report's source is null then.
  if (source !== undefined && source !== null && typeof source !== 'string') {
    throw new ReportError(
      'invalid-input',
      `input.source is ${describeValue(source)}, not a string, null or undefined`,
    );
  }
  for (const list of ['failedSources', 'sourcesWithoutVms'] as const) {
    const sources = lists[list];
    if (sources === undefined) continue;
    if (!Array.isArray(sources)) {
      throw new ReportError(
        'invalid-input',
        `input.${list} is ${describeList(sources)}, not an array of { name, error }`,
      );
    }
    sources.forEach((listed: unknown, index) => {
      const problem = sourceProblem(list, listed, index);
      if (problem !== undefined) throw new ReportError('invalid-input', problem);
    });
  }
}
