import { readFileSync } from 'node:fs';
import {
  ClientClosedError,
  type ClientEvent,
  ClientOptionsError,
  createClient,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it, vi } from 'vitest';
import { clientOf, DATASET_NOW, recordingFetch, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

/** The listener-leak warnings Node emits while `run` runs and just after. */
async function listenerLeakWarningsOf(run: () => Promise<void>): Promise<Error[]> {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');
}

describe('session lifecycle', () => {
  it('sends nothing until the first call, then logs on once for many calls', async () => {
    const client = clientOf(em);
    expect(em.stats().requests).toBe(0);
    await Promise.all([
      client.backupSessions.list(),
      client.jobs.list(),
      client.backupServers.list(),
      client.reports.overview(),
    ]);
    await client.restoreSessions.list();
    expect(em.stats().logons).toBe(1);
    expect(em.stats().openLogonSessions).toBe(1);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
    expect(em.stats().logoffs).toBe(1);
  });

  it('puts one listener on a signal many clients share, while they have requests in flight', async () => {
    const shared = new AbortController();
    const leaks = await listenerLeakWarningsOf(async () => {
      let listening = 0;
      let most = 0;
      const add = shared.signal.addEventListener.bind(shared.signal);
      const remove = shared.signal.removeEventListener.bind(shared.signal);
      shared.signal.addEventListener = ((...args: unknown[]) => {
        most = Math.max(most, ++listening);
        return (add as (...rest: unknown[]) => void)(...args);
      }) as typeof shared.signal.addEventListener;
      shared.signal.removeEventListener = ((...args: unknown[]) => {
        listening--;
        return (remove as (...rest: unknown[]) => void)(...args);
      }) as typeof shared.signal.removeEventListener;
      const clients = Array.from({ length: 12 }, () => clientOf(em, { signal: shared.signal }));
      await Promise.all(
        clients.flatMap((client) => [
          client.backupSessions.list(),
          client.jobs.list(),
          client.backupServers.list(),
        ]),
      );
      // One listener while any client has requests in flight, none once they are done.
      expect(most).toBe(1);
      expect(listening).toBe(0);
      await Promise.all(clients.map((client) => client.close()));
    });
    expect(leaks).toEqual([]);
    // A client made on an aborted signal is aborted too.
    shared.abort();
    const late = clientOf(em, { signal: shared.signal });
    await expect(late.jobs.list()).rejects.toThrow(/aborted/);
    await late.close();
  });

  it('makes Node warn of no listener leak in taskSessionsOf() at concurrency 16, signal or not', async () => {
    const leaks = await listenerLeakWarningsOf(async () => {
      const client = clientOf(em);
      const sessions = (await client.backupSessions.listEntities()).slice(0, 40);
      for (const signal of [undefined, new AbortController().signal]) {
        let count = 0;
        for await (const _ of client.taskSessionsOf(sessions, { concurrency: 16, signal })) count++;
        expect(count).toBe(40);
      }
      await client.close();
    });
    expect(leaks).toEqual([]);
  }, 20_000);

  it('makes Node warn of no listener leak at concurrency 64, while requests wait for a logon too', async () => {
    const leaks = await listenerLeakWarningsOf(async () => {
      // Every request waits for the first logon, then for a second one after the token expires.
      em.faults.add({
        fault: { kind: 'latency', ms: 200 },
        method: 'POST',
        path: '/sessionMngr',
        times: 2,
      });
      em.faults.add({ fault: { kind: 'expire-token' }, path: '/query', after: 40 });
      const client = clientOf(em, { concurrency: 64, signal: new AbortController().signal });
      const crawl = client.sessions({
        since: '7d',
        now: () => DATASET_NOW,
        pageSize: 5,
        maxPagesPerSlice: 1,
        signal: new AbortController().signal,
      });
      expect((await crawl.toArray()).length).toBeGreaterThan(64);
      expect(em.stats().logons).toBe(2);
      await client.close();
    });
    expect(leaks).toEqual([]);
  }, 20_000);

  it('a second close() during the first waits for the same logoff', async () => {
    const client = clientOf(em);
    await client.jobs.list();
    em.faults.add({
      fault: { kind: 'latency', ms: 300 },
      method: 'DELETE',
      path: '/logonSessions',
    });
    const first = client.close();
    await client[Symbol.asyncDispose]();
    expect(em.stats().logoffs).toBe(1);
    expect(em.stats().openLogonSessions).toBe(0);
    expect(client.close()).toBe(first);
    await first;
  });

  it('logs on with the newest version EM offers, or the one asked for', async () => {
    const newest = clientOf(em);
    expect((await newest.logon()).apiVersion).toBe('v1_7');
    await newest.close();
    const recorded = recordingFetch();
    const older = clientOf(em, { apiVersion: 'v1_5', fetch: recorded.fetch });
    const info = await older.logon();
    expect(info.apiVersion).toBe('v1_5');
    expect(info.userName).toBe('emulator');
    expect(
      recorded.requests.map(
        (r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`,
      ),
    ).toEqual(['GET /api/', 'POST /api/sessionMngr/?v=v1_5']);
    await older.close();
    const missing = clientOf(em, { apiVersion: 'v9_9' });
    await expect(missing.logon()).rejects.toThrow(ClientOptionsError);
    await expect(missing.logon()).rejects.toThrow(/v1_5, v1_6, v1_7/);
    await missing.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('sends Basic only to the logon and the token only in X-RestSvcSessionId', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    await client.backupSessions.list();
    await client.close();
    const [root, logon, list, logoff] = recorded.requests;
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(root?.headers['user-agent']).toBe(`vbem-client/${version}`);
    expect(root?.headers.authorization).toBeUndefined();
    expect(logon?.headers.authorization).toMatch(/^Basic /);
    expect(logon?.headers['x-restsvcsessionid']).toBeUndefined();
    for (const request of [list, logoff]) {
      expect(request?.headers.authorization).toBeUndefined();
      expect(request?.headers['x-restsvcsessionid']).toMatch(/\S/);
      expect(request?.headers.cookie).toBeUndefined();
    }
    expect(logoff?.method).toBe('DELETE');
    expect(new URL(logoff?.url ?? '').pathname).toMatch(/^\/api\/logonSessions\/[0-9a-f-]{36}$/);
  });

  it('accepts the URL with or without /api and a trailing slash', async () => {
    for (const url of [em.url, `${em.url}/`, `${em.url}/api`, `${em.url}/api/`]) {
      const client = clientOf(em, { url });
      expect(client.apiBase).toBe(`${em.url}/api/`);
      await client.jobs.list();
      await client.close();
    }
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('close() twice is harmless and later calls fail with ClientClosedError', async () => {
    const client = clientOf(em);
    await client.jobs.list();
    await client.close();
    await client.close();
    await expect(client.jobs.list()).rejects.toThrow(ClientClosedError);
    expect(em.stats().logoffs).toBe(1);
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it.each([
    ["Node's fetch", {}],
    ['a dispatcher of its own', { tls: { rejectUnauthorized: false } }],
  ] as const)('close() stops a call in flight once the logoff is done (%s)', async (_, options) => {
    const order: string[] = [];
    const client = clientOf(em, {
      ...options,
      timeout: 8_000,
      onEvent: (event) => {
        if (event.type === 'logoff') order.push(`logoff ${event.ok}`);
      },
    });
    await client.logon();
    em.faults.add({ fault: { kind: 'stall' }, path: '/jobs', times: 1 });
    const call = client.jobs.list().then(
      () => 'answered',
      (error: unknown) => {
        order.push('call failed');
        return error;
      },
    );
    await vi.waitFor(() => expect(em.stats().faultsInjected.stall).toBe(1));
    const started = performance.now();
    await client.close();
    // Before: close() waited for the stalled request (8 s) with a dispatcher, and the call failed
    // only at its timeout without one.
    expect(performance.now() - started).toBeLessThan(2_000);
    const error = await call;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ClientClosedError);
    expect((error as ClientClosedError).message).toMatch(
      /^GET .*\/api\/jobs was stopped: the client was closed$/,
    );
    expect((error as ClientClosedError).request?.method).toBe('GET');
    // The logoff went out (and was answered) before any caller heard of the close.
    expect(order).toEqual(['logoff true', 'call failed']);
  });

  it("close() stops a stopSession() waiting between two polls of EM's task", async () => {
    const task = `<Task xmlns="http://www.veeam.com/ent/v1.0" Href="${em.url}/api/tasks/task-9" Type="Task"><Links /><TaskId>task-9</TaskId><State>Running</State><Operation>StopJobSession</Operation></Task>`;
    const fetch = (async (request: Request) => {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith('/api/backupSessions/') || pathname.startsWith('/api/tasks/'))
        return new Response(task, { status: pathname.startsWith('/api/tasks/') ? 200 : 202 });
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch });
    const stopping = client
      .stopSession('00000000-0000-0000-0000-000000000000', { pollIntervalMs: 60_000 })
      .catch((error: unknown) => error);
    // The stop's POST has been answered: the call waits out its poll interval.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await client.close();
    expect(await stopping).toBeInstanceOf(ClientClosedError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('gives an unresponsive logoff 5 s in all, its retry included', async () => {
    let token = '';
    let deletes = 0;
    // EM never answers the logoff.
    const fetch = (async (request: Request) => {
      if (request.method !== 'DELETE') return globalThis.fetch(request);
      deletes++;
      token = request.headers.get('X-RestSvcSessionId') ?? '';
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }) as typeof globalThis.fetch;
    const events: ClientEvent[] = [];
    const client = clientOf(em, { fetch, onEvent: (e) => events.push(e) });
    const { sessionId } = await client.logon();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let closed = false;
      void client.close().then(() => {
        closed = true;
      });
      await vi.advanceTimersByTimeAsync(4_999);
      expect(closed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(() => expect(closed).toBe(true));
    } finally {
      vi.useRealTimers();
    }
    expect(deletes).toBe(1);
    expect(events.filter((e) => e.type === 'logoff')).toEqual([
      { type: 'logoff', sessionId, ok: false },
    ]);
    // The session this test left open.
    await globalThis.fetch(`${em.url}/api/logonSessions/${sessionId}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    });
  });

  it('reports the logoff of a session EM no longer knows as done, not failed', async () => {
    const events: ClientEvent[] = [];
    // EM answers that the session is gone ("not found", a 500): the client logs on again and
    // logs the old token off, which EM refuses as it no longer knows it; nothing is left open.
    em.faults.add({ fault: { kind: 'dead-session' }, path: '/jobs', times: 1 });
    const client = clientOf(em, { onEvent: (event) => events.push(event) });
    await client.jobs.list();
    await client.close();
    const logoffs = events.filter((event) => event.type === 'logoff');
    expect(em.stats()).toMatchObject({ logons: 2, openLogonSessions: 0 });
    expect(logoffs.length).toBeGreaterThanOrEqual(1);
    expect(logoffs.every((event) => event.type === 'logoff' && event.ok)).toBe(true);
  });

  /** A fetch that hands the client EM's logon answer changed by `spoil`, and the token and id it had. */
  const spoiledLogon = (spoil: (body: string) => string, seen: { token: string; id: string }[]) =>
    (async (request: Request) => {
      const response = await globalThis.fetch(request);
      if (request.method !== 'POST') return response;
      const body = await response.text();
      seen.push({
        token: response.headers.get('X-RestSvcSessionId') ?? '',
        id: /<SessionId>(.*)<\/SessionId>/.exec(body)?.[1] ?? '',
      });
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(spoil(body), { status: response.status, headers });
    }) as typeof globalThis.fetch;

  it('logs a session off at logonSessions/{id} when its Delete link is not a URL it sends to', async () => {
    const events: ClientEvent[] = [];
    const seen: { token: string; id: string }[] = [];
    const ftp = (body: string) =>
      body.replaceAll(`${em.url}/api/logonSessions/`, 'ftp://em.internal/api/logonSessions/');
    const fetch = spoiledLogon(ftp, seen);
    const client = clientOf(em, { fetch, onEvent: (event) => events.push(event) });
    for (let call = 0; call < 3; call++) await client.jobs.list();
    await client.close();
    expect(em.stats()).toMatchObject({ logons: 1, logoffs: 1, openLogonSessions: 0 });
    expect(events.filter((event) => event.type === 'logoff')).toEqual([
      { type: 'logoff', sessionId: seen[0]?.id, ok: true },
    ]);
    expect(events).toContainEqual({
      type: 'warning',
      message: expect.stringMatching(
        /ftp:\/\/em\.internal.* has the scheme ftp:.*; the session is logged off at http:\/\/127\.0\.0\.1:\d+\/api\/logonSessions\//,
      ),
    });
  });

  it('keeps a session it cannot log off for every call, and reports the failed logoff', async () => {
    const events: ClientEvent[] = [];
    const seen: { token: string; id: string }[] = [];
    const nowhere = (body: string) =>
      body
        .replaceAll(`${em.url}/api/logonSessions/`, 'ftp://em.internal/api/logonSessions/')
        .replace(/<SessionId>.*<\/SessionId>/, '<SessionId></SessionId>');
    const client = clientOf(em, {
      fetch: spoiledLogon(nowhere, seen),
      onEvent: (e) => events.push(e),
    });
    for (let call = 0; call < 3; call++) await client.jobs.list();
    await client.close();
    expect(em.stats()).toMatchObject({ logons: 1, logoffs: 0, openLogonSessions: 1 });
    expect(events.filter((event) => event.type === 'logoff')).toEqual([
      { type: 'logoff', sessionId: '', ok: false },
    ]);
    expect(events).toContainEqual({
      type: 'warning',
      message: expect.stringMatching(/has the scheme ftp:.*; the session cannot be logged off$/),
    });
    // The session this test could not help leaving open.
    await globalThis.fetch(`${em.url}/api/logonSessions/${seen[0]?.id}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': seen[0]?.token ?? '' },
    });
  });

  it('logs off with await using', async () => {
    {
      await using client = clientOf(em);
      await client.jobs.list();
      expect(em.stats().openLogonSessions).toBe(1);
    }
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('a client closed before any call never logs on', async () => {
    const client = clientOf(em);
    await client.close();
    expect(em.stats().requests).toBe(0);
  });

  it('refuses bad options at createClient with a ClientOptionsError naming the option', () => {
    const base = { url: em.url, username: 'u', password: 'p' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ url: 'ftp://em:21' }, /url must use https or http/],
      [{ url: 'not a url' }, /url must be an absolute/],
      [{ url: 'https://user:pw@em:9398' }, /must not carry credentials/],
      [{ username: '' }, /username/],
      [{ format: 'yaml' }, /format/],
      [{ apiVersion: 'latest' }, /apiVersion/],
      [{ timeout: 0 }, /timeout/],
      [{ retry: { limit: -1 } }, /retry.limit/],
      [{ concurrency: 0 }, /concurrency/],
      [{ tls: { fingerprint256: 'abc' } }, /fingerprint256/],
      // Node fires a timer past 2^31 - 1 ms after 1 ms: 30 days would time out at once.
      [{ timeout: 2_592_000_000 }, /timeout must be at most 2147483647 ms/],
      [{ deadline: 2 ** 31 }, /deadline must be at most 2147483647 ms/],
      [{ retry: { baseDelayMs: 2 ** 31 } }, /retry.baseDelayMs must be at most/],
      [{ retry: { maxDelayMs: 2 ** 31 } }, /retry.maxDelayMs must be at most/],
      [{ retry: { maxRetryAfterMs: 1e12 } }, /retry.maxRetryAfterMs must be at most/],
      [{ onEvent: 'log' }, /onEvent must be a function/],
      // Header values: Headers would throw a TypeError, and only at the first request for some.
      [{ userAgent: 'x\r\ny' }, /^userAgent must be header text: .*, got "x\\r\\ny"$/],
      [{ userAgent: 'vbem/€' }, /^userAgent must be header text: .*, got "vbem\/€"$/],
      [{ userAgent: 'a\0b' }, /^userAgent must be header text: /],
      [{ userAgent: 5 }, /^userAgent must be header text: .*, got 5$/],
      [{ username: 'corp:svc' }, /^username must not contain a colon$/],
      // A misspelled option would be ignored without a word.
      [
        { urll: 'x' },
        /^urll is not an option of createClient \(its options: url, username, .*, onEvent\)$/,
      ],
      [
        { retry: { limitt: 3 } },
        /^retry\.limitt is not an option of createClient \(retry's options: limit, baseDelayMs, maxDelayMs, maxRetryAfterMs\)$/,
      ],
      [
        { tls: { rejectUnauthorised: false } },
        /^tls\.rejectUnauthorised is not an option of createClient \(tls's options: ca, fingerprint256, rejectUnauthorized\)$/,
      ],
      [{ 'user name': 'u' }, /^"user name" is not an option of createClient/],
      // A long key is cut, as values are.
      [{ [`k${'e'.repeat(200)}y`]: 1 }, new RegExp(`^"k${'e'.repeat(79)}…" is not an option`)],
      [{ retry: 3 }, /^retry must be an object, got 3$/],
      [{ tls: [] }, /^tls must be an object, got an array$/],
      // null is a mistake, not "not given" (only undefined is): refused as any other non-object.
      [{ tls: null }, /^tls must be an object, got null$/],
      [{ retry: null }, /^retry must be an object, got null$/],
      // A number given as text reads differently from the number.
      [{ timeout: '5000' }, /^timeout must be a finite number >= 1, got "5000"$/],
      [{ retry: { limit: '3' } }, /^retry\.limit must be a finite number >= 0, got "3"$/],
    ];
    const longest = 2 ** 31 - 1;
    expect(() =>
      createClient({ ...base, timeout: longest, retry: { maxRetryAfterMs: longest } }),
    ).not.toThrow();
    for (const [override, message] of cases) {
      expect(() => createClient({ ...base, ...override } as never)).toThrow(ClientOptionsError);
      expect(() => createClient({ ...base, ...override } as never)).toThrow(message);
    }
    expect(() =>
      createClient({ ...base, userAgent: 'reports/2.1 (nightly;\tcheck)' }),
    ).not.toThrow();
    // Worded as every call's options are.
    for (const [options, shown] of [
      [null, 'null'],
      [undefined, 'undefined'],
      ['https://em:9398', '"https://em:9398"'],
      [[], 'an array'],
    ] as const) {
      expect(() => createClient(options as never)).toThrow(
        new ClientOptionsError(`the options of createClient must be an object, got ${shown}`),
      );
    }
    // A key given as undefined is not given.
    expect(() =>
      createClient({ ...base, urll: undefined, retry: { limitt: undefined } } as never),
    ).not.toThrow();
    // The key is named, never its value: a misspelled password option holds the password.
    expect(() => createClient({ ...base, pasword: 'hunter2' } as never)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    expect(em.stats().requests).toBe(0);
  });
});
