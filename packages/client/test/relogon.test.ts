import { AuthenticationError, PermissionError } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clientOf,
  DATASET_NOW,
  emulator,
  expectedSessionUids,
  TestClock,
} from './helpers/emulator.js';

let em: RunningEmulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

describe('re-logon', () => {
  it('an expired token mid-crawl costs one logon, and the crawl returns exactly the dataset', async () => {
    em = await emulator();
    const client = clientOf(em);
    em.faults.add({ fault: { kind: 'expire-token' }, path: '/query', after: 5, times: 1 });
    const since = new Date(DATASET_NOW.getTime() - 10 * 86_400_000);
    const uids: string[] = [];
    for await (const session of client.sessions({
      since,
      until: DATASET_NOW,
      pageSize: 7,
      concurrency: 3,
    })) {
      uids.push(session.UID);
    }
    expect(em.stats().faultsInjected['expire-token']).toBe(1);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.sort()).toEqual(expectedSessionUids(em.dataset, since, DATASET_NOW).sort());
    expect(em.stats().logons).toBe(2);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('100 concurrent requests on an idle-expired token cause exactly one logon', async () => {
    const clock = new TestClock();
    em = await emulator({ idleTimeoutMs: 60_000 }, clock);
    const client = clientOf(em);
    const refs = await client.backupSessions.list();
    expect(em.stats().logons).toBe(1);
    clock.advance(61_000);
    const ids = Array.from(
      { length: 100 },
      (_, i) => (refs[i % refs.length] as { UID: string }).UID,
    );
    const sessions = await Promise.all(ids.map((id) => client.backupSessions.get(id)));
    expect(sessions.map((s) => s.UID)).toEqual(ids);
    expect(em.stats().logons).toBe(2);
    expect(em.stats().expiredLogonSessions).toBeGreaterThanOrEqual(1);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it("EM's 500 for a dead session id is a re-logon too", async () => {
    em = await emulator();
    const client = clientOf(em);
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'dead-session' }, path: '/jobs', times: 1 });
    const jobs = await client.jobs.list();
    expect(jobs.length).toBe(em.dataset.jobs.length);
    expect(em.stats().logons).toBe(2);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it("a 401 from something else than EM's expiry (a proxy, a balancer) leaves no session open", async () => {
    em = await emulator();
    const client = clientOf(em);
    await client.jobs.list();
    // The session is still open on EM: the 401 came from in front of it.
    em.faults.add({ fault: { kind: 'status', status: 401 }, path: '/jobs', times: 1 });
    const jobs = await client.jobs.list();
    expect(jobs.length).toBe(em.dataset.jobs.length);
    expect(em.stats().logons).toBe(2);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('a second refusal right after a new logon is an AuthenticationError', async () => {
    em = await emulator();
    const client = clientOf(em);
    em.faults.add({
      fault: { kind: 'expire-token' },
      path: '/jobs',
      times: Number.POSITIVE_INFINITY,
    });
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(em.stats().logons).toBe(2);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('wrong credentials fail at once: one logon attempt, no retry, no replay', async () => {
    em = await emulator();
    const client = clientOf(em, { password: 'wrong' });
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/user name and password/);
    expect(em.stats().failedLogons).toBe(1);
    expect(em.stats().requestsByRoute['POST /sessionMngr']).toBe(1);
    await client.close();
  });

  it('a logon that fails is tried again by the next call, not cached', async () => {
    em = await emulator();
    em.faults.add({ fault: { kind: 'status', status: 503 }, path: '/sessionMngr', times: 10 });
    const client = clientOf(em, { retry: { limit: 1, baseDelayMs: 1 } });
    await expect(client.jobs.list()).rejects.toThrow(/503/);
    em.faults.clear();
    expect((await client.jobs.list()).length).toBe(em.dataset.jobs.length);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('403 is a PermissionError', async () => {
    em = await emulator();
    const client = clientOf(em, {
      // EM answers 403 to an account without an EM role; the emulator has only full accounts.
      fetch: (async (request: Request) =>
        new URL(request.url).pathname === '/api/jobs'
          ? new Response(
              '<Error xmlns="http://www.veeam.com/ent/v1.0" Message="Access denied." StatusCode="403" Status="Forbidden" />',
              { status: 403, headers: { 'content-type': 'application/xml' } },
            )
          : fetch(request)) as typeof fetch,
    });
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).emError?.Message).toBe('Access denied.');
    expect((error as PermissionError).status).toBe(403);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });
});
