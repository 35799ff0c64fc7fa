import { VbemError } from '@vbem/model';
import type { RequestInfo } from './request-info.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

export interface ClientErrorOptions {
  readonly request?: RequestInfo | undefined;
  readonly cause?: unknown;
  readonly retryable?: boolean | undefined;
}

/**
 * The base of every error the client throws. It carries the request (method and a URL without
 * credentials) and whether trying again may help: the failure may pass, which says nothing of
 * whether sending a request that is not idempotent (the stop POST) again is safe. `toJSON` and
 * `util.inspect` show only those fields, so a logged error never prints a header, a token or a
 * password.
 */
export abstract class ClientError extends VbemError {
  readonly request: RequestInfo | undefined;
  readonly retryable: boolean;
  /** How many times the request was sent, when it was retried (more than once); else undefined. */
  readonly attempts: number | undefined;
  /** Milliseconds from the first attempt to this failure, when the request was retried. */
  readonly elapsedMs: number | undefined;

  constructor(message: string, options: ClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.request = options.request;
    this.retryable = options.retryable ?? false;
    this.attempts = undefined;
    this.elapsedMs = undefined;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      request: this.request,
      retryable: this.retryable,
      ...(this.attempts === undefined
        ? {}
        : { attempts: this.attempts, elapsedMs: this.elapsedMs }),
      ...this.details(),
    };
  }

  /** Extra fields of a subclass for `toJSON` and `inspect`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  [inspectCustom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

/**
 * Notes on the failure of a request sent more than once how many times it was sent and over how
 * long: the retries are the client's, after the error was made. Not exported from the package.
 */
export function noteAttempts(error: ClientError, attempts: number, elapsedMs: number): void {
  if (attempts < 2 || error.attempts !== undefined) return;
  const fields = error as { attempts: number | undefined; elapsedMs: number | undefined };
  fields.attempts = attempts;
  fields.elapsedMs = Math.round(elapsedMs);
}
