import type { Dispatcher } from 'undici';

/**
 * A fetch that sends ky's requests through undici's own fetch with our dispatcher. ky builds a
 * global `Request`; undici's fetch only recognises its own, so the request is passed as URL and
 * init. EM requests carry no body except none-bodied POSTs, so nothing is lost.
 */
export function undiciFetchWith(dispatcher: Promise<Dispatcher>): typeof globalThis.fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const [{ fetch: undiciFetch }, ready] = await Promise.all([import('undici'), dispatcher]);
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
