import type { EmError } from '@vbem/model';
import { AuthenticationError } from './errors/authentication-error.js';
import { HttpError } from './errors/http-error.js';
import { NotFoundError } from './errors/not-found-error.js';
import { PermissionError } from './errors/permission-error.js';
import { RateLimitedError } from './errors/rate-limited-error.js';
import type { RequestInfo } from './errors/request-info.js';

/** The typed error for an error status, with EM's own message when its body had one. */
export function statusError(
  status: number,
  emError: EmError | undefined,
  request: RequestInfo,
  headers: Headers,
  retryAfterMs?: number,
): HttpError {
  const said = emError?.Message ? `: ${emError.Message.replace(/\.+$/, '')}` : '';
  const base = `${request.method} ${request.url} answered ${status}${said}`;
  const options = { status, emError, request };
  if (status === 401) {
    return new AuthenticationError(
      `${base}. Check the user name and password; the account needs an EM role (Portal Administrator, Portal User or Restore Operator)`,
      options,
    );
  }
  if (status === 403) return new PermissionError(base, options);
  if (status === 404) return new NotFoundError(base, options);
  if (status === 429) {
    return new RateLimitedError(base, { ...options, retryable: true, retryAfterMs });
  }
  if (status >= 300 && status < 400) {
    const location = headers.get('location');
    return new HttpError(
      `${base}: a redirect${location ? ` to ${location}` : ''}, which the client does not follow (it would carry the session token elsewhere); use the final URL as url`,
      options,
    );
  }
  return new HttpError(base, {
    ...options,
    retryable: status === 502 || status === 503 || status === 504,
  });
}
