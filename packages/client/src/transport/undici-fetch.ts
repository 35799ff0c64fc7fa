import type { Dispatcher } from 'undici';

/**
 * A fetch that sends ky's requests through undici's own fetch with our dispatcher. ky builds a
 * global `Request`; undici's fetch only recognises its own, so the request is passed as URL and
 * init. EM requests carry no body except none-bodied POSTs, so nothing is lost.
 */
export function undiciFetchWith(dispatcher: Promise<Dispatcher>): typeof globalThis.fetch {
  // Loaded once, on the first request.
  let loaded: Promise<[typeof import('undici').fetch, Dispatcher]> | undefined;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    loaded ??= Promise.all([import('undici').then((undici) => undici.fetch), dispatcher]);
    const [undiciFetch, ready] = await loaded;
    const request = input instanceof Request ? input : new Request(input, init);
    const headers: [string, string][] = [];
    request.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    return undiciFetch(request.url, {
      method: request.method,
      headers,
      signal: request.signal,
      redirect: 'manual',
      dispatcher: ready,
    });
  }) as unknown as typeof globalThis.fetch;
}
