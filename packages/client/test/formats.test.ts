import {
  type ClientEvent,
  createClient,
  HttpError,
  NotEnterpriseManagerError,
  ResponseError,
  ResponseTooLargeError,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, DATASET_NOW, emulator } from './helpers/emulator.js';

let em: RunningEmulator | undefined;
afterEach(async () => {
  expect(em?.stats().openLogonSessions ?? 0).toBe(0);
  await em?.close();
  em = undefined;
});

/** A client of a fake EM whose job list holds `inside` within its root element. */
const clientListingJobs = (inside: string, events: ClientEvent[]) =>
  createClient({
    url: 'https://em.example.com',
    username: 'u',
    password: 'p',
    onEvent: (event) => events.push(event),
    fetch: emListingJobs(inside),
  });

/** A fake EM whose job list holds `inside` within its root element. */
const emListingJobs = (inside: string) =>
  (async (input: Request | string | URL) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    if (path === '/api/jobs')
      return new Response(
        `<EntityReferences xmlns="http://www.veeam.com/ent/v1.0">${inside}</EntityReferences>`,
        { status: 200, headers: { 'Content-Type': 'application/xml' } },
      );
    if (path === '/api/logonSessions/1') return new Response(null, { status: 204 });
    if (path.startsWith('/api/sessionMngr'))
      return new Response(
        `<LogonSession xmlns="http://www.veeam.com/ent/v1.0" Href="https://em.example.com/api/logonSessions/1" Type="LogonSession"><Links><Link Href="https://em.example.com/api/logonSessions/1" Rel="Delete" /></Links><UserName>u</UserName><SessionId>1</SessionId></LogonSession>`,
        {
          status: 201,
          headers: { 'Content-Type': 'application/xml', 'X-RestSvcSessionId': 't0k3n' },
        },
      );
    return new Response(
      '<EnterpriseManager xmlns="http://www.veeam.com/ent/v1.0"><SupportedVersions><SupportedVersion Name="v1_7"><Links><Link Href="https://em.example.com/api/sessionMngr/?v=v1_7" Type="LogonSession" Rel="Create" /></Links></SupportedVersion></SupportedVersions></EnterpriseManager>',
      { status: 200, headers: { 'Content-Type': 'application/xml' } },
    );
  }) as typeof fetch;

describe('XML and JSON', () => {
  for (const emVersion of [12, 13] as const) {
    it(`give deep-equal values on EM ${emVersion} (${emVersion === 13 ? 'camelCase' : 'PascalCase'} JSON)`, async () => {
      em = await emulator({ emVersion });
      const running = em;
      const read = async (format: 'xml' | 'json') => {
        const client = clientOf(running, { format });
        const result = {
          root: await client.logon().then(({ apiVersion }) => apiVersion),
          refs: await client.backupSessions.list(),
          sessions: await client
            .sessions({ since: '10d', now: () => DATASET_NOW, pageSize: 50 })
            .toArray(),
          tasks: await client.query('BackupTaskSession', { pageSize: 100 }).toArray(),
          restores: await client.restoreSessions.listEntities(),
          jobs: await client.jobs.listEntities(),
          servers: await client.backupServers.listEntities(),
          refsQuery: await client.query('ReplicaJobSession', { format: 'references' }).toArray(),
          statistics: await client.reports.jobStatistics(),
        };
        await client.close();
        return result;
      };
      const xml = await read('xml');
      const json = await read('json');
      expect(xml.sessions.length).toBeGreaterThan(0);
      expect(json).toEqual(xml);
    }, 30_000); // some hundred requests: seconds on a loaded 2-core host
  }
});

describe('Content-Type', () => {
  it('reads answers whose media type has a charset parameter or none, errors included', async () => {
    em = await emulator();
    const running = em;
    const read = async (format: 'xml' | 'json', contentType: string) => {
      const client = clientOf(running, {
        format,
        retry: { limit: 0 },
        // EM sends the bare media type; a proxy in between may add the charset.
        fetch: (async (input: Request | string | URL, init?: RequestInit) => {
          const answer = await fetch(input, init);
          const headers = new Headers(answer.headers);
          headers.set('Content-Type', contentType);
          return new Response(answer.body, { status: answer.status, headers });
        }) as typeof fetch,
      });
      const result = {
        refs: await client.backupSessions.list(),
        jobs: await client.jobs.listEntities(),
        missing: await client.jobs
          .get(`urn:veeam:Job:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`)
          .catch((error: unknown) => (error as Error).constructor.name),
      };
      await client.close();
      return result;
    };
    const bare = await read('xml', 'application/xml');
    expect(bare.refs.length).toBeGreaterThan(0);
    expect(bare.missing).toBe('NotFoundError');
    expect(await read('xml', 'application/xml; charset=utf-8')).toEqual(bare);
    expect(await read('json', 'application/json')).toEqual(bare);
    expect(await read('json', 'application/json; charset=utf-8')).toEqual(bare);
  });
});

