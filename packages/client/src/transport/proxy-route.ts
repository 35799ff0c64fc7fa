import type { NamedProxy } from './proxy-for-url.js';

/** The proxy a client's requests go through, as its errors name it. */
export interface ProxyRoute {
  /** The proxy's scheme, host and port: never the `user:password@` its URL may carry. */
  readonly url: string;
  /** Where it was set: the variable (`HTTPS_PROXY`, `http_proxy`, …), or `proxy option`. */
  readonly source: string;
}

/** A proxy named without a scheme (`HTTP_PROXY=proxy.corp:3128`) is an http one, as curl reads it. */
export const withScheme = (proxy: string): string =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;

/**
 * The proxy as errors name it, from the one chosen for the client (see chosenProxy), or
 * undefined when requests go direct. One that does not parse is refused when the client is
 * created, before any request could name it.
 */
export function proxyRouteOf(proxy: NamedProxy | undefined): ProxyRoute | undefined {
  if (proxy === undefined) return undefined;
  let url: string;
  try {
    url = new URL(withScheme(proxy.value)).origin;
  } catch {
    url = 'that does not parse';
  }
  return { url, source: proxy.variable };
}
