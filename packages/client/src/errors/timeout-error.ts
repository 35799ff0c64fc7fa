import { ProxiedFailure } from './proxied-failure.js';

/**
 * An attempt or the whole call took longer than its timeout or deadline. `proxy`: the proxy the
 * request went through, if any, so that a proxy that never answers does not read as a slow EM.
 */
export class TimeoutError extends ProxiedFailure {
  override readonly name = 'TimeoutError';
}
