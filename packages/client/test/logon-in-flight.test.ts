import {
  AbortError,
  ClientClosedError,
  type ClientEvent,
  NetworkError,
  TimeoutError,
  TlsError,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientOf, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
// After each test: no logon session left open on the emulator.
useEmulator((running) => {
  em = running;
});

const logonsSent = () => em.stats().requestsByRoute['POST /sessionMngr'] ?? 0;
const slowLogon = (ms: number) =>
  em.faults.add({ fault: { kind: 'latency', ms }, method: 'POST', path: '/sessionMngr' });

describe('a logon on its way', () => {
  it('is not sent again after a timeout, and close() logs off the session it opens late', async () => {
    slowLogon(400);
    const client = clientOf(em, { timeout: 200 });
    await expect(client.logon()).rejects.toThrow(TimeoutError);
    expect(logonsSent()).toBe(1);
    await client.close();
    expect(em.stats().logons).toBe(1);
    expect(em.stats().logoffs).toBe(1);
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it.each([
    ['a call of a client with a signal', 'client'],
    ['logon({ signal })', 'logon'],
  ] as const)(
    'aborted on its way (%s), fails at once; close() logs off its session',
    async (_, where) => {
      slowLogon(3_000);
      const controller = new AbortController();
      const client = clientOf(em, where === 'client' ? { signal: controller.signal } : {});
      const call = (
        where === 'client' ? client.jobs.list() : client.logon({ signal: controller.signal })
      ).catch((e: unknown) => e);
      // Aborted once the logon is on its way (GET /api/ comes first, slower under load).
      for (let waited = 0; logonsSent() === 0 && waited < 10_000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const aborted = performance.now();
      controller.abort();
      expect(await call).toBeInstanceOf(AbortError);
      // At once: well before the logon's answer, 3 s after it was sent.
      expect(performance.now() - aborted).toBeLessThan(1_500);
      await client.close();
      expect(em.stats().logons).toBe(1);
      expect(em.stats().logoffs).toBe(1);
      expect(em.stats().openLogonSessions).toBe(0);
    },
  );

  it("that answers after its caller gave up is the next call's session: no second logon", async () => {
    slowLogon(300);
    const events: ClientEvent[] = [];
    const client = clientOf(em, { timeout: 100, onEvent: (e) => events.push(e) });
    await expect(client.jobs.list()).rejects.toThrow(TimeoutError);
    for (let waited = 0; !events.some((e) => e.type === 'logon') && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await client.jobs.list()).length).toBe(em.dataset.jobs.length);
    expect(logonsSent()).toBe(1);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it.each([
    ['GET /api/', 'GET', /^\/api\/?$/],
    ['the logon POST', 'POST', '/sessionMngr'],
  ] as const)(
    "is not cut at a caller's deadline (%s slow): a call joining it waits within its own",
    async (_, method, path) => {
      em.faults.add({ fault: { kind: 'latency', ms: 1_500 }, method, path });
      const client = clientOf(em, { deadline: 1_000 });
      await expect(client.jobs.list()).rejects.toThrow(
        /ran past the call's deadline while waiting for the logon$/,
      );
      // Joins the logon 500 ms before its answer, within its own deadline.
      expect((await client.jobs.list()).length).toBe(em.dataset.jobs.length);
      expect(logonsSent()).toBe(1);
      await client.close();
    },
  );

  it('fails each caller at its own deadline, while waiting for the logon', async () => {
    slowLogon(2_000);
    const client = clientOf(em, { deadline: 500 });
    for (const call of [1, 2]) {
      const started = performance.now();
      const error = await client.jobs.list().catch((e: unknown) => e);
      expect(error, `call ${call}`).toBeInstanceOf(TimeoutError);
      expect((error as Error).message, `call ${call}`).toMatch(
        /^GET .*\/api\/jobs ran past the call's deadline while waiting for the logon$/,
      );
      expect(performance.now() - started, `call ${call}`).toBeGreaterThanOrEqual(450);
    }
    expect(logonsSent()).toBe(1);
    await client.close();
    expect(em.stats()).toMatchObject({ logons: 1, logoffs: 1 });
  });

  it('is sent again when it never left (connection refused), not after a reset', async () => {
    let refusals = 1;
    const fetch = (async (request: Request) => {
      if (request.method === 'POST' && refusals-- > 0) {
        const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        throw new TypeError('fetch failed', { cause: refused });
      }
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const refusedOnce = clientOf(em, { fetch });
    await refusedOnce.logon();
    expect(logonsSent()).toBe(1);
    await refusedOnce.close();

    em.faults.add({ fault: { kind: 'reset' }, method: 'POST', path: '/sessionMngr' });
    const events: ClientEvent[] = [];
    const reset = clientOf(em, { onEvent: (e) => events.push(e) });
    await expect(reset.logon()).rejects.toThrow(NetworkError);
    expect(logonsSent()).toBe(2);
    await reset.close();
    // Reset before EM acted, as far as the client can tell: it may hold a session nobody can end.
    expect(events.filter((e) => e.type === 'logoff')).toEqual([
      { type: 'logoff', sessionId: '', ok: false },
    ]);
  });

  it('that fails before it could leave (a TLS handshake) reports no session', async () => {
    const fetch = (async (request: Request) => {
      if (request.method !== 'POST') return globalThis.fetch(request);
      const expired = Object.assign(new Error('certificate has expired'), {
        code: 'CERT_HAS_EXPIRED',
      });
      throw new TypeError('fetch failed', { cause: expired });
    }) as typeof globalThis.fetch;
    const events: ClientEvent[] = [];
    const client = clientOf(em, { fetch, onEvent: (e) => events.push(e) });
    await expect(client.logon()).rejects.toThrow(TlsError);
    await client.close();
    expect(events.filter((e) => e.type === 'logoff')).toEqual([]);
  });

  it('reset after EM opened the session is reported as a session nobody can log off', async () => {
    // EM opens the session, then the connection is reset before its answer arrives.
    let opened: { href: string; token: string } | undefined;
    const fetch = (async (request: Request) => {
      const response = await globalThis.fetch(request);
      if (request.method !== 'POST') return response;
      opened = {
        href: response.headers.get('location') ?? '',
        token: response.headers.get('x-restsvcsessionid') ?? '',
      };
      const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      throw new TypeError('fetch failed', { cause: reset });
    }) as typeof globalThis.fetch;
    const events: ClientEvent[] = [];
    const client = clientOf(em, { fetch, onEvent: (e) => events.push(e) });
    await expect(client.logon()).rejects.toThrow(NetworkError);
    await client.close();
    expect(logonsSent()).toBe(1);
    expect(events.filter((e) => e.type === 'logoff')).toEqual([
      { type: 'logoff', sessionId: '', ok: false },
    ]);
    expect(em.stats().openLogonSessions).toBe(1);
    // The session this test could not help leaving open (EM would end it after 15 idle minutes).
    await globalThis.fetch(new URL(opened?.href ?? '', `${em.url}/api/`), {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': opened?.token ?? '' },
    });
  });

  describe('when close() is called', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    const untilFault = async (kind: string) => {
      for (let waited = 0; !em.stats().faultsInjected[kind] && waited < 5_000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    it('while the API versions are read, sends no logon after it', async () => {
      em.faults.add({ fault: { kind: 'latency', ms: 300 }, method: 'GET', path: /^\/api\/?$/ });
      const events: ClientEvent[] = [];
      const client = clientOf(em, { onEvent: (e) => events.push(e) });
      const controller = new AbortController();
      const call = client.logon({ signal: controller.signal }).catch((e: unknown) => e);
      await untilFault('latency');
      controller.abort();
      expect(await call).toBeInstanceOf(AbortError);
      await client.close();
      expect(logonsSent()).toBe(0);
      expect(events.filter((e) => e.type === 'logon' || e.type === 'logoff')).toEqual([]);
    });

    it('while the API versions read stalls, stops it instead of waiting for its timeout', async () => {
      em.faults.add({ fault: { kind: 'stall' }, method: 'GET', path: /^\/api\/?$/ });
      // Without the stop, close() would wait out this timeout and the retry after it.
      const client = clientOf(em, { timeout: 600_000 });
      const call = client.jobs.list().catch((e: unknown) => e);
      await untilFault('stall');
      await client.close();
      const error = await call;
      expect(error).toBeInstanceOf(ClientClosedError);
      expect((error as ClientClosedError).request?.method).toBe('GET');
      expect(logonsSent()).toBe(0);
    });

    it('while the logon POST is on its way, waits for it at most the 10 s grace', async () => {
      const apiRoot = await (await globalThis.fetch(`${em.url}/api/`)).text();
      let postSeen: () => void = () => {};
      const posted = new Promise<void>((resolve) => {
        postSeen = resolve;
      });
      let postAborted = false;
      // EM reads the versions, then never answers the logon.
      const fetch = (async (request: Request) => {
        if (request.method === 'GET') {
          return new Response(apiRoot, { headers: { 'content-type': 'application/xml' } });
        }
        postSeen();
        return new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => {
            postAborted = true;
            reject(request.signal.reason);
          });
        });
      }) as typeof globalThis.fetch;
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const events: ClientEvent[] = [];
      const client = clientOf(em, {
        fetch,
        timeout: 600_000,
        onEvent: (event) => events.push(event),
      });
      const call = client.jobs.list().catch((e: unknown) => e);
      await posted;
      let closed = false;
      void client.close().then(() => {
        closed = true;
      });
      expect(await call).toBeInstanceOf(ClientClosedError);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(closed).toBe(false);
      expect(postAborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(postAborted).toBe(true);
      await vi.waitFor(() => expect(closed).toBe(true));
      // EM may have opened a session whose token never came: nothing could log it off.
      expect(events.filter((event) => event.type === 'logoff')).toEqual([
        { type: 'logoff', sessionId: '', ok: false },
      ]);
    });
  });
});
