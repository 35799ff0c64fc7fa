import { describeValue } from './describe-value.js';
import { ReportError } from './report-error.js';

/**
 * Throws ReportError `invalid-option` when a JavaScript caller's options are no object (`null`
 * does not take the `= {}` default), naming the function they were given to.
 */
export function checkOptionsObject(options: unknown, fn: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new ReportError(
      'invalid-option',
      `${fn}: options is ${describeValue(options)}, not an object or undefined`,
    );
  }
}
