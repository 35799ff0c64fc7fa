import { VbemError } from './vbem-error.js';

/** A UID, id or href that does not have the form EM uses. The offending value is quoted, trimmed to 200 characters. */
export class UidError extends VbemError {
  override readonly name = 'UidError';

  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`${reason}: "${value.length > 200 ? `${value.slice(0, 200)}…` : value}"`);
  }
}
