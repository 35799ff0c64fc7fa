import type { IncomingMessage } from 'node:http';

/** A Host header as RFC 3986 allows it: a bracketed IPv6 address or a reg-name, then a port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(?::\d{0,5})?$/;

export interface RequestTarget {
  /** `Host` as the client sent it (`localhost` when it sent none): API links are built on it. */
  readonly host: string;
  readonly pathname: string;
  /** The query as sent, with its `?`, or empty. */
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

/**
 * The host, path and query of a request, or undefined when the Host header or the target is not
 * a valid URL part (EM's HTTP.sys answers those 400 before any authentication).
 */
export function requestTarget(request: IncomingMessage): RequestTarget | undefined {
  const host = request.headers.host ?? 'localhost';
  const target = request.url ?? '/';
  if (!HOST.test(host) || !target.startsWith('/')) return undefined;
  try {
    // A fixed origin: a target like `//other/api/` stays a path, whatever the Host says.
    const url = new URL(`http://localhost${target}`);
    new URL(`http://${host}/`);
    return { host, pathname: url.pathname, search: url.search, searchParams: url.searchParams };
  } catch {
    return undefined;
  }
}
