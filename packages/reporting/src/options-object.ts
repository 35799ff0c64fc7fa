import { describeValue } from './describe-value.js';
import { ReportError } from './report-error.js';
import { type KeyKind, unknownKeyProblem } from './unknown-key.js';

/** What an unknown key of options is said not to be. */
export const OPTION: KeyKind = { one: 'an option', many: 'options' };

/**
 * The keys of an options type, from an object with every one of them (so that the compiler
 * refuses a list that misses one or holds one the type does not), in its order.
 */
export const optionKeys = <Options>(keys: Record<keyof Options, true>): readonly string[] =>
  Object.keys(keys);

/**
 * Throws ReportError `invalid-option` when a JavaScript caller's options are no object (`null`
 * does not take the `= {}` default), or hold keys not in `known` (a misspelled option would be
 * ignored without a word), naming the function they were given to and every such key.
 */
export function checkOptionsObject(options: unknown, fn: string, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null) {
    throw new ReportError(
      'invalid-option',
      `${fn}: options is ${describeValue(options)}, not an object or undefined`,
    );
  }
  const problem = unknownKeyProblem(options, known, OPTION, 'its options');
  if (problem !== undefined) throw new ReportError('invalid-option', `${fn}: ${problem}`);
}
