import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type FieldDescriptor, INT32_MAX, INT32_MIN, scalarValueProblem } from '../src/index.js';

const field = (kind: FieldDescriptor['kind']): FieldDescriptor => ({
  name: 'Value',
  camelName: 'value',
  node: 'element',
  kind,
  required: true,
});

describe('scalarValueProblem', () => {
  it.each(['int', 'timeSpan'] as const)(
    'keeps %s within int32, as the XSD restricts it from xs:int',
    (kind) => {
      for (const value of [INT32_MIN, -5, 0, INT32_MAX])
        expect(scalarValueProblem(field(kind), value)).toBeUndefined();
      for (const value of [INT32_MAX + 1, INT32_MIN - 1, 2 ** 40])
        expect(scalarValueProblem(field(kind), value)).toBe('must fit in an int32');
    },
  );

  it('takes a Date of another realm (vm, a worker) as a Date, and no object that claims to be one', () => {
    const foreign = runInNewContext("new Date('2025-09-24T20:00:09.607Z')");
    expect(foreign instanceof Date).toBe(false);
    expect(scalarValueProblem(field('dateTime'), foreign)).toBeUndefined();
    const invalid = runInNewContext('new Date(Number.NaN)');
    expect(scalarValueProblem(field('dateTime'), invalid)).toBe(
      'must be a valid Date between years 1 and 9999',
    );
    const fake = { [Symbol.toStringTag]: 'Date', getTime: () => 0 };
    expect(scalarValueProblem(field('dateTime'), fake)).toBe(
      'must be a valid Date between years 1 and 9999',
    );
  });

  it('lets long go up to the safe integers', () => {
    expect(scalarValueProblem(field('long'), 2 ** 40)).toBeUndefined();
    expect(scalarValueProblem(field('long'), Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(scalarValueProblem(field('long'), 2 ** 53)).toBe('must be a safe integer');
  });
});
