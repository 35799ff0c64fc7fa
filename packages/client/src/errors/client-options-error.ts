import { ClientError } from './client-error.js';

/** An option given to createClient or to a call is invalid. */
export class ClientOptionsError extends ClientError {
  override readonly name: 'ClientOptionsError' | 'FilterError' = 'ClientOptionsError';
}
