import { type NamedProxy, namedProxyForUrl } from './proxy-for-url.js';

/**
 * The proxy requests to `apiBase` go through, as given (its URL may carry `user:password@`), and
 * where it was set: the `proxy` option (`proxy option`), else the environment (see
 * proxyForUrl); undefined when they go direct. Read once per client, and handed to both the
 * transport and the errors that name the proxy, so that the two cannot disagree.
 */
export function chosenProxy(
  apiBase: string,
  proxyOption: string | false | undefined,
  env: Readonly<Record<string, string | undefined>>,
): NamedProxy | undefined {
  if (proxyOption === false) return undefined;
  if (proxyOption === undefined) return namedProxyForUrl(apiBase, env);
  return { variable: 'proxy option', value: proxyOption };
}
