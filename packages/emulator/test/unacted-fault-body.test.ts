import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../src/http/routes.js';
import type { RunningEmulator } from '../src/index.js';
import { basic, emulatorForTest, logOn } from './emulator-harness.js';

type Format = 'xml' | 'json';

const send = async (
  emulator: RunningEmulator,
  method: string,
  path: string,
  format: Format,
  token?: string,
): Promise<{ status: number; type: string | null; text: string }> => {
  const headers: Record<string, string> = {};
  // The logon takes the credentials, every other route the token.
  if (path.startsWith('sessionMngr')) headers.Authorization = basic();
  else if (token) headers['X-RestSvcSessionId'] = token;
  if (format === 'json') headers.Accept = 'application/json';
  const response = await fetch(`${emulator.url}/api/${path}`, { method, headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
};

/** The last path segment of the first link in a list of references (a Ref's own Href). */
async function firstId(emulator: RunningEmulator, path: string, token: string): Promise<string> {
  const { text } = await send(emulator, 'GET', path, 'xml', token);
  const id = /<Ref [^>]*Href="[^"]*\/([^/"?]+)"/.exec(text)?.[1];
  if (id === undefined) throw new Error(`no reference in ${path}: ${text.slice(0, 200)}`);
  return id;
}

/** The id of the last reference of a list: of a session list (newest first), the oldest session. */
async function lastId(emulator: RunningEmulator, path: string, token: string): Promise<string> {
  const { text } = await send(emulator, 'GET', path, 'xml', token);
  const id = [...text.matchAll(/<Ref [^>]*Href="[^"]*\/([^/"?]+)"/g)].at(-1)?.[1];
  if (id === undefined) throw new Error(`no reference in ${path}: ${text.slice(0, 200)}`);
  return id;
}

/** A request for every route, in an order in which a request acting does not spoil the next. */
async function everyRoute(emulator: RunningEmulator, token: string): Promise<[string, string][]> {
  // The oldest sessions of the 30 days: a newer one may have no task session yet.
  const backup = await lastId(emulator, 'backupSessions', token);
  const replica = await lastId(emulator, 'replicaSessions', token);
  const backupTask = await firstId(emulator, `backupSessions/${backup}/taskSessions`, token);
  const replicaTask = await firstId(
    emulator,
    `replicaSessions/${replica}/replicaTaskSessions`,
    token,
  );
  const restore = await firstId(emulator, 'restoreSessions', token);
  const server = await firstId(emulator, 'backupServers', token);
  const logons = (await send(emulator, 'GET', 'logonSessions', 'xml', token)).text;
  const logon = /logonSessions\/([^"?/]+)/.exec(logons)?.[1] ?? '';
  let job = '';
  let include = '';
  for (const candidate of emulator.dataset.jobs) {
    const { text } = await send(emulator, 'GET', `jobs/${candidate.id}/includes`, 'xml', token);
    const found = /includes\/([^"?/]+)"/.exec(text)?.[1];
    if (found === undefined) continue;
    [job, include] = [candidate.id, found];
    break;
  }
  return [
    ['GET', ''],
    ['POST', 'sessionMngr/?v=latest'],
    ['GET', 'logonSessions'],
    ['GET', `logonSessions/${logon}`],
    ['GET', 'backupSessions'],
    ['GET', `backupSessions/${backup}`],
    ['GET', `backupSessions/${backup}/taskSessions`],
    ['GET', 'backupTaskSessions'],
    ['GET', `backupTaskSessions/${backupTask}`],
    ['GET', 'replicaSessions'],
    ['GET', `replicaSessions/${replica}`],
    ['GET', `replicaSessions/${replica}/replicaTaskSessions`],
    ['GET', `replicaSessions/${replica}/repicaTaskSessions`],
    ['GET', 'replicaTaskSessions'],
    ['GET', `replicaTaskSessions/${replicaTask}`],
    ['GET', `repicaTaskSessions/${replicaTask}`],
    ['GET', 'restoreSessions'],
    ['GET', `restoreSessions/${restore}`],
    ['GET', 'jobs'],
    ['GET', `jobs/${job}`],
    ['GET', `jobs/${job}/backupSessions`],
    ['GET', `jobs/${job}/includes`],
    ['GET', `jobs/${job}/includes/${include}`],
    ['GET', 'backupServers'],
    ['GET', `backupServers/${server}`],
    ['GET', `backupServers/${server}/jobs`],
    ['GET', 'query?type=Job'],
    ['GET', 'querySvc'],
    ['GET', 'reports/summary'],
    ['GET', 'reports/summary/overview'],
    ['GET', 'reports/summary/vms_overview'],
    ['GET', 'reports/summary/job_statistics'],
    ['GET', 'reports/summary/jobs_statistics'],
    ['GET', 'reports/summary/processed_vms'],
    ['GET', 'reports/summary/repository'],
    ['GET', 'nowhere'],
    ['POST', `backupSessions/${backup}?action=stop`],
    ['GET', 'tasks/task-1'],
    ['DELETE', 'tasks/task-1'],
    ['DELETE', `logonSessions/${logon}`],
  ];
}

const withFormat = (path: string, format: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}format=${format}`;

describe('emulator: a malformed or truncate fault that does not act', () => {
  it.each([
    [12, 'xml'],
    [12, 'json'],
    [13, 'xml'],
    [13, 'json'],
  ] as const)(
    "sends the start of the route's own answer (EM %i, %s), without acting on the request",
    async (emVersion, format) => {
      const emulator = await emulatorForTest({ emVersion, dataset: { runningSessions: 2 } });
      const token = await logOn(emulator);
      const requests = await everyRoute(emulator, token);
      for (const [method, path] of requests) {
        // Every variant a route answers: references, and entities with format=Entity (Entities
        // for the query service).
        const entities = path.startsWith('query') ? 'Entities' : 'Entity';
        const variants = method === 'GET' ? [path, withFormat(path, entities)] : [path];
        for (const target of variants) {
          const before = emulator.stats();
          emulator.faults.add({ fault: { kind: 'malformed' }, method });
          const broken = await send(emulator, method, target, format, token);
          const after = emulator.stats();
          // Not acted on: no logon opened, no logoff.
          expect({ ...after, requests: 0, requestsByRoute: {}, faultsInjected: {} }).toEqual({
            ...before,
            requests: 0,
            requestsByRoute: {},
            faultsInjected: {},
          });
          const real = await send(emulator, method, target, format, token);
          const what = `${method} ${target} (${real.status})`;
          expect(broken.status, what).toBe(200);
          expect(broken.type, what).toBe(real.type ?? broken.type);
          if (real.text === '') {
            expect(broken.text, what).toBe(format === 'json' ? '{' : '<');
            continue;
          }
          // The start of the real answer: its root element, or its first key in EM's casing.
          expect(real.text.startsWith(broken.text), `${what}: ${broken.text}`).toBe(true);
          expect(broken.text.length, what).toBeLessThan(real.text.length);
          if (format === 'xml')
            expect(broken.text, what).toMatch(/^<\?xml[^>]*\?><\w+ xmlns="[^"]*"$/);
          else expect(broken.text, what).toMatch(emVersion === 13 ? /^\{"[a-z]/ : /^\{"[A-Z]/);
        }
      }
      // The requests covered every route.
      const routes = Object.keys(emulator.stats().requestsByRoute);
      for (const route of ROUTES) expect(routes).toContain(`${route.method} /${route.pattern}`);
    },
  );

  it('names the root in XML and the first key in JSON: a jobs list is EntityReferences, a query a QueryResult', async () => {
    const bodies: string[] = [];
    for (const emVersion of [12, 13] as const) {
      const emulator = await emulatorForTest({ emVersion });
      const token = await logOn(emulator);
      for (const path of ['jobs', 'jobs?format=Entity', 'query?type=Job']) {
        for (const format of ['xml', 'json'] as const) {
          emulator.faults.add({ fault: { kind: 'malformed' }, path: `/${path.split('?')[0]}` });
          bodies.push((await send(emulator, 'GET', path, format, token)).text);
        }
      }
    }
    const xml = (root: string) =>
      `<?xml version="1.0" encoding="utf-8"?><${root} xmlns="http://www.veeam.com/ent/v1.0"`;
    expect(bodies).toEqual([
      xml('EntityReferences'),
      '{"Refs":',
      xml('Jobs'),
      '{"Jobs":',
      xml('QueryResult'),
      '{"Refs":',
      xml('EntityReferences'),
      '{"refs":',
      xml('Jobs'),
      '{"jobs":',
      xml('QueryResult'),
      '{"refs":',
    ]);
  });

  it('truncate sends that start and closes the connection before the length it announced', async () => {
    const emulator = await emulatorForTest({ emVersion: 13 });
    const token = await logOn(emulator);
    emulator.faults.add({ fault: { kind: 'truncate' }, path: '/jobs' });
    const { hostname, port } = new URL(emulator.url);
    const got = await new Promise<{ length: string | undefined; body: string }>((resolve) => {
      const sent = request(
        {
          hostname,
          port,
          path: '/api/jobs',
          headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('error', () => resolve({ length: response.headers['content-length'], body }));
          response.on('close', () => resolve({ length: response.headers['content-length'], body }));
        },
      );
      sent.end();
    });
    expect(got).toEqual({ length: String(2 * '{"refs":'.length), body: '{"refs":' });
    expect(emulator.stats().faultsInjected).toEqual({ truncate: 1 });
  });
});
