import type { EmClient } from '@vbem/client';
import type { BackupJobSession } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { CONCURRENT_CHECKS, runningBefore } from '../src/running-before.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const SESSIONS_FROM = new Date('2026-03-01T12:00:00Z');

const runningOf = (job: number): BackupJobSession => ({
  Href: `https://em/api/backupSessions/${job}`,
  Name: `Copy ${job}`,
  UID: `urn:veeam:BackupJobSession:${job}`,
  Links: [],
  JobUid: `urn:veeam:Job:${job}`,
  JobName: `Copy ${job}`,
  JobType: 'BackupCopy',
  CreationTimeUTC: new Date(SESSIONS_FROM.getTime() - (job + 1) * 60_000),
  State: 'Working',
  Result: 'None',
  Progress: 10,
  IsRetry: false,
});

/**
 * A client whose sessions() gives `count` running sessions of as many jobs, and whose query()
 * (the check for a later session) takes 20 ms, finds one for the jobs in `later`, and fails for
 * `failing`; it counts the queries started and the most on their way at once.
 */
function slowClient(count: number, { later = [] as number[], failing = -1 } = {}) {
  const seen = { started: 0, inFlight: 0, most: 0, aborted: 0 };
  const client = {
    sessions: () =>
      (async function* () {
        for (let job = count - 1; job >= 0; job--) yield runningOf(job);
      })(),
    query: (_type: string, options: { filter: { toString(): string }; signal: AbortSignal }) => {
      const job = Number(/Job:(\d+)/.exec(options.filter.toString())?.[1]);
      return (async function* () {
        seen.started++;
        seen.inFlight++;
        seen.most = Math.max(seen.most, seen.inFlight);
        try {
          await new Promise<void>((resolve, reject) => {
            const onAbort = () => {
              clearTimeout(timer);
              seen.aborted++;
              reject(options.signal.reason);
            };
            const timer = setTimeout(() => {
              options.signal.removeEventListener('abort', onAbort);
              resolve();
            }, 20);
            options.signal.addEventListener('abort', onAbort, { once: true });
          });
          if (job === failing) throw new Error('EM answered 500');
          if (later.includes(job)) yield { UID: `urn:veeam:BackupJobSession:later-${job}` };
        } finally {
          seen.inFlight--;
        }
      })();
    },
  } as unknown as EmClient;
  return { client, seen };
}

const call = (signal = new AbortController().signal) => ({ signal, now: () => NOW });

describe('runningBefore', () => {
  it(`checks the jobs for later sessions ${CONCURRENT_CHECKS} at a time, in creation order`, async () => {
    const { client, seen } = slowClient(10, { later: [3, 7] });
    const found = await runningBefore(client, SESSIONS_FROM, call());
    expect(seen.started).toBe(10);
    expect(seen.most).toBe(CONCURRENT_CHECKS);
    expect(found.map((session) => session.JobUid)).toEqual(
      [9, 8, 6, 5, 4, 2, 1, 0].map((job) => `urn:veeam:Job:${job}`),
    );
  });

  it('stops at the first failure: the queries on their way are aborted, no more are started', async () => {
    const { client, seen } = slowClient(10, { failing: 9 });
    await expect(runningBefore(client, SESSIONS_FROM, call())).rejects.toThrow('EM answered 500');
    await new Promise((resolve) => setTimeout(resolve, 60));
    // The others answered with the failing one, or were aborted; none came after.
    expect(seen.started).toBe(CONCURRENT_CHECKS);
    expect(seen.aborted).toBeLessThanOrEqual(CONCURRENT_CHECKS - 1);
    expect(seen.inFlight).toBe(0);
  });

  it("stops when the caller's signal aborts", async () => {
    const { client, seen } = slowClient(10);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped')), 30);
    await expect(runningBefore(client, SESSIONS_FROM, call(controller.signal))).rejects.toThrow(
      'stopped',
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(seen.started).toBeLessThan(10);
    expect(seen.inFlight).toBe(0);
  });
});
