import {
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
    });
  }
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
