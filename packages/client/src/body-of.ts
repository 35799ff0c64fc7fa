import type { RootElementName } from '@vbem/model';
import type { DecodedBody } from './decode-body.js';
import type { SendResult } from './em-connection.js';
import type { RequestInfo } from './errors/request-info.js';
import { ResponseError } from './errors/response-error.js';

/** The decoded body of an answer that must have one; a 2xx without one (a 204) is a ResponseError. */
export function bodyOf<Root extends RootElementName>(
  answer: SendResult<Root>,
  request: RequestInfo,
): DecodedBody<Root> {
  if (!answer.body) {
    throw new ResponseError(
      `${request.method} ${request.url} answered ${answer.status} without a body`,
      { request },
    );
  }
  return answer.body;
}
