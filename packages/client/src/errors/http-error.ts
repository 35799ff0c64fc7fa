import type { EmError } from '@vbem/model';
import { ClientError, type ClientErrorOptions } from './client-error.js';

export interface HttpErrorOptions extends ClientErrorOptions {
  readonly status: number;
  /** EM's `<Error>` body, when the answer had one. */
  readonly emError?: EmError | undefined;
}

/** EM answered with an error status. `emError` holds EM's own message when the body had one. */
export class HttpError extends ClientError {
  override readonly name: string = 'HttpError';
  readonly status: number;
  readonly emError: EmError | undefined;

  constructor(message: string, options: HttpErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.emError = options.emError;
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, emError: this.emError };
  }
}