describe('not Enterprise Manager', () => {
  const vbrRestApi = (async () => {
    // The Backup & Replication REST API answers /api/ like this, in JSON.
    return new Response(JSON.stringify({ errorCode: 'NotFound', message: 'Resource not found' }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;

  it('port 9419 gets a clear error that names the right port', async () => {
    const client = createClient({
      url: 'https://vbr.example.com:9419',
      username: 'u',
      password: 'p',
      fetch: vbrRestApi,
    });
    const error = await client.backupSessions.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEnterpriseManagerError);
    expect((error as Error).message).toMatch(/9419 is the Backup & Replication REST API.*9398/);
  });

  it('a 200 that is not EM is a NotEnterpriseManagerError too', async () => {
    const client = createClient({
      url: 'https://web.example.com',
      username: 'u',
      password: 'p',
      retry: { limit: 0 },
      fetch: (async () =>
        new Response('<html><body>It works!</body></html>', { status: 200 })) as typeof fetch,
    });
    const error = await client.logon().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEnterpriseManagerError);
    expect((error as Error).cause).toBeInstanceOf(ResponseError);
  });

  it('a 204 on GET /api/ is a NotEnterpriseManagerError, not a TypeError', async () => {
    const client = createClient({
      url: 'https://web.example.com',
      username: 'u',
      password: 'p',
      fetch: (async () => new Response(null, { status: 204 })) as typeof fetch,
    });
    const error = await client.logon().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEnterpriseManagerError);
    expect((error as Error).message).toMatch(/answered 204 without a body/);
    expect((error as Error).cause).toBeInstanceOf(ResponseError);
    await client.close();
  });

  it('a warning event names an unknown element in at most 80 characters', async () => {
    const name = `X${'y'.repeat(1_000_000)}`;
    const events: ClientEvent[] = [];
    const client = clientListingJobs(`<${name}/>`, events);
    await client.jobs.list();
    await client.close();
    const warnings = events.filter((event) => event.type === 'warning');
    expect(warnings).toHaveLength(1);
    const message = (warnings[0] as { message: string }).message;
    expect(message).toContain(`X${'y'.repeat(79)}…`);
    expect(message.length).toBeLessThan(400);
  });

  it('a warning event says how many warnings past maxWarnings were left out', async () => {
    const events: ClientEvent[] = [];
    const client = clientListingJobs('<New/>'.repeat(1_005), events);
    await client.jobs.list();
    await client.close();
    const warnings = events.filter((event) => event.type === 'warning');
    expect(warnings).toHaveLength(1_001);
    expect((warnings[1_000] as { message: string }).message).toMatch(
      /: 5 more warnings omitted \(maxWarnings\) at \/EntityReferences$/,
    );
  });

  it('a body over maxResponseBytes is a ResponseTooLargeError, on GET /api/ too, not "not EM"', async () => {
    em = await emulator();
    const tiny = clientOf(em, { maxResponseBytes: 100 });
    const first = await tiny.jobs.list().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ResponseTooLargeError);
    expect(first).toBeInstanceOf(ResponseError);
    expect(first).toMatchObject({ limit: 100, retryable: false });
    expect((first as Error).message).toMatch(/larger than 100 bytes \(maxResponseBytes\)/);
    await tiny.close();
    const small = clientOf(em, { maxResponseBytes: 3000 });
    const later = await small.backupSessions.list().catch((e: unknown) => e);
    expect(later).toBeInstanceOf(ResponseTooLargeError);
    expect(JSON.parse(JSON.stringify(later))).toMatchObject({
      name: 'ResponseTooLargeError',
      limit: 3000,
    });
    await small.close();
  });

  it('EM busy (502, 503, 504 or 429) on GET /api/ is retried, then a retryable HttpError', async () => {
    em = await emulator();
    const root = /^\/api\/?$/;
    em.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', path: root, times: 2 });
    const recovers = clientOf(em);
    await recovers.logon();
    await recovers.close();
    for (const status of [502, 503, 504, 429] as const) {
      em.faults.add({ fault: { kind: 'status', status }, method: 'GET', path: root, times: 4 });
      const client = clientOf(em);
      const error = await client.jobs.list().catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(NotEnterpriseManagerError);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status, retryable: true });
      await client.close();
    }
    expect(em.stats().logons).toBe(1);
  });

  it('an EM that answers XML to a JSON request (before 9.5 U4) still decodes', async () => {
    em = await emulator();
    const running = em;
    const client = clientOf(running, {
      format: 'json',
      fetch: (async (request: Request) => {
        const headers = new Headers(request.headers);
        headers.delete('accept');
        return fetch(new Request(request, { headers }));
      }) as typeof fetch,
    });
    expect((await client.jobs.list()).length).toBe(running.dataset.jobs.length);
    await client.close();
  });
});
