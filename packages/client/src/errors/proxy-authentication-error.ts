import { ProxiedFailure } from './proxied-failure.js';

/**
 * The proxy answered 407: it refused the credentials of its URL (`user:password@` of the `proxy`
 * option or of `HTTPS_PROXY`/`HTTP_PROXY`), or asks for some and the URL carries none. Never
 * retried: sending refused credentials again can lock the proxy account.
 */
export class ProxyAuthenticationError extends ProxiedFailure {
  override readonly name = 'ProxyAuthenticationError';
}
