import { describeValue } from './describe-value.js';
import { ReportError } from './report-error.js';

/** A field a report reads, what it must be, and the test of that. */
type FieldCheck = readonly [field: string, expected: string, isValid: (value: unknown) => boolean];

const isString = (value: unknown): boolean => typeof value === 'string';
// What the session loop needs of a Date, so that one from another realm passes too.
const isDate = (value: unknown): boolean =>
  typeof (value as { getTime?: unknown } | null | undefined)?.getTime === 'function';
const isArrayOfObjects = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null);
const isOptional =
  (isValid: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || isValid(value);

/** The fields of each input list whose wrong type can make a report throw as it reads them. */
const FIELD_CHECKS = {
  sessions: [
    ['UID', 'a string', isString],
    ['JobUid', 'a string', isString],
    ['JobName', 'a string', isString],
    ['JobType', 'a string', isString],
    ['CreationTimeUTC', 'a Date', isDate],
    ['EndTimeUTC', 'a Date or undefined', isOptional(isDate)],
    ['Links', 'an array of objects', isArrayOfObjects],
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
  ],
} as const satisfies Record<string, readonly FieldCheck[]>;

export type InputList = keyof typeof FIELD_CHECKS;

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
  const problems = FIELD_CHECKS[list]
    .filter(([field, , isValid]) => !isValid(fields[field]))
    .map(([field, expected]) => `${field} is ${describeValue(fields[field])}, not ${expected}`);
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

const isSource = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function');

/**
 * Throws ReportError `invalid-input` when a JavaScript caller's input is no object, or one of its
 * lists no Iterable or AsyncIterable: before any list is read, so that a bad `jobs` does not fail
 * only after a crawl of every session.
 */
export function checkReportInput(input: unknown): void {
  if (typeof input !== 'object' || input === null) {
    throw new ReportError(
      'invalid-input',
      `input is ${describeValue(input)}, not an object with sessions`,
    );
  }
  const lists = input as Record<string, unknown>;
  for (const list of ['sessions', 'taskSessions', 'jobs'] as const) {
    const value = lists[list];
    if (list !== 'sessions' && value === undefined) continue;
    if (!isSource(value)) {
      throw new ReportError(
        'invalid-input',
        `input.${list} is ${describeValue(value)}, not an Iterable or AsyncIterable of ${LIST_ITEMS[list]}`,
      );
    }
  }
}
