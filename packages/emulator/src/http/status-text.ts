// The member names of .NET's HttpStatusCode, as EM writes them in an Error's Status and in the
// reason phrase of an error answer (`HTTP/1.1 400 BadRequest` in the captured EM error).
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** EM's name for an error status (`BadRequest`), or undefined for a status that is no error. */
export const statusText = (status: number): string | undefined =>
  status >= 400 ? (STATUS_TEXT[status] ?? 'Error') : undefined;
