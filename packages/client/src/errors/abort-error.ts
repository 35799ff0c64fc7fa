import { ClientError } from './client-error.js';

/** The caller's AbortSignal stopped the request. */
export class AbortError extends ClientError {
  override readonly name = 'AbortError';
}
