/**
 * A signal that aborts when either does, with the reason of the one that did; listeners are
 * removed by `dispose`.
 */
export function eitherSignal(
  a: AbortSignal,
  b: AbortSignal,
): { signal: AbortSignal; dispose(): void } {
  const either = new AbortController();
  const abort = (event: Event) => either.abort((event.target as AbortSignal).reason);
  if (a.aborted) either.abort(a.reason);
  else if (b.aborted) either.abort(b.reason);
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return {
    signal: either.signal,
    dispose() {
      a.removeEventListener('abort', abort);
      b.removeEventListener('abort', abort);
    },
  };
}
