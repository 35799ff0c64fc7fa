import type { IncomingMessage } from 'node:http';
import { apiPathOf } from './api-path.js';

/** A Host header as RFC 3986 allows it: a bracketed IPv6 address or a reg-name, then a port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(?::\d{0,5})?$/;
/** An absolute-form target (RFC 9112 §3.2.2): scheme, authority, then the path and query. */
const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)(.*)$/is;

export interface RequestTarget {
  /**
   * `Host` as the client sent it (`localhost` when it sent none), or the authority of an
   * absolute-form target: API links are built on it.
   */
  readonly host: string;
  readonly pathname: string;
  /** The path below `/api` that routes and fault rules see (see `apiPathOf`); undefined outside `/api`. */
  readonly apiPath: string | undefined;
  /** The query as sent, with its `?`, or empty. */
  readonly search: string;
  /** The query exactly as the client sent it, without `?`; `search` has it normalised by WHATWG URL. */
  readonly sentQuery: string;
  readonly searchParams: URLSearchParams;
}

/**
 * The host, path and query of a request, or undefined when the Host header or the target is not
 * a valid URL part (EM's HTTP.sys answers those 400 before any authentication). An absolute-form
 * target (`GET http://em:9399/api/`) is accepted, and its authority is the host, as RFC 9112 wants.
 */
export function requestTarget(request: IncomingMessage): RequestTarget | undefined {
  let host = request.headers.host ?? 'localhost';
  let target = request.url ?? '/';
  const absolute = ABSOLUTE_FORM.exec(target);
  if (absolute) {
    host = absolute[1] as string;
    const rest = absolute[2] as string;
    target = rest.startsWith('/') ? rest : `/${rest}`;
  }
  if (!HOST.test(host) || !target.startsWith('/')) return undefined;
  try {
    // A fixed origin: a target like `//other/api/` stays a path, whatever the Host says.
    const url = new URL(`http://localhost${target}`);
    new URL(`http://${host}/`);
    return {
      host,
      pathname: url.pathname,
      apiPath: apiPathOf(url.pathname),
      search: url.search,
      sentQuery: /^[^?#]*\?([^#]*)/.exec(target)?.[1] ?? '',
      searchParams: url.searchParams,
    };
  } catch {
    return undefined;
  }
}
