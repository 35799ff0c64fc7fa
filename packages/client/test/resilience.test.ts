import {
  AbortError,
  type ClientEvent,
  HttpError,
  NetworkError,
  RateLimitedError,
  ResponseError,
  TimeoutError,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it, vi } from 'vitest';
import { clientOf, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

const jobsRoute = 'GET /jobs';

/** Lets `call` get under way, aborts it, and expects an AbortError within 100 ms of the abort. */
async function expectAbortWithin100ms(call: Promise<unknown>, controller: AbortController) {
  const pending = call.catch((e: unknown) => e);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const aborted = performance.now();
  controller.abort();
  expect(await pending).toBeInstanceOf(AbortError);
  expect(performance.now() - aborted).toBeLessThan(100);
}

describe('retries', () => {
  for (const status of [502, 503, 504, 429] as const) {
    it(`retries a GET answered ${status}, then succeeds`, async () => {
      const events: ClientEvent[] = [];
      const client = clientOf(em, { onEvent: (e) => events.push(e) });
      em.faults.add({ fault: { kind: 'status', status }, path: '/jobs', times: 2 });
      expect((await client.jobs.list()).length).toBe(em.dataset.jobs.length);
      expect(em.stats().requestsByRoute[jobsRoute]).toBe(3);
      expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
      await client.close();
    });
  }

  it('gives up after retry.limit with the typed error', async () => {
    const client = clientOf(em, { retry: { limit: 2, baseDelayMs: 1 } });
    em.faults.add({ fault: { kind: 'status', status: 503 }, path: '/jobs', times: 10 });
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect((error as HttpError).emError?.Message).toMatch(/unavailable/);
    expect(em.stats().requestsByRoute[jobsRoute]).toBe(3);
    await client.close();
  });

  it("reads EM's error body in XML (Status named) and in JSON (Status null) alike", async () => {
    for (const format of ['xml', 'json'] as const) {
      const client = clientOf(em, { format, retry: { limit: 0 } });
      em.faults.add({ fault: { kind: 'status', status: 500 }, path: '/jobs' });
      const error = await client.jobs.list().catch((e: unknown) => e);
      expect(error, format).toBeInstanceOf(HttpError);
      expect((error as HttpError).emError, format).toMatchObject({
        StatusCode: 500,
        Message: expect.any(String),
      });
      expect((error as HttpError).emError?.Status, format).toBe(
        format === 'xml' ? 'InternalServerError' : undefined,
      );
      await client.close();
    }
  });

  it('does not retry a plain 500', async () => {
    const client = clientOf(em);
    em.faults.add({ fault: { kind: 'status', status: 500 }, path: '/jobs' });
    await expect(client.jobs.list()).rejects.toThrow(HttpError);
    expect(em.stats().requestsByRoute[jobsRoute]).toBe(1);
    await client.close();
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const client = clientOf(em);
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'status', status: 429, retryAfter: '1' }, path: '/jobs' });
    let started = performance.now();
    await client.jobs.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    em.faults.add({
      fault: { kind: 'status', status: 503, retryAfter: inTwoSeconds },
      path: '/jobs',
    });
    started = performance.now();
    await client.jobs.list();
    // HTTP dates have whole seconds, so the wait is between 1 and 2 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    await client.close();
  });

  for (const [status, limit] of [
    [429, 3],
    [502, 3],
    [503, 3],
    [504, 3],
    // No retry left, or none allowed: the answer is still that the server asks for a long wait.
    [503, 0],
    [429, 0],
  ] as const) {
    it(`a Retry-After beyond the cap on a ${status} fails at once with RateLimitedError (retry limit ${limit})`, async () => {
      const client = clientOf(em, { retry: { maxRetryAfterMs: 5_000, limit } });
      em.faults.add({ fault: { kind: 'status', status, retryAfter: '3600' }, path: '/jobs' });
      const started = performance.now();
      const error = await client.jobs.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ status, retryAfterMs: 3_600_000, retryable: true });
      expect((error as Error).message).toMatch(/Retry-After.*retry\.maxRetryAfterMs/);
      expect(performance.now() - started).toBeLessThan(1_000);
      await client.close();
    });
  }

  for (const kind of ['reset', 'truncate', 'malformed'] as const) {
    it(`retries a GET whose answer is ${kind}, and never returns a partial page`, async () => {
      const client = clientOf(em);
      em.faults.add({ fault: { kind }, path: '/query', times: 2 });
      const all = await client.query('Job', { pageSize: 5 }).toArray();
      expect(all.map((job) => job.Name).sort()).toEqual(
        em.dataset.jobs.map((job) => job.name).sort(),
      );
      expect(em.stats().faultsInjected[kind]).toBe(2);
      await client.close();
    });
  }

  it('a body that stays broken is a ResponseError, a connection that stays reset a NetworkError', async () => {
    const client = clientOf(em, { retry: { limit: 1, baseDelayMs: 1 } });
    em.faults.add({ fault: { kind: 'malformed' }, path: '/jobs', times: 2 });
    const broken = client.jobs.list();
    await expect(broken).rejects.toThrow(ResponseError);
    // The emulator's broken body is the start of the jobs list, so the error names that root.
    await expect(broken).rejects.toThrow(
      /: expected EntityReferences, got .*\(\/EntityReferences\)$/,
    );
    em.faults.add({ fault: { kind: 'reset' }, path: '/jobs', times: 2 });
    await expect(client.jobs.list()).rejects.toThrow(NetworkError);
    em.faults.add({ fault: { kind: 'truncate' }, path: '/jobs', times: 2 });
    await expect(client.jobs.list()).rejects.toThrow(NetworkError);
    await client.close();
  });

  it('never retries the stop POST', async () => {
    const client = clientOf(em);
    const running = (
      await client.query('BackupJobSession', { filter: 'State==Working' }).toArray()
    )[0];
    expect(running).toBeDefined();
    em.faults.add({
      fault: { kind: 'status', status: 503 },
      method: 'POST',
      path: '/backupSessions',
    });
    await expect(client.stopSession(running?.UID ?? '')).rejects.toThrow(HttpError);
    expect(em.stats().requestsByRoute['POST /backupSessions/{id}']).toBe(1);
    await client.close();
  });
});

