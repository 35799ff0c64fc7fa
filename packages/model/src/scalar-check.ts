import type { FieldDescriptor } from './descriptor.js';
import { formatEmDateTime } from './em-date-time.js';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/**
 * What is wrong with a model value for a scalar field, or undefined when it is right: a string
 * for string and enum fields, a safe integer (int32 for `int`, and for `timeSpan`, which the XSD
 * restricts from xs:int), a boolean, a valid Date that EM
 * can represent (years 1 to 9999). Shared by every encoder so that they refuse the same values.
 */
export function scalarValueProblem(field: FieldDescriptor, value: unknown): string | undefined {
  switch (field.kind) {
    case 'string':
    case 'enum':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'int':
    case 'long':
    case 'timeSpan':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        return 'must be a safe integer';
      return field.kind !== 'long' && (value < INT32_MIN || value > INT32_MAX)
        ? 'must fit in an int32'
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'dateTime':
      // formatEmDateTime tells a Date of any realm, where instanceof sees this realm's only.
      return formatEmDateTime(value as Date) !== undefined
        ? undefined
        : 'must be a valid Date between years 1 and 9999';
    default:
      return 'is not a scalar field';
  }
}
