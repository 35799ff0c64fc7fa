import { shownValue } from './shown-value.js';
import { VbemError } from './vbem-error.js';

/**
 * A Date given to a vbem function holds no time (`new Date('nope')`), or, from JavaScript, what was
 * given is no Date at all (`notDate`: a string, a number); `field` names which one.
 */
export class InvalidDateError extends VbemError {
  override readonly name = 'InvalidDateError';

  constructor(
    readonly field: string,
    notDate?: { readonly value: unknown },
  ) {
    super(
      notDate === undefined
        ? `${field} is an invalid Date`
        : `${field} is ${shownValue(notDate.value)}, not a Date`,
    );
  }
}
