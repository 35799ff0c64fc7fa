import { AbortError } from '../errors/abort-error.js';
import type { ClientError } from '../errors/client-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { RequestInfo } from '../errors/request-info.js';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { TlsError } from '../errors/tls-error.js';
import type { StopReason } from './abortable.js';
import type { ProxyRoute } from './proxy-route.js';
import { BodyTooLarge } from './read-body.js';
import { isTlsFailureCode } from './tls-failure-code.js';

/** Failures to connect at all: the request never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether the code of a fetch failure's innermost cause is one of `codes`. */
function hasRootCode(error: unknown, codes: ReadonlySet<string>): boolean {
  const { code } = rootCause(error);
  return code !== undefined && codes.has(code);
}

/** Whether a fetch failure shows that the request was never sent (so sending it again is safe). */
export const wasNeverSent = (error: unknown): boolean => hasRootCode(error, NOT_SENT_CODES);

/** Failures of a connection made and then broken: the request may have reached the server. */
const BROKEN_AFTER_SENDING_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/**
 * Whether a fetch failure shows a connection that broke once the request may have left (a
 * reset), so that the server may have acted on it; not a failure to connect, a TLS handshake
 * that failed, or one whose cause is unknown.
 */
export const mayHaveBeenSent = (error: unknown): boolean =>
  hasRootCode(error, BROKEN_AFTER_SENDING_CODES);

/** OpenSSL's `<id>:error:<code>:<library>:<function>:<reason>:<file>:<line>:` message. */
const OPENSSL_MESSAGE = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/i;

/** One line of a cause's message: OpenSSL's reason alone, without its source file and newline. */
const causeText = (message: string): string =>
  (OPENSSL_MESSAGE.exec(message)?.[1] ?? message).replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * The innermost error with a `code`, walking `cause` (undici wraps socket errors in "fetch
 * failed"); without one, the innermost cause's message (undici's "bad port", say).
 */
function rootCause(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  let innermost: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: causeText(current.message) };
    innermost = current;
    current = current.cause;
  }
  return {
    code: undefined,
    message: causeText(innermost instanceof Error ? innermost.message : String(innermost)),
  };
}

/**
 * Turns whatever a fetch attempt threw into the client's typed error. `stopped` says whether
 * our own signal fired, which tells a timeout from the caller's abort from a network failure.
 * `proxy`: the proxy the request went through, which a network failure or a timeout names.
 */
export function classifyFailure(
  error: unknown,
  stopped: StopReason | undefined,
  request: RequestInfo,
  timeoutMs: number,
  proxy?: ProxyRoute,
): ClientError {
  if (stopped === 'aborted') {
    return new AbortError(`${request.method} ${request.url} was aborted`, { request });
  }
  const via = proxy === undefined ? '' : ` via the proxy ${proxy.url} (${proxy.source})`;
  if (stopped === 'timeout') {
    return new TimeoutError(
      `${request.method} ${request.url} got no whole answer within ${timeoutMs} ms${via}`,
      { request, retryable: true, proxy },
    );
  }
  if (stopped === 'deadline') {
    return new TimeoutError(`${request.method} ${request.url} ran past the call's deadline${via}`, {
      request,
      proxy,
    });
  }
  if (error instanceof BodyTooLarge) {
    return new ResponseTooLargeError(
      `${request.method} ${request.url}: ${error.message} (maxResponseBytes)`,
      error.limit,
      { request },
    );
  }
  const { code, message } = rootCause(error);
  if (code !== undefined && isTlsFailureCode(code)) {
    return new TlsError(`TLS to ${new URL(request.url).host} failed: ${message} (${code})`, {
      request,
      code,
      cause: error,
    });
  }
  return new NetworkError(
    `${request.method} ${request.url} failed${via}: ${message}${code ? ` (${code})` : ''}`,
    { request, retryable: true, cause: error, proxy },
  );
}
