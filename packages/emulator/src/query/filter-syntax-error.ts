import { VbemError } from '@vbem/model';

/**
 * A query filter or sort field that EM rejects with 400: unknown field, missing or malformed
 * value, unbalanced parentheses, unknown operator, trailing text. `position` is the 0-based offset
 * in the filter text where the problem was found (0 for a sort field); the message names what
 * was expected there.
 */
export class FilterSyntaxError extends VbemError {
  override readonly name = 'FilterSyntaxError';

  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}
