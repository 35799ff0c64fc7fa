import type { ProxyRoute } from '../transport/proxy-route.js';
import { ClientError, type ClientErrorOptions } from './client-error.js';

export interface ProxiedFailureOptions extends ClientErrorOptions {
  readonly proxy?: ProxyRoute | undefined;
}

/**
 * A failure of the way to EM (a connection or a timeout). `proxy`: the proxy the request went
 * through, if any, so that its failure does not read as EM's.
 */
export abstract class ProxiedFailure extends ClientError {
  readonly proxy: ProxyRoute | undefined;

  constructor(message: string, options: ProxiedFailureOptions = {}) {
    super(message, options);
    this.proxy = options.proxy;
  }

  protected override details(): Record<string, unknown> {
    return this.proxy === undefined ? {} : { proxy: this.proxy };
  }
}
