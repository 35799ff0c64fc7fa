import { ProxiedFailure } from './proxied-failure.js';

/**
 * The connection failed or broke before a whole answer arrived (refused, reset, body cut short).
 * `proxy`: the proxy the request went through, if any, so that its failure does not read as EM's.
 */
export class NetworkError extends ProxiedFailure {
  override readonly name = 'NetworkError';
}
