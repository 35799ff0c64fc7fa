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

  it('lets long go up to the safe integers', () => {
    expect(scalarValueProblem(field('long'), 2 ** 40)).toBeUndefined();
    expect(scalarValueProblem(field('long'), Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(scalarValueProblem(field('long'), 2 ** 53)).toBe('must be a safe integer');
  });
});
