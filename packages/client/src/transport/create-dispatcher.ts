import type { buildConnector, Dispatcher } from 'undici';
import type { TlsOptions } from '../client-options.js';
import { ClientOptionsError } from '../errors/client-options-error.js';
import { pinnedConnector } from './pinned-connector.js';
import { type ProxyCredentials, proxyCredentialsOf } from './proxy-credentials.js';
import type { NamedProxy } from './proxy-for-url.js';
import { withScheme } from './proxy-route.js';

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
 * Whether requests need a dispatcher of their own: a CA, a pin, verification off, or a proxy
 * (`proxy`: the one chosen for the client, see chosenProxy).
 */
export function needsOwnDispatcher(tls: TlsOptions, proxy: NamedProxy | undefined): boolean {
  return (
    tls.ca !== undefined ||
    tls.fingerprint256 !== undefined ||
    tls.rejectUnauthorized === false ||
    proxy !== undefined
  );
}

/**
 * The undici dispatcher behind every request to `apiBase`: TLS verification on unless told
 * otherwise, a custom CA or a certificate pin, and the proxy chosen for the client (see
 * chosenProxy: the option, or `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`). fetch comes from the
 * same undici, so this works on every supported Node. The options are checked at once (a ClientOptionsError is thrown, not
 * returned); undici itself is loaded only now, as clients without a CA, pin, `rejectUnauthorized:
 * false` or proxy never need it, and it costs about 19 MB of memory.
 */
export function createDispatcher(
  apiBase: string,
  tls: TlsOptions,
  proxy: NamedProxy | undefined,
): Promise<Dispatcher> {
  const build = dispatcherBuilder(apiBase, tls, proxy?.value);
  return import('undici').then(build);
}

/** The parts of undici a dispatcher is built from. */
type Undici = Pick<typeof import('undici'), 'Agent' | 'ProxyAgent' | 'buildConnector'>;

/** Checks the options and returns how to build the dispatcher once undici is loaded. */
function dispatcherBuilder(
  apiBase: string,
  tls: TlsOptions,
  proxy: string | undefined,
): (undici: Undici) => Dispatcher {
  const connect = tlsConnectOptions(tls);
  if (tls.ca !== undefined && new URL(apiBase).protocol !== 'https:') {
    throw new ClientOptionsError(
      'tls.ca needs an https URL; over http there is no certificate to verify',
    );
  }
  if (tls.fingerprint256 !== undefined) {
    if (new URL(apiBase).protocol !== 'https:') {
      throw new ClientOptionsError(
        'tls.fingerprint256 needs an https URL; over http there is no certificate to pin',
      );
    }
    if (proxy !== undefined) {
      throw new ClientOptionsError(
        'tls.fingerprint256 cannot be combined with a proxy; pass the certificate as tls.ca instead, or set proxy: false',
      );
    }
    const fingerprint256 = tls.fingerprint256;
    return ({ Agent, buildConnector }) =>
      new Agent({ connect: pinnedConnector(buildConnector, fingerprint256, connect) });
  }
  if (proxy === undefined) return ({ Agent }) => new Agent({ connect });
  const proxyOptions = proxyAgentOptions(proxy);
  return ({ ProxyAgent }) =>
    new ProxyAgent({ ...proxyOptions, requestTls: connect, proxyTunnel: false });
}

/**
 * The proxy's origin and, when the URL carries `user:password@`, a `Proxy-Authorization` token:
 * undici then never holds the credentials inside a URL that an error could print. A path on the
 * proxy URL means nothing to a forward proxy and is dropped (undici refuses one). With
 * `proxyTunnel: false` an http EM is asked for with absolute URIs, as proxies expect, and an
 * https EM through a `CONNECT` tunnel, inside which TLS is verified as without a proxy.
 */
function proxyAgentOptions(proxy: string): { uri: string; token?: string } {
  let url: URL;
  try {
    url = new URL(withScheme(proxy));
  } catch {
    // Not the value itself: it may carry a password.
    throw new ClientOptionsError('the proxy (option or HTTPS_PROXY/HTTP_PROXY) is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ClientOptionsError(`the proxy must be an http or https URL, got ${url.protocol}`);
  }
  let credentials: ProxyCredentials | undefined;
  try {
    credentials = proxyCredentialsOf(proxy);
  } catch {
    throw new ClientOptionsError('the proxy credentials are not valid percent-encoding');
  }
  if (credentials === undefined) return { uri: url.origin };
  return { uri: url.origin, token: `Basic ${credentials.basic}` };
}
