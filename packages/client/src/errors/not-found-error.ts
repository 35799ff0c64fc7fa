import { HttpError } from './http-error.js';

/** The resource does not exist (404). */
export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
}
