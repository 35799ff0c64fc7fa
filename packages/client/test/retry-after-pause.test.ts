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
