import { ProxyAuthenticationError } from '../errors/proxy-authentication-error.js';
import type { RequestInfo } from '../errors/request-info.js';
import type { ProxyRoute } from './proxy-route.js';

/**
 * undici's failures for a proxy's 407: to the CONNECT of an https request (`Proxy response (407)
 * !== 200 when HTTP Tunneling`), or to a request forwarded to an http EM, which its ProxyAgent
 * turns into an error rather than a response.
 */
const AUTH_REFUSALS = [
  /^Proxy response \(407\) !== 200 when HTTP Tunneling/,
  /^Proxy Authentication Required \(407\)/,
];

/** Whether a fetch failure is the proxy answering 407. */
export function isProxyAuthRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const { message } = current;
    if (AUTH_REFUSALS.some((refusal) => refusal.test(message))) return true;
    current = current.cause;
  }
  return false;
}

/** The error for a proxy's 407, to a CONNECT (https) or to a forwarded request (http). */
export function proxyRefusal(
  request: RequestInfo,
  proxy: ProxyRoute,
  hasCredentials: boolean,
  cause?: unknown,
): ProxyAuthenticationError {
  const refusal = hasCredentials
    ? 'refused its credentials (407)'
    : 'asks for credentials (407), and its URL carries none';
  return new ProxyAuthenticationError(
    `${request.method} ${request.url}: the proxy ${proxy.url} (${proxy.source}) ${refusal}`,
    { request, proxy, cause },
  );
}
