import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient, TimeoutError } from '@vbem/client';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_EM_ORIGIN, fakeQueryEm } from './helpers/fake-query-em.js';

// Garbage collections on demand: the abort of a body read must not depend on what survives one.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * An EM on loopback (the fake query EM, in JSON) whose `GET /api/jobs` sends its headers, then one
 * byte every 20 ms for ever.
 */
async function drippingEm(): Promise<{ server: Server; url: string }> {
  const em = fakeQueryEm([], () => undefined);
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/api/jobs')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
      return;
    }
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers.set(name, value);
      const forwarded = new Request(`${FAKE_EM_ORIGIN}${request.url}`, {
        method: request.method ?? 'GET',
        headers,
      });
      const answer = await em(forwarded);
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What `promise` settles to within `ms`, or 'pending'. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(resolve, ms, 'pending'))]);

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a body that drips for ever', () => {
  it('is stopped by the timeout even when garbage collections run meanwhile; close() does not wait for it', async () => {
    const em = await drippingEm();
    server = em.server;
    const client = createClient({
      url: em.url,
      username: 'u',
      password: 'p',
      format: 'json',
      timeout: 300,
      retry: { limit: 0 },
    });
    // Before the collections start: on a loaded machine they made the logon miss its 300 ms.
    await client.logon();
    const collections = setInterval(gc, 20);
    try {
      const started = performance.now();
      const error = await within(
        client.jobs.list().catch((e: unknown) => e),
        3_000,
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(await within(client.close(), 3_000)).toBeUndefined();
    } finally {
      clearInterval(collections);
    }
  });
});
