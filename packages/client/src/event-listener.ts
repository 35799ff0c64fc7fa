import type { ClientEvent } from './client-options.js';

/**
 * The caller's `onEvent`, called so that nothing it throws (or an async one rejects with) reaches
 * the client: a broken logger must not lose a logon token, fail a call or stop `close()`.
 */
export function guardedListener(
  listener: ((event: ClientEvent) => void) | undefined,
): (event: ClientEvent) => void {
  if (listener === undefined) return () => {};
  return (event) => {
    try {
      const result: unknown = listener(event);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        Promise.resolve(result).catch(() => {});
      }
    } catch {
      // The listener's own failure is its business, not the request's.
    }
  };
}
