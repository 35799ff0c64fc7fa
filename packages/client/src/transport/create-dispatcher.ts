import { Agent, type buildConnector, type Dispatcher, ProxyAgent } from 'undici';
import type { TlsOptions } from '../client-options.js';
import { ClientOptionsError } from '../errors/client-options-error.js';
import { pinnedConnector } from './pinned-connector.js';
import { proxyForUrl } from './proxy-for-url.js';

const toPem = (value: string | Uint8Array): string =>
  typeof value === 'string' ? value : new TextDecoder().decode(value);

function tlsConnectOptions(tls: TlsOptions): buildConnector.BuildOptions {
  const options: { ca?: string[]; rejectUnauthorized?: boolean } = {};
  if (tls.ca !== undefined) {
    const list = Array.isArray(tls.ca) ? tls.ca : [tls.ca];
    options.ca = (list as (string | Uint8Array)[]).map(toPem);
  }
  if (tls.rejectUnauthorized === false) options.rejectUnauthorized = false;
  return options;
}

/**
 * The undici dispatcher behind every request to `apiBase`: TLS verification on unless told
 * otherwise, a custom CA or a certificate pin, and the proxy from the option or from
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`. fetch comes from the same undici, so this works
 * on every supported Node.
 */
export function createDispatcher(
  apiBase: string,
  tls: TlsOptions,
  proxyOption: string | false | undefined,
  env: Readonly<Record<string, string | undefined>> = globalThis.process?.env ?? {},
): Dispatcher {
  const connect = tlsConnectOptions(tls);
  const proxy = proxyOption === false ? undefined : (proxyOption ?? proxyForUrl(apiBase, env));
  if (tls.fingerprint256 !== undefined) {
    if (proxy !== undefined) {
      throw new ClientOptionsError(
        'tls.fingerprint256 cannot be combined with a proxy; pass the certificate as tls.ca instead, or set proxy: false',
      );
    }
    return new Agent({ connect: pinnedConnector(tls.fingerprint256, connect) });
  }
  if (proxy === undefined) return new Agent({ connect });
  try {
    new URL(proxy);
  } catch {
    throw new ClientOptionsError('the proxy (option or HTTPS_PROXY/HTTP_PROXY) is not a valid URL');
  }
  return new ProxyAgent({ uri: proxy, requestTls: connect });
}
