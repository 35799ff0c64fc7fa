import { ClientOptionsError } from './errors/client-options-error.js';

/**
 * `value`, refused when a JavaScript caller gave it as null: only undefined is "not given", and a
 * null would otherwise reach a filter as a value, refused there in terms of EM's field.
 * `expected` says what the option takes, as its message does (`a job name or a list of them`).
 */
export function notNull<T>(value: T | null, option: string, expected: string): T {
  if (value === null) throw new ClientOptionsError(`${option} must be ${expected}, got null`);
  return value;
}
