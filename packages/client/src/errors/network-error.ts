import type { ProxyRoute } from '../transport/proxy-route.js';
import { ClientError, type ClientErrorOptions } from './client-error.js';

/**
 * The connection failed or broke before a whole answer arrived (refused, reset, body cut short).
 * `proxy`: the proxy the request went through, if any, so that its failure does not read as EM's.
 */
export class NetworkError extends ClientError {
  override readonly name = 'NetworkError';
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
