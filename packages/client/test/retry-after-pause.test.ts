import { TimeoutError } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, DATASET_NOW, emulator, expectedSessionUids } from './helpers/emulator.js';

let em: RunningEmulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

describe('Retry-After', () => {
  it('holds every request of the client, not only the one answered so', async () => {
    em = await emulator({
      dataset: { jobs: 300, days: 6 },
      faults: [
        { fault: { kind: 'status', status: 429, retryAfter: '1' }, path: '/query', after: 8 },
        // The others: pages overlap in flight, so that others are on their way when the 429 comes.
        { fault: { kind: 'latency', ms: 30 }, path: '/query', times: Number.POSITIVE_INFINITY },
      ],
    });
    // Sends and answers, in the order they happened, with their times.
    const log: { what: 'sent' | number; at: number }[] = [];
    const client = clientOf(em, {
      concurrency: 4,
      fetch: (async (request: Request) => {
        log.push({ what: 'sent', at: performance.now() });
        const response = await fetch(request);
        log.push({ what: response.status, at: performance.now() });
        return response;
      }) as typeof fetch,
    });
    const since = new Date(DATASET_NOW.getTime() - 5 * 86_400_000);
    const uids: string[] = [];
    for await (const session of client.sessions({ since, until: DATASET_NOW, pageSize: 50 })) {
      uids.push(session.UID);
    }
    await client.close();
    expect(uids.sort()).toEqual(expectedSessionUids(em.dataset, since, DATASET_NOW).sort());
    const at = log.find((entry) => entry.what === 429)?.at ?? Number.NaN;
    expect(at).not.toBeNaN();
    // Requests already on their way may still be answered; none is sent in the second EM asked for.
    const sent = log.filter((entry) => entry.what === 'sent');
    expect(sent.filter((entry) => entry.at > at && entry.at < at + 950)).toEqual([]);
    expect(sent.filter((entry) => entry.at > at).length).toBeGreaterThan(2);
  });
});

describe('Retry-After and the deadline', () => {
  it('a call whose deadline falls within the wait fails at once, saying so', async () => {
    em = await emulator({
      faults: [{ fault: { kind: 'status', status: 503, retryAfter: '3' }, path: '/jobs' }],
    });
    let limited: () => void = () => {};
    const answered503 = new Promise<void>((resolve) => {
      limited = resolve;
    });
    const client = clientOf(em, {
      deadline: 1_000,
      onEvent: (event) => {
        if (event.type === 'response' && event.status === 503) limited();
      },
    });
    await client.backupServers.list();
    // The first call waits out the 3 s EM asked for, and so runs past its own deadline.
    const waiting = client.jobs.list().catch((error: unknown) => error);
    await answered503;
    const started = performance.now();
    const error = await client.backupServers.list().catch((failure: unknown) => failure);
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(
      /deadline, waiting for the \d+ ms that EM's Retry-After asked/,
    );
    expect(await waiting).toBeInstanceOf(TimeoutError);
    await client.close();
    expect(em.stats().openLogonSessions).toBe(0);
  });
});
