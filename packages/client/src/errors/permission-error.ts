import { HttpError } from './http-error.js';

/** The account is authenticated but lacks the rights for this request (403): EM allows Portal Administrators, Portal Users and Restore Operators. */
export class PermissionError extends HttpError {
  override readonly name = 'PermissionError';
}
