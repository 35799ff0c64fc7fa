import { ClientError } from './client-error.js';

/** An option given to createClient or to a call is invalid. */
export class ClientOptionsError extends ClientError {
  /** A literal for narrowing; its subclass FilterError has its own. */
  override readonly name: 'ClientOptionsError' | 'FilterError' = 'ClientOptionsError';
}
