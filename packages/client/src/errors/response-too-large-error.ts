import type { ClientErrorOptions } from './client-error.js';
import { ResponseError } from './response-error.js';

/** A body larger than `maxResponseBytes`: the limit, not the server, says no (it is not retried). */
export class ResponseTooLargeError extends ResponseError {
  override readonly name = 'ResponseTooLargeError';

  constructor(
    message: string,
    readonly limit: number,
    options: ClientErrorOptions = {},
  ) {
    super(message, options);
  }

  protected override details(): Record<string, unknown> {
    return { limit: this.limit };
  }
}