describe('timeouts and aborts', () => {
  it('times out a stalled attempt, retries it, and reports TimeoutError', async () => {
    const client = clientOf(em, { timeout: 100, retry: { limit: 1, baseDelayMs: 1 } });
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'stall' }, path: '/jobs', times: 2 });
    const started = performance.now();
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(em.stats().requestsByRoute[jobsRoute]).toBe(3);
    await client.close();
  });

  it('says how many attempts a failed request took and over how long, only once retried', async () => {
    const client = clientOf(em, { timeout: 100, retry: { limit: 2, baseDelayMs: 1 } });
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'stall' }, path: '/jobs', times: 3 });
    const retried = (await client.jobs.list().catch((e: unknown) => e)) as TimeoutError;
    expect(retried).toBeInstanceOf(TimeoutError);
    expect(retried.attempts).toBe(3);
    expect(retried.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(retried.elapsedMs).toBeLessThan(1_000);
    expect(retried.toJSON()).toMatchObject({ attempts: 3, elapsedMs: retried.elapsedMs });
    em.faults.add({ fault: { kind: 'status', status: 500 }, path: '/jobs' });
    const once = (await client.jobs.list().catch((e: unknown) => e)) as HttpError;
    expect(once).toBeInstanceOf(HttpError);
    expect(once.attempts).toBeUndefined();
    expect(once.toJSON()).not.toHaveProperty('attempts');
    await client.close();
  });

  it('the deadline bounds a whole call, backoff included', async () => {
    const client = clientOf(em, {
      deadline: 300,
      retry: { limit: 10, baseDelayMs: 200, maxDelayMs: 200 },
    });
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'status', status: 503 }, path: '/jobs', times: 100 });
    const started = performance.now();
    await expect(client.jobs.list()).rejects.toThrow(TimeoutError);
    expect(performance.now() - started).toBeLessThan(600);
    await client.close();
  });

  it('the deadline bounds a call waiting for the logon, which goes on for the next call', async () => {
    // Each step of the logon within the deadline, the two together past it.
    em.faults.add({ fault: { kind: 'latency', ms: 400 }, method: 'GET', path: /^\/api\/$/ });
    em.faults.add({ fault: { kind: 'latency', ms: 400 }, path: '/sessionMngr' });
    const client = clientOf(em, { deadline: 500 });
    const started = performance.now();
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(
      /^GET .*\/api\/jobs ran past the call's deadline while waiting for the logon$/,
    );
    expect(performance.now() - started).toBeLessThan(700);
    // The logon was not cut off: the next call uses the session it brings.
    await client.jobs.list();
    expect(em.stats()).toMatchObject({ logons: 1 });
    expect(em.stats().requestsByRoute[jobsRoute]).toBe(1);
    await client.close();
  });

  it("the deadline bounds stopSession() as one call, its polls of EM's task included", async () => {
    let polls = 0;
    const task = `<Task xmlns="http://www.veeam.com/ent/v1.0" Href="${em.url}/api/tasks/task-9" Type="Task"><Links /><TaskId>task-9</TaskId><State>Running</State><Operation>StopJobSession</Operation></Task>`;
    // EM's stop task never finishes.
    const fetch = (async (request: Request) => {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith('/api/tasks/')) polls++;
      if (pathname.startsWith('/api/backupSessions/') || pathname.startsWith('/api/tasks/'))
        return new Response(task, { status: pathname.startsWith('/api/tasks/') ? 200 : 202 });
      return globalThis.fetch(request);
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch, deadline: 500 });
    await client.logon();
    const started = performance.now();
    const error = await client
      .stopSession('00000000-0000-0000-0000-000000000000', {
        pollIntervalMs: 100,
        timeoutMs: 10_000,
      })
      .catch((e: unknown) => e);
    // Before: each poll had a deadline of its own, and the stop polled until its 10 s timeoutMs.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(polls).toBeLessThan(10);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(
      "the stop task task-9 did not finish within the call's deadline (500 ms)",
    );
    expect((error as TimeoutError).request?.url).toBe(`${em.url}/api/tasks/task-9`);
    await client.close();
  });

  it('the deadline bounds each page of a crawl, not the whole crawl', async () => {
    const client = clientOf(em, { deadline: 1_500 });
    await client.logon();
    em.faults.add({ fault: { kind: 'latency', ms: 200 }, path: '/query', times: 1_000 });
    const started = performance.now();
    const pages = client.query('BackupJobSession', { pageSize: 10 }).pages();
    let count = 0;
    for await (const _ of pages) if (++count === 10) break;
    // Ten pages asked for one after another, 200 ms each: longer than the deadline in all.
    expect(count).toBe(10);
    expect(performance.now() - started).toBeGreaterThan(1_500);
    await client.close();
  });

  it('a page fetched ahead does not count the wait for its reader in its deadline', async () => {
    const client = clientOf(em, { deadline: 2_000 });
    await client.logon();
    // Page 2's first answer does not decode; it is read again once its turn comes.
    em.faults.add({ fault: { kind: 'malformed' }, path: '/query', after: 1, times: 1 });
    const pages = client.query('BackupJobSession', { pageSize: 10 }).pages();
    expect((await pages.next()).value?.pageNum).toBe(1);
    // Page 2 has arrived; the reader takes longer over page 1 than the deadline.
    await vi.waitFor(() => expect(em.stats().faultsInjected.malformed).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Before: its retry came past a deadline counted from when it was fetched ahead: TimeoutError.
    expect((await pages.next()).value?.pageNum).toBe(2);
    await pages.return(undefined);
    await client.close();
  });

  it('the deadline bounds logon() as a whole', async () => {
    em.faults.add({ fault: { kind: 'latency', ms: 400 }, method: 'GET', path: /^\/api\/$/ });
    em.faults.add({ fault: { kind: 'latency', ms: 400 }, path: '/sessionMngr' });
    const client = clientOf(em, { deadline: 500 });
    const started = performance.now();
    await expect(client.logon()).rejects.toThrow(
      /^the logon ran past the call's deadline \((GET|POST) .*\/api\/(sessionMngr\/\?v=v1_\d+)?\)$/,
    );
    expect(performance.now() - started).toBeLessThan(700);
    await client.close();
    expect(em.stats()).toMatchObject({ logons: 1, logoffs: 1 });
  });

  it('an abort stops a stalled request within 100 ms', async () => {
    const client = clientOf(em);
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'stall' }, path: '/jobs' });
    const controller = new AbortController();
    await expectAbortWithin100ms(client.jobs.list({ signal: controller.signal }), controller);
    await client.close();
  });

  it('an abort stops a backoff wait at once', async () => {
    const client = clientOf(em, { retry: { limit: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'status', status: 503 }, path: '/jobs', times: 100 });
    const controller = new AbortController();
    await expectAbortWithin100ms(client.jobs.list({ signal: controller.signal }), controller);
    await client.close();
  });

  it("the client's own signal stops every call, and a crawl stops at once", async () => {
    const controller = new AbortController();
    const client = clientOf(em, { signal: controller.signal });
    await client.jobs.list();
    em.faults.add({ fault: { kind: 'latency', ms: 5_000 }, path: '/query', times: 100 });
    const crawl = client.sessions({ since: '30d', now: () => new Date('2026-06-15T12:00:00Z') });
    await expectAbortWithin100ms(crawl.toArray(), controller);
    await client.close();
  });

  it('breaking out of a crawl cancels the pages fetched ahead', async () => {
    const client = clientOf(em, { concurrency: 4 });
    let seen = 0;
    for await (const _ of client.query('BackupJobSession', { pageSize: 10 })) {
      if (++seen === 5) break;
    }
    expect(em.stats().requestsByRoute['GET /query']).toBeLessThanOrEqual(5);
    await client.close();
  });
});
