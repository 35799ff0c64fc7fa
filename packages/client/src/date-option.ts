import { shownValue, timeOfDate } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';

/**
 * An option that takes a Date only (`until`): a Date of any realm, as given (one decoded from EM
 * carries ticks below the millisecond). Anything else, a JavaScript caller's null included, is
 * refused naming the option.
 */
export function dateOption(value: unknown, option: string): Date {
  const time = timeOfDate(value);
  if (time === undefined) {
    throw new ClientOptionsError(`${option} must be a Date, got ${shownValue(value)}`);
  }
  if (Number.isNaN(time)) throw new ClientOptionsError(`${option} is an invalid Date`);
  return value as Date;
}
