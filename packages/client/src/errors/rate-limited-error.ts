import { HttpError, type HttpErrorOptions } from './http-error.js';

/** EM (or a proxy in front of it) answered 429 too often, or asked to wait longer than allowed. */
export class RateLimitedError extends HttpError {
  override readonly name = 'RateLimitedError';
  /** How long the server asked to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: HttpErrorOptions & { readonly retryAfterMs?: number | undefined },
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), retryAfterMs: this.retryAfterMs };
  }
}
