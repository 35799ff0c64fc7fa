import { ClientError } from './client-error.js';

/** The client was closed (`close()` or `await using`); create a new one to go on. */
export class ClientClosedError extends ClientError {
  override readonly name = 'ClientClosedError';
}
