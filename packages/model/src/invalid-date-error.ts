import { VbemError } from './vbem-error.js';

/** A Date given to a vbem function holds no time (`new Date('nope')`); `field` names which one. */
export class InvalidDateError extends VbemError {
  override readonly name = 'InvalidDateError';

  constructor(readonly field: string) {
    super(`${field} is an invalid Date`);
  }
}
