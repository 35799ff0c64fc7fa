import { HttpError } from './http-error.js';

/** EM refused the credentials or the logon session (401), and logging on again did not help. */
export class AuthenticationError extends HttpError {
  override readonly name = 'AuthenticationError';
}
