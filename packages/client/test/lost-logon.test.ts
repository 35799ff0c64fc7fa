import { type ClientEvent, NetworkError, ResponseError } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { emUrlOf } from '../src/em-href.js';
import { lostLogonSession } from '../src/lost-logon.js';
import { clientOf, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
// After each test: no logon session left open on the emulator.
useEmulator((running) => {
  em = running;
});

/** What a fetch saw of EM's logon answers: the token and the session's own logoff href. */
interface SeenLogon {
  token: string;
  href: string;
}

/**
 * A fetch that lets EM act on the logon, then hands the client its answer spoiled by `spoil`
 * (a new body, and whether the Location header stays), `delayMs` later.
 */
function spoilingFetch(
  spoil: (body: string, token: string) => string,
  options: { keepLocation: boolean; delayMs?: number },
  seen: SeenLogon[],
): typeof globalThis.fetch {
  return (async (request: Request) => {
    const response = await globalThis.fetch(request);
    if (request.method !== 'POST') return response;
    const body = await response.text();
    const token = response.headers.get('X-RestSvcSessionId') ?? '';
    seen.push({
      token,
      href: /logonSessions\/[0-9a-f-]{36}/i.exec(body)?.[0] ?? '',
    });
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    if (!options.keepLocation) headers.delete('location');
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    return new Response(spoil(body, token), { status: response.status, headers });
  }) as typeof globalThis.fetch;
}

const logoffs = (events: ClientEvent[]) => events.filter((e) => e.type === 'logoff');

/** The lost logon is then the caller's error: a retry would log on again (see the retry tests). */
const NO_RETRY = { limit: 0 };

describe('a logon whose answer is lost after EM opened the session', () => {
  for (const kind of ['malformed', 'truncate'] as const) {
    it(`(${kind}) is logged off with its token, at the Location EM sent`, async () => {
      em.faults.add({ fault: { kind, acted: true }, method: 'POST', path: '/sessionMngr' });
      const events: ClientEvent[] = [];
      const client = clientOf(em, { retry: NO_RETRY, onEvent: (e) => events.push(e) });
      const error = await client.logon().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind === 'malformed' ? ResponseError : NetworkError);
      expect(em.stats().logons).toBe(1);
      await client.close();
      expect(em.stats().logoffs).toBe(1);
      expect(logoffs(events)).toEqual([
        { type: 'logoff', sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), ok: true },
      ]);
    });
  }

  it.each(['xml', 'json'] as const)(
    'without a Location, is logged off at the id its cut %s body still shows',
    async (format) => {
      const seen: SeenLogon[] = [];
      const events: ClientEvent[] = [];
      const fetch = spoilingFetch(
        (body) => body.slice(0, body.indexOf('logonSessions/') + 60),
        { keepLocation: false },
        seen,
      );
      const client = clientOf(em, {
        fetch,
        format,
        retry: NO_RETRY,
        onEvent: (e) => events.push(e),
      });
      const error = await client.logon().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseError);
      // The caller's error is the decode error, without the token.
      expect(JSON.stringify(error)).not.toContain(seen[0]?.token);
      expect(String((error as Error).stack)).not.toContain(seen[0]?.token);
      await client.close();
      expect(em.stats().logoffs).toBe(1);
      expect(logoffs(events)).toEqual([
        { type: 'logoff', sessionId: seen[0]?.href.split('/').pop(), ok: true },
      ]);
    },
  );

  it('that echoes its token fails with a decode error that does not show it', async () => {
    const seen: SeenLogon[] = [];
    const fetch = spoilingFetch(
      (_, token) => `<LogonSession xmlns="http://www.veeam.com/ent/v1.0" Href="h"></${token}>`,
      { keepLocation: true },
      seen,
    );
    const client = clientOf(em, { fetch, retry: NO_RETRY });
    const error = await client.logon().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as Error).message).toContain('[redacted]');
    expect(JSON.stringify(error)).not.toContain(seen[0]?.token);
    expect(String((error as Error).stack)).not.toContain(seen[0]?.token);
    await client.close();
    expect(em.stats().logoffs).toBe(1);
  });

  it('answered after its caller gave up, is logged off by close()', async () => {
    const seen: SeenLogon[] = [];
    const fetch = spoilingFetch(
      (body) => body.slice(0, 40),
      { keepLocation: true, delayMs: 300 },
      seen,
    );
    const client = clientOf(em, { fetch, timeout: 100 });
    await expect(client.logon()).rejects.toThrow(/no whole answer within 100 ms/);
    await client.close();
    expect(em.stats().logons).toBe(1);
    expect(em.stats().logoffs).toBe(1);
  });

  it('answered late with its body broken off, is logged off and reported once, as logged off', async () => {
    const events: ClientEvent[] = [];
    const fetch = (async (request: Request) => {
      const response = await globalThis.fetch(request);
      if (request.method !== 'POST') return response;
      const body = await response.text();
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The connection drops after 40 characters of the body: an answer came, its body did not.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body.slice(0, 40)));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(stream, { status: response.status, headers });
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch, timeout: 100, onEvent: (e) => events.push(e) });
    await expect(client.logon()).rejects.toThrow();
    await client.close();
    expect(em.stats()).toMatchObject({ logons: 1, logoffs: 1, openLogonSessions: 0 });
    expect(logoffs(events)).toEqual([
      { type: 'logoff', sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), ok: true },
    ]);
  });

  it('answered 204 with a token but no body, is a ResponseError and logged off at the Location', async () => {
    const events: ClientEvent[] = [];
    const fetch = (async (request: Request) => {
      const response = await globalThis.fetch(request);
      if (request.method !== 'POST') return response;
      await response.arrayBuffer();
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      headers.delete('content-type');
      return new Response(null, { status: 204, headers });
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch, onEvent: (e) => events.push(e) });
    await expect(client.logon()).rejects.toThrow(
      /^POST .*sessionMngr.* answered 204 with a token but without a body$/,
    );
    await client.close();
    expect(em.stats()).toMatchObject({ logons: 1, logoffs: 1, openLogonSessions: 0 });
    expect(logoffs(events)).toEqual([
      { type: 'logoff', sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), ok: true },
    ]);
  });

  it('that says nowhere which session it is, is reported as a failed logoff', async () => {
    const seen: SeenLogon[] = [];
    const events: ClientEvent[] = [];
    const fetch = spoilingFetch(() => '<', { keepLocation: false }, seen);
    const client = clientOf(em, { fetch, onEvent: (e) => events.push(e) });
    await expect(client.logon()).rejects.toThrow(ResponseError);
    await client.close();
    expect(logoffs(events)).toEqual([{ type: 'logoff', sessionId: '', ok: false }]);
    expect(em.stats().openLogonSessions).toBe(1);
    // The session this test could not help leaving open.
    await globalThis.fetch(`${em.url}/api/${seen[0]?.href}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': seen[0]?.token ?? '' },
    });
  });
});

describe('a logon whose answer is lost, once its session is being logged off', () => {
  for (const kind of ['truncate', 'malformed'] as const) {
    it(`(${kind}) is sent again under the retry policy, and the next answer serves`, async () => {
      em.faults.add({ fault: { kind, acted: true }, method: 'POST', path: '/sessionMngr' });
      const events: ClientEvent[] = [];
      const client = clientOf(em, { onEvent: (e) => events.push(e) });
      const session = await client.logon();
      expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(events.filter((e) => e.type === 'retry')).toEqual([
        expect.objectContaining({ method: 'POST', attempt: 1 }),
      ]);
      await client.close();
      expect(em.stats()).toMatchObject({ logons: 2, logoffs: 2, openLogonSessions: 0 });
      expect(logoffs(events)).toEqual([
        { type: 'logoff', sessionId: expect.not.stringMatching(session.sessionId), ok: true },
        { type: 'logoff', sessionId: session.sessionId, ok: true },
      ]);
    });
  }

  it('lost every time, fails once the retries are spent, each session logged off, no token shown', async () => {
    const seen: SeenLogon[] = [];
    const events: ClientEvent[] = [];
    const fetch = spoilingFetch(
      (body, token) => `${body.slice(0, 40)}${token}`,
      { keepLocation: true },
      seen,
    );
    const client = clientOf(em, { fetch, retry: { limit: 2 }, onEvent: (e) => events.push(e) });
    const error = await client.logon().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    await client.close();
    expect(seen).toHaveLength(3);
    expect(em.stats()).toMatchObject({ logons: 3, logoffs: 3, openLogonSessions: 0 });
    const shown = [JSON.stringify(error), String((error as Error).stack), JSON.stringify(events)];
    for (const { token } of seen) for (const text of shown) expect(text).not.toContain(token);
  });

  it('is not sent again when its session cannot be logged off', async () => {
    const seen: SeenLogon[] = [];
    const fetch = spoilingFetch(() => '<', { keepLocation: false }, seen);
    const client = clientOf(em, { fetch });
    await expect(client.logon()).rejects.toThrow(ResponseError);
    await client.close();
    expect(seen).toHaveLength(1);
    // The session this test could not help leaving open.
    await globalThis.fetch(`${em.url}/api/${seen[0]?.href}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': seen[0]?.token ?? '' },
    });
  });
});

describe('lostLogonSession', () => {
  const resolve = (href: string) => emUrlOf(href, new URL('https://em.test:9398/api/'));
  const id = '0b5c4d6e-1f2a-4b3c-8d9e-0f1a2b3c4d5e';

  it('takes the Location only when it names a logon session', () => {
    const at = (location: string, body?: string) =>
      lostLogonSession(
        new Headers({ location }),
        body === undefined ? undefined : new TextEncoder().encode(body),
        resolve,
      );
    expect(at(`http://em-internal:9399/api/logonSessions/${id}`)).toEqual({
      logoffUrl: `https://em.test:9398/api/logonSessions/${id}`,
      sessionId: id,
    });
    expect(at('/api/backupServers/x')).toBeUndefined();
    expect(at('/api/backupServers/x', `<SessionId>${id}</SessionId>`)).toEqual({
      logoffUrl: `https://em.test:9398/api/logonSessions/${id}`,
      sessionId: id,
    });
    expect(at('/api/backupServers/x', '<SessionId>../jobs</SessionId>')).toBeUndefined();
  });
});
