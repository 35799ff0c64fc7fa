import { inspect } from 'node:util';
import { ClientError, type ClientEvent, createClient } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulator, recordingFetch } from './helpers/emulator.js';

const USER = 'canary-user';
const CANARY = 'canary-Pa55w0rd-7f3e9c';
const BASIC = Buffer.from(`${USER}:${CANARY}`).toString('base64');

let em: RunningEmulator;
beforeEach(async () => {
  em = await emulator({ users: [{ username: USER, password: CANARY }] });
});
afterEach(async () => {
  await em.close();
});

/** Everything a program could print about a value. */
function renderings(value: unknown): string[] {
  const out = [
    String(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  ];
  try {
    out.push(JSON.stringify(value));
  } catch {
    out.push('(not JSON)');
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '');
    let cause: unknown = value.cause;
    for (let depth = 0; cause !== undefined && depth < 8; depth++) {
      out.push(
        String(cause),
        inspect(cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      );
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return out;
}

describe('secrets never leave the client', () => {
  it('no error, event or inspection shows the password, the Basic header or the token', async () => {
    const events: ClientEvent[] = [];
    const recorded = recordingFetch();
    const client = createClient({
      url: em.url,
      username: USER,
      password: CANARY,
      fetch: recorded.fetch,
      timeout: 200,
      retry: { limit: 1, baseDelayMs: 1 },
      onEvent: (event) => events.push(event),
    });
    await client.jobs.list();
    const token = recorded.requests.find((r) => r.headers['x-restsvcsessionid'])?.headers[
      'x-restsvcsessionid'
    ];
    expect(token).toMatch(/\S{8,}/);
    const secrets = [CANARY, BASIC, token as string, encodeURIComponent(token as string)];

    const errors: unknown[] = [];
    const collect = (promise: Promise<unknown>) => promise.catch((e: unknown) => errors.push(e));
    await collect(client.backupSessions.get('00000000-0000-0000-0000-000000000000'));
    em.faults.add({ fault: { kind: 'status', status: 503 }, path: '/jobs', times: 2 });
    await collect(client.jobs.list());
    em.faults.add({ fault: { kind: 'malformed' }, path: '/jobs', times: 2 });
    await collect(client.jobs.list());
    em.faults.add({ fault: { kind: 'reset' }, path: '/jobs', times: 2 });
    await collect(client.jobs.list());
    em.faults.add({ fault: { kind: 'stall' }, path: '/jobs', times: 2 });
    await collect(client.jobs.list());
    em.faults.add({ fault: { kind: 'expire-token' }, path: '/jobs', times: 2 });
    await collect(client.jobs.list());
    const controller = new AbortController();
    controller.abort();
    await collect(client.jobs.list({ signal: controller.signal }));
    await client.close();
    await collect(client.jobs.list());

    const wrong = createClient({
      url: em.url,
      username: USER,
      password: `${CANARY}-wrong`,
      fetch: recorded.fetch,
    });
    await collect(wrong.jobs.list());
    await wrong.close();
    const tlsToPlainHttp = createClient({
      url: em.url.replace('http:', 'https:'),
      username: USER,
      password: CANARY,
    });
    await collect(tlsToPlainHttp.jobs.list());
    await tlsToPlainHttp.close();
    const refused = createClient({
      url: 'http://127.0.0.1:9',
      username: USER,
      password: CANARY,
      retry: { limit: 0 },
    });
    await collect(refused.jobs.list());

    const names = errors.map((e) => (e as Error).name);
    expect(new Set(names)).toEqual(
      new Set([
        'NotFoundError',
        'HttpError',
        'ResponseError',
        'NetworkError',
        'TimeoutError',
        'AuthenticationError',
        'AbortError',
        'ClientClosedError',
        'TlsError',
      ]),
    );
    for (const error of errors) expect(error).toBeInstanceOf(ClientError);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['logon', 'response', 'retry', 'logoff']),
    );

    const printed = [
      ...errors.flatMap(renderings),
      ...events.flatMap(renderings),
      ...renderings(client),
      ...renderings(wrong),
    ].join('\n');
    for (const secret of secrets) expect(printed.includes(secret)).toBe(false);
    // The scan itself can see a secret where one is.
    expect(renderings(new Error('x', { cause: { header: BASIC } })).join('\n')).toContain(BASIC);
  });

  it('takes secrets out of what a server echoes back: EM messages, bodies, redirects', async () => {
    const token = 'echoed+session/token5c1d9e2b==';
    const errorXml = (status: number, message: string) =>
      new Response(
        `<Error xmlns="http://www.veeam.com/ent/v1.0" Message="${message}" StatusCode="${status}" />`,
        { status, headers: { 'Content-Type': 'application/xml' } },
      );
    const echoing = (async (input: Request | string | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      const authorization = request.headers.get('authorization') ?? '';
      const sent = request.headers.get('x-restsvcsessionid') ?? '';
      if (path.startsWith('/api/sessionMngr')) {
        if (authorization.endsWith('wrong')) return errorXml(401, `bad ${authorization}`);
        const logon = await globalThis.fetch(request);
        return new Response(await logon.text(), {
          status: logon.status,
          headers: { 'Content-Type': 'application/xml', 'X-RestSvcSessionId': token },
        });
      }
      if (path === '/api/jobs') return errorXml(400, `session ${sent} is bad`);
      if (path === '/api/backupServers')
        return new Response('', {
          status: 302,
          headers: { Location: `https://x.example/?t=${sent}&u=${encodeURIComponent(sent)}` },
        });
      if (path.startsWith('/api/backupSessions/') && request.method === 'GET')
        // A value the decoder quotes, cut to 80 characters in the middle of the password; or
        // the token, whole.
        return new Response(
          `<BackupJobSession xmlns="http://www.veeam.com/ent/v1.0" Href="h" Type="BackupJobSession" UID="u" Name="n"><CreationTimeUTC>${path.endsWith('0') ? `${'x'.repeat(62)}${CANARY}` : sent}</CreationTimeUTC></BackupJobSession>`,
          { status: 200, headers: { 'Content-Type': 'application/xml' } },
        );
      if (path.startsWith('/api/backupSessions/') && request.method === 'POST')
        return new Response(
          `<Task xmlns="http://www.veeam.com/ent/v1.0" Href="${em.url}/api/tasks/task-1"><Links /><TaskId>task-1</TaskId><State>Finished</State><Operation>StopJobSession</Operation><Result Success="false"><Message>refused for ${sent} and ${CANARY}</Message></Result></Task>`,
          { status: 202, headers: { 'Content-Type': 'application/xml' } },
        );
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const events: ClientEvent[] = [];
    const client = createClient({
      url: em.url,
      username: USER,
      password: CANARY,
      fetch: echoing,
      retry: { limit: 0 },
      onEvent: (event) => events.push(event),
    });
    const session = 'urn:veeam:BackupJobSession:0f0f0f0f-0000-0000-0000-000000000000';
    const errors = [
      await client.backupSessions.get(session).catch((e: unknown) => e),
      await client.backupSessions.get(session.replace(/0$/, '1')).catch((e: unknown) => e),
      await client.stopSession(session).catch((e: unknown) => e),
      await client.jobs.list().catch((e: unknown) => e),
      await client.backupServers.list().catch((e: unknown) => e),
    ];
    await client.close().catch(() => {});
    const wrongBasic = Buffer.from(`${USER}:wrong`).toString('base64');
    const wrong = createClient({ url: em.url, username: USER, password: 'wrong', fetch: echoing });
    errors.push(await wrong.jobs.list().catch((e: unknown) => e));
    await wrong.close();
    for (const error of errors) expect(error).toBeInstanceOf(ClientError);
    const printed = [...errors.flatMap(renderings), ...events.flatMap(renderings)].join('\n');
    const secrets = [CANARY, BASIC, token, wrongBasic];
    // Whole, encoded, or cut by a quote: 12 characters of a secret are as good as all of it.
    for (const secret of [...secrets, encodeURIComponent(token), CANARY.slice(0, 12)])
      expect(printed).not.toContain(secret);
    expect(errors.map((error) => (error as Error).name)).toContain('TaskFailedError');
    // A token is cut out where it stands; a text that holds the password is withheld whole.
    expect(printed).toContain('session [redacted] is bad');
    expect(printed).toContain('[text withheld: it held a secret]');
  });

  it('withholds the whole of a text from the server that holds the password, which may be a word of it', async () => {
    await em.close();
    em = await emulator({ users: [{ username: USER, password: 'server' }] });
    // The emulator's message for an injected 500 is `Internal server error (injected by …)`.
    em.faults.add({ fault: { kind: 'status', status: 500 }, path: '/jobs', times: 1 });
    const events: ClientEvent[] = [];
    const client = createClient({
      url: em.url,
      username: USER,
      password: 'server',
      retry: { limit: 0 },
      onEvent: (event) => events.push(event),
    });
    const error = await client.jobs.list().catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(ClientError);
    expect((error as Error).message).toBe(`GET ${em.url}/api/jobs answered 500`);
    const printed = [...renderings(error), ...events.flatMap(renderings)].join('\n');
    // `Internal [redacted] error` would tell the password.
    expect(printed).not.toMatch(/Internal|server error|\[redacted\] error/);
  });

  it('takes secrets out however they are percent-encoded: lower-case hex, or some characters only', async () => {
    const token = 'echoed+session/token5c1d9e2b==';
    const lower = (text: string) =>
      encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    // As .NET's HttpUtility.UrlEncode writes it, a character encoded that need not be, half and half.
    const forms = [
      lower(token),
      'echoed%2Bsession%2ftoken5c1d9e2b%3D=',
      'echoed+session/token5c1d9e2b%3d%3D',
      `%65${token.slice(1)}`,
      lower(BASIC),
      CANARY.replace('-', '%2d'),
      CANARY.replace('-', '%2D').replace('P', '%50'),
    ];
    const echoing = (async (input: Request | string | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      if (path.startsWith('/api/sessionMngr')) {
        const logon = await globalThis.fetch(request);
        return new Response(await logon.text(), {
          status: logon.status,
          headers: { 'Content-Type': 'application/xml', 'X-RestSvcSessionId': token },
        });
      }
      // The token and the Basic credentials, cut out; the password, which withholds the text.
      if (path === '/api/jobs' || path === '/api/backupServers')
        return new Response(
          `<Error xmlns="http://www.veeam.com/ent/v1.0" Message="bad ${(path === '/api/jobs' ? forms.slice(0, 5) : forms.slice(5)).join(' ')}" StatusCode="400" />`,
          { status: 400, headers: { 'Content-Type': 'application/xml' } },
        );
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const events: ClientEvent[] = [];
    const client = createClient({
      url: em.url,
      username: USER,
      password: CANARY,
      fetch: echoing,
      retry: { limit: 0 },
      onEvent: (event) => events.push(event),
    });
    const errors = [
      await client.jobs.list().catch((e: unknown) => e),
      await client
        .follow(`/api/jobs?sid=${forms[0]}&u=${forms[1]}`, { root: 'EntityReferences' })
        .catch((e: unknown) => e),
      await client.backupServers.list().catch((e: unknown) => e),
    ];
    await client.close().catch(() => {});
    for (const error of errors) expect(error).toBeInstanceOf(ClientError);
    const printed = [...errors.flatMap(renderings), ...events.flatMap(renderings)].join('\n');
    for (const form of forms) expect(printed).not.toContain(form);
    expect((errors[0] as Error).message).toBe(
      `GET ${em.url}/api/jobs answered 400: bad ${forms
        .slice(0, 5)
        .map(() => '[redacted]')
        .join(' ')}`,
    );
    expect((errors[2] as Error).message).toBe(`GET ${em.url}/api/backupServers answered 400`);
    expect((errors[1] as ClientError).request?.url).toMatch(/\?sid=\[redacted\]&u=\[redacted\]$/);
  });

  it("takes the token out of URLs from EM (paging links, hrefs, a task's Href) in errors and events", async () => {
    let token = '';
    const sid = () => `sid=${encodeURIComponent(token)}`;
    let busy = true;
    const errorXml = (status: number) =>
      new Response(
        `<Error xmlns="http://www.veeam.com/ent/v1.0" Message="boom" StatusCode="${status}" />`,
        { status, headers: { 'Content-Type': 'application/xml' } },
      );
    // A hostile EM: its paging links carry the session token, then its second page fails.
    const tokenInLinks = (async (input: Request | string | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      token = request.headers.get('x-restsvcsessionid') ?? token;
      const page = url.searchParams.get('page');
      const type = url.searchParams.get('type');
      if (url.pathname === '/api/query' && page === '2' && url.searchParams.get('pageSize') === '3')
        return new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
        });
      if (url.pathname === '/api/query' && page === '2' && type === 'BackupJobSession') {
        if (!busy) return errorXml(500);
        busy = false;
        return errorXml(503);
      }
      if (url.pathname === '/api/query') {
        const answer = await globalThis.fetch(request);
        let body = (await answer.text()).replace(
          /(page=\d+)(" Rel=")/g,
          (_all, link: string, rel: string) => `${link}&amp;${sid()}${rel}`,
        );
        // A task session page 2 that comes back as page 3: the crawl's own error.
        if (page === '2') body = body.replace('PageNum="2"', 'PageNum="3"');
        return new Response(body, {
          status: answer.status,
          headers: { 'Content-Type': 'application/xml' },
        });
      }
      if (url.pathname === '/api/nobody') return new Response(null, { status: 204 });
      if (url.pathname.startsWith('/api/backupSessions/') && request.method === 'POST')
        return new Response(
          `<Task xmlns="http://www.veeam.com/ent/v1.0" Href="${em.url}/api/tasks/task-1?${sid()}"><Links /><TaskId>task-1</TaskId><State>Finished</State><Operation>StopJobSession</Operation><Result Success="false"><Message>no</Message></Result></Task>`,
          { status: 202, headers: { 'Content-Type': 'application/xml' } },
        );
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const events: ClientEvent[] = [];
    const client = createClient({
      url: em.url,
      username: USER,
      password: CANARY,
      fetch: tokenInLinks,
      retry: { limit: 1, baseDelayMs: 1 },
      timeout: 300,
      onEvent: (event) => events.push(event),
    });
    const failureOf = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: unknown) => e,
      );
    const errors = [
      await failureOf(client.query('BackupJobSession', { pageSize: 2 }).toArray()),
      await failureOf(client.query('BackupTaskSession', { pageSize: 2 }).toArray()),
      await failureOf(client.query('BackupJobSession', { pageSize: 3 }).toArray()),
    ];
    expect(token).toMatch(/\S{8,}/);
    errors.push(
      await failureOf(client.follow(`${em.url}/api/nobody?${sid()}`, { root: 'Job' })),
      await failureOf(client.follow(`x:${'/'.repeat(180)}?${sid()}`)),
      await failureOf(
        client.stopSession('urn:veeam:BackupJobSession:0f0f0f0f-0000-0000-0000-000000000000'),
      ),
    );
    await client.close();

    expect(errors.map((error) => (error as Error).name)).toEqual([
      'HttpError',
      'ResponseError',
      'TimeoutError',
      'ResponseError',
      'ClientOptionsError',
      'TaskFailedError',
    ]);
    const [pageError] = errors as ClientError[];
    expect(pageError?.request?.url).toMatch(/&page=2&sid=\[redacted\]$/);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'retry', url: expect.stringMatching(/sid=\[redacted\]$/) }),
    );
    const printed = [...errors.flatMap(renderings), ...events.flatMap(renderings)].join('\n');
    for (const secret of [token, encodeURIComponent(token), encodeURIComponent(token).slice(0, 12)])
      expect(printed).not.toContain(secret);
  });

  it('keeps the token secret however many session headers other answers carry', async () => {
    // A proxy or a hostile EM adds a token header of its own to every answer: only the logon's
    // is a secret, and those others must not push it out of the scrubber.
    let fake = 0;
    let token = '';
    const events: ClientEvent[] = [];
    const client = createClient({
      url: em.url,
      username: USER,
      password: CANARY,
      onEvent: (event) => events.push(event),
      fetch: (async (request: Request) => {
        token ||= request.headers.get('x-restsvcsessionid') ?? '';
        // The refused request is answered last, after every other answer's header was seen.
        if (request.url.includes('/nothing-here')) await new Promise((r) => setTimeout(r, 300));
        const response = await fetch(request);
        if (request.method !== 'GET' || !response.ok) return response;
        const headers = new Headers(response.headers);
        headers.set('X-RestSvcSessionId', `fake-token-${++fake}`);
        return new Response(await response.arrayBuffer(), { status: response.status, headers });
      }) as typeof fetch,
    });
    await client.jobs.list();
    expect(token).toMatch(/\S{8,}/);
    const refused = client
      .follow(`${em.url}/api/nothing-here?sid=${encodeURIComponent(token)}`, { root: 'EntityRef' })
      .catch((e: unknown) => e);
    await Promise.all(Array.from({ length: 20 }, () => client.jobs.list()));
    const error = await refused;
    expect(error).toBeInstanceOf(ClientError);
    for (const text of [...renderings(error), JSON.stringify(events)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(encodeURIComponent(token));
    }
    await client.close();
  });

  it('an error carries the request method and URL, never headers', async () => {
    const client = createClient({ url: em.url, username: USER, password: CANARY });
    const error = (await client.backupSessions
      .get('00000000-0000-0000-0000-000000000000')
      .catch((e: unknown) => e)) as ClientError;
    expect(error.toJSON()).toEqual({
      name: 'NotFoundError',
      message: expect.stringContaining('404'),
      request: {
        method: 'GET',
        url: `${em.url}/api/backupSessions/00000000-0000-0000-0000-000000000000?format=Entity`,
      },
      retryable: false,
      status: 404,
      emError: expect.objectContaining({ StatusCode: 404 }),
    });
    await client.close();
  });
});
