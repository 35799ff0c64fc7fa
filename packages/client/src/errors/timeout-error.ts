import { ClientError } from './client-error.js';

/** An attempt or the whole call took longer than its timeout or deadline. */
export class TimeoutError extends ClientError {
  override readonly name = 'TimeoutError';
}
