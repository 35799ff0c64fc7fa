import {
  ClientOptionsError,
  NotFoundError,
  ResponseError,
  TaskFailedError,
  TimeoutError,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { findLink } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { clientOf, recordingFetch, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

describe('resources', () => {
  it('backup sessions: references, entities, one by id or UID, task sessions', async () => {
    const client = clientOf(em);
    const refs = await client.backupSessions.list();
    const entities = await client.backupSessions.listEntities();
    expect(entities.map((e) => e.UID).sort()).toEqual(refs.map((r) => r.UID).sort());
    const ref = refs.find((r) => r.Name.length > 0);
    const id = ref?.UID.split(':').pop() ?? '';
    const byId = await client.backupSessions.get(id);
    const byUid = await client.backupSessions.get(ref?.UID ?? '');
    expect(byUid).toEqual(byId);
    expect((await client.backupSessions.reference(id)).UID).toBe(ref?.UID);
    const taskRefs = await client.backupSessions.taskSessions(id);
    const tasks = await client.backupSessions.taskSessionEntities(id).toArray();
    expect(tasks.map((t) => t.UID).sort()).toEqual(taskRefs.map((t) => t.UID).sort());
    expect(tasks.every((t) => t.JobSessionUid === ref?.UID)).toBe(true);
    const task = await client.backupTaskSessions.get(tasks[0]?.UID ?? '');
    expect(task).toEqual(tasks[0]);
    await client.close();
  });

  it('replica sessions and their task sessions, restore sessions, jobs, servers', async () => {
    const client = clientOf(em);
    const replicas = await client.replicaSessions.listEntities();
    expect(replicas.length).toBeGreaterThan(0);
    const replica = replicas[0];
    const tasks = await client.replicaSessions.taskSessionEntities(replica?.UID ?? '').toArray();
    expect(tasks.length).toBeGreaterThan(0);
    expect(await client.replicaTaskSessions.get(tasks[0]?.UID ?? '')).toEqual(tasks[0]);
    expect((await client.replicaSessions.taskSessions(replica?.UID ?? '')).length).toBe(
      tasks.length,
    );
    const restores = await client.restoreSessions.listEntities();
    expect(restores.length).toBeGreaterThan(0);
    expect(await client.restoreSessions.get(restores[0]?.UID ?? '')).toEqual(restores[0]);
    const jobs = await client.jobs.listEntities();
    expect(jobs.map((j) => j.Name).sort()).toEqual(em.dataset.jobs.map((j) => j.name).sort());
    expect(await client.jobs.get(jobs[0]?.UID ?? '')).toEqual(jobs[0]);
    const servers = await client.backupServers.listEntities();
    expect(servers.map((s) => s.Name).sort()).toEqual(
      em.dataset.backupServers.map((s) => s.name).sort(),
    );
    await client.close();
  });

  it('reports: the summary and every frame', async () => {
    const client = clientOf(em);
    const summary = await client.reports.summary();
    expect(summary.Links.length).toBeGreaterThan(0);
    expect((await client.reports.overview()).BackupServers).toBe(em.dataset.backupServers.length);
    expect((await client.reports.jobStatistics()).TotalJobRuns).toBeGreaterThan(0);
    expect(await client.reports.vmsOverview()).toHaveProperty('ProtectedVms');
    expect((await client.reports.processedVms()).Day.length).toBeGreaterThan(0);
    expect(Array.isArray((await client.reports.repository()).Period)).toBe(true);
    await client.close();
  });

  it("follow() reads each of the summary's links, all of Type ReportFrame, in XML and JSON", async () => {
    for (const format of ['xml', 'json'] as const) {
      const client = clientOf(em, { format });
      const { Links } = await client.reports.summary();
      const roots = [];
      for (const link of Links) roots.push((await client.follow(link)).root);
      expect(roots.sort(), format).toEqual([
        'JobStatisticsReportFrame',
        'OverviewReportFrame',
        'ProcessedVmsReportFrame',
        'RepositoryReportFrame',
        'VmsOverviewReportFrame',
      ]);
      await client.close();
    }
  });

  it('follow() reads any link: the Type names the root, even in JSON', async () => {
    for (const format of ['xml', 'json'] as const) {
      const client = clientOf(em, { format });
      const [session] = await client.backupSessions.listEntities();
      const job = findLink(session ?? { Links: [] }, { rel: 'Up', type: 'JobReference' });
      const followed = await client.follow(job ?? '');
      expect(followed.root).toBe('EntityRef');
      const tasks = findLink(session ?? { Links: [] }, { type: 'BackupTaskSessionReferenceList' });
      const list = await client.follow(tasks ?? '');
      expect(list.root).toBe('EntityReferences');
      const entity = await client.follow(session?.Href ?? '', { root: 'BackupJobSession' });
      expect(entity.value).toEqual(session);
      if (format === 'json') {
        await expect(client.follow(session?.Href ?? '')).rejects.toThrow(/pass \{ root \}/);
      } else {
        expect((await client.follow(session?.Href ?? '')).root).toBe('BackupJobSession');
      }
      await client.close();
    }
  });

  it('follows hrefs on another host name by keeping our own origin (EM behind NAT)', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const [session] = await client.backupSessions.listEntities();
    const href = (session?.Href ?? '').replace(
      /^http:\/\/[^/]+/,
      'https://em-internal.corp.local:9398',
    );
    expect((await client.follow(href, { root: 'BackupJobSession' })).value).toEqual(session);
    expect(recorded.requests.every((r) => r.url.startsWith(em.url))).toBe(true);
    await client.close();
  });

  it('never sends the session token off its own origin, whatever href follow() gets', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch, retry: { limit: 0 } });
    await client.jobs.list();
    // With the API base http://127.0.0.1:PORT/api/, `x:1/api/jobs` once went to port PORT1.
    for (const href of ['x:1/api/jobs', 'x:.evil.com/api/jobs', 'x:@evil.com/api/jobs']) {
      const error = await client
        .follow(href, { root: 'EntityReferences' })
        .catch((e: unknown) => e);
      expect(error, href).toBeInstanceOf(ClientOptionsError);
      expect((error as Error).message).toContain(href);
    }
    // Sent, but as a path on our own origin: whatever EM answers, the token stays with it.
    await client
      .follow('http://em-internal//evil.example/api/jobs', { root: 'EntityReferences' })
      .catch(() => undefined);
    await client.close();
    expect(recorded.requests.map((r) => new URL(r.url).origin)).toEqual(
      recorded.requests.map(() => em.url),
    );
  });

  it('stopSession() stops a running session and waits for the task', async () => {
    const client = clientOf(em);
    const [running] = await client
      .query('BackupJobSession', { filter: 'State==Working' })
      .toArray();
    const task = await client.stopSession(running?.UID ?? '', { pollIntervalMs: 10 });
    expect(task.State).toBe('Finished');
    expect(task.Result?.Success).toBe(true);
    await client.close();
  });

  it("stopSession() throws TaskFailedError, with EM's message and task, when EM refuses the stop", async () => {
    const client = clientOf(em);
    const [running] = await client
      .query('BackupJobSession', { filter: 'State==Working' })
      .toArray();
    await client.stopSession(running?.UID ?? '', { pollIntervalMs: 10 });
    const again = await client
      .stopSession(running?.UID ?? '', { pollIntervalMs: 10 })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TaskFailedError);
    expect((again as Error).message).toMatch(/^EM did not stop the session: .*not running/);
    expect(again).toMatchObject({ task: { State: 'Finished', Result: { Success: false } } });
    await client.close();
  });

  it('stopSession() errors name the request last sent: the stop itself when its task came back finished', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const [running] = await client
      .query('BackupJobSession', { filter: 'State==Working' })
      .toArray();
    await client.stopSession(running?.UID ?? '', { pollIntervalMs: 10 });
    const sent = recorded.requests.length;
    const again = await client
      .stopSession(running?.UID ?? '', { pollIntervalMs: 10 })
      .catch((e: unknown) => e);
    const requests = recorded.requests.slice(sent);
    expect(requests.map((r) => r.method)).toEqual(['POST']);
    expect(again).toBeInstanceOf(TaskFailedError);
    expect((again as TaskFailedError).request).toEqual({
      method: 'POST',
      url: requests[0]?.url,
    });
    await client.close();
  });

  it('stopSession() times out naming the poll it sent, on its own origin, not the raw task Href', async () => {
    const polls: string[] = [];
    const task = `<Task xmlns="http://www.veeam.com/ent/v1.0" Href="https://em-internal.corp:9398/api/tasks/task-9" Type="Task"><Links /><TaskId>task-9</TaskId><State>Running</State><Operation>StopJobSession</Operation></Task>`;
    const fetch = (async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && path.startsWith('/api/backupSessions/'))
        return new Response(task, { status: 202 });
      if (path.startsWith('/api/tasks/')) {
        polls.push(request.url);
        return new Response(task, { status: 200 });
      }
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch });
    await client.logon();
    const error = await client
      .stopSession('00000000-0000-0000-0000-000000000000', { pollIntervalMs: 10, timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.at(-1)).toBe(`${em.url}/api/tasks/task-9`);
    expect((error as TimeoutError).request).toEqual({ method: 'GET', url: polls.at(-1) });
    await client.close();
  });

  it('stopSession() fails with a ResponseError when the stop or a poll answers 204 without its task', async () => {
    const isStop = (request: Request) =>
      request.method === 'POST' && new URL(request.url).pathname.startsWith('/api/backupSessions/');
    const stopAnswered204 = (async (request: Request) => {
      const response = await globalThis.fetch(request);
      return isStop(request) ? new Response(null, { status: 204 }) : response;
    }) as typeof globalThis.fetch;
    const pollAnswered204 = (async (request: Request) => {
      const response = await globalThis.fetch(request);
      if (new URL(request.url).pathname.startsWith('/api/tasks/'))
        return new Response(null, { status: 204 });
      if (!isStop(request)) return response;
      const task = { ...((await response.json()) as object), State: 'Running' };
      return new Response(JSON.stringify(task), { status: 202, headers: response.headers });
    }) as typeof globalThis.fetch;
    for (const [fetch, said] of [
      [stopAnswered204, /^POST .*\?action=stop answered 204 without a body$/],
      [pollAnswered204, /^GET .*\/api\/tasks\/task-\d+ answered 204 without a body$/],
    ] as const) {
      const client = clientOf(em, { fetch, format: 'json' });
      const [running] = await client
        .query('BackupJobSession', { filter: 'State==Working' })
        .toArray();
      const error = await client
        .stopSession(running?.UID ?? '', { pollIntervalMs: 10 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as Error).message).toMatch(said);
      await client.close();
    }
  });

  it('stopSession() refuses a poll interval or timeout that is not a usable time, before sending', async () => {
    const client = clientOf(em);
    const requests = em.stats().requests;
    const id = 'urn:veeam:BackupJobSession:0f0f0f0f-0000-0000-0000-000000000000';
    for (const options of [
      { pollIntervalMs: 0 },
      { pollIntervalMs: Number.NaN },
      { timeoutMs: Number.NaN },
      { timeoutMs: -1 },
    ]) {
      await expect(client.stopSession(id, options)).rejects.toThrow(ClientOptionsError);
    }
    await expect(client.stopSession(id, { pollIntervalMs: 0 })).rejects.toThrow(
      'pollIntervalMs must be a finite number >= 10, got 0',
    );
    expect(em.stats().requests).toBe(requests);
    await client.close();
  });

  it('stopSession() refuses a replica session, which EM cannot stop, before sending anything', async () => {
    const client = clientOf(em);
    let uid = '';
    for await (const replica of client.query('ReplicaJobSession')) {
      uid = replica.UID;
      break;
    }
    const requests = em.stats().requests;
    await expect(client.stopSession(uid)).rejects.toThrow(ClientOptionsError);
    await expect(client.stopSession(uid)).rejects.toThrow(
      /is a replica job session; EM can stop backup job sessions only/,
    );
    await expect(client.stopSession('urn:veeam:Job:abc')).rejects.toThrow(
      /Job UID, not a BackupJobSession UID/,
    );
    expect(em.stats().requests).toBe(requests);
    await client.close();
  });

  it('refuses ids that are not ids before sending anything', async () => {
    const client = clientOf(em);
    await expect(client.backupSessions.get('../jobs')).rejects.toThrow(ClientOptionsError);
    await expect(client.backupSessions.get('urn:veeam:Job:abc')).rejects.toThrow(
      /Job UID, not a BackupJobSession UID/,
    );
    await expect(client.backupSessions.get('0f0f0f0f-0000-0000-0000-000000000000')).rejects.toThrow(
      NotFoundError,
    );
    expect(em.stats().requestsByRoute['GET /backupSessions/{id}']).toBe(1);
    await client.close();
  });

  it('taskSessionsOf() fans out with at most `concurrency` requests in flight, in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const client = clientOf(em, {
      fetch: (async (request: Request) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          return await fetch(request);
        } finally {
          inFlight--;
        }
      }) as typeof fetch,
    });
    await client.logon();
    const sessions = (await client.backupSessions.listEntities()).slice(0, 20);
    const seen: string[] = [];
    for await (const { session, taskSessions } of client.taskSessionsOf(sessions, {
      concurrency: 3,
    })) {
      seen.push(session.UID);
      expect(taskSessions.every((t) => t.JobSessionUid === session.UID)).toBe(true);
    }
    expect(seen).toEqual(sessions.map((s) => s.UID));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    await client.close();
  });

  it('taskSessionsOf() cancels the crawls still on their way when the caller stops reading', async () => {
    let slow = false;
    let queries = 0;
    let aborted = 0;
    const client = clientOf(em, {
      fetch: (async (request: Request) => {
        if (slow && request.url.includes('/query') && queries++ > 0) {
          // Task session queries but the first take 300 ms: those fetched ahead are on their way.
          const cut = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 300);
            request.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve(true);
            });
          });
          if (cut) aborted++;
        }
        return fetch(request);
      }) as typeof fetch,
    });
    const sessions = (await client.backupSessions.listEntities()).slice(0, 20);
    slow = true;
    let handedOut = 0;
    for await (const _ of client.taskSessionsOf(sessions, { concurrency: 8 })) {
      handedOut++;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handedOut).toBe(1);
    // The queries of the sessions fetched ahead and not handed out were cut short.
    expect(aborted).toBeGreaterThanOrEqual(6);
    // The stop is per call: a call read to the end gets every session's task sessions.
    slow = false;
    let all = 0;
    for await (const _ of client.taskSessionsOf(sessions.slice(0, 3))) all++;
    expect(all).toBe(3);
    await client.close();
  });
});
