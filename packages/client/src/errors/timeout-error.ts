import type { ProxyRoute } from '../transport/proxy-route.js';
import { ClientError, type ClientErrorOptions } from './client-error.js';

/**
 * An attempt or the whole call took longer than its timeout or deadline. `proxy`: the proxy the
 * request went through, if any, so that a proxy that never answers does not read as a slow EM.
 */
export class TimeoutError extends ClientError {
  override readonly name = 'TimeoutError';
  readonly proxy: ProxyRoute | undefined;

  constructor(
    message: string,
    options: ClientErrorOptions & { readonly proxy?: ProxyRoute | undefined } = {},
  ) {
    super(message, options);
    this.proxy = options.proxy;
  }

  protected override details(): Record<string, unknown> {
    return this.proxy === undefined ? {} : { proxy: this.proxy };
  }
}
