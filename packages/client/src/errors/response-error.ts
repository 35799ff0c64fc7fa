import { ClientError } from './client-error.js';

/** EM answered, but the body is not what was asked for: malformed, truncated, too large, the wrong root element or media type. */
export class ResponseError extends ClientError {
  override readonly name: string = 'ResponseError';
}
