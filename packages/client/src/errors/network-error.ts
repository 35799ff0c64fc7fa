import { ClientError } from './client-error.js';

/** The connection failed or broke before a whole answer arrived (refused, reset, body cut short). */
export class NetworkError extends ClientError {
  override readonly name = 'NetworkError';
}
