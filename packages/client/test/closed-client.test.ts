import { ClientClosedError, type EmClient } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it, vi } from 'vitest';
import { clientOf, DATASET_NOW, recordingFetch, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every kind of call, given `signal`. */
const calls = (client: EmClient, signal?: AbortSignal): [string, () => Promise<unknown>][] => {
  const call = signal ? { signal } : {};
  return [
    ['logon()', () => client.logon(call)],
    ['jobs.list()', () => client.jobs.list(call)],
    ['jobs.get()', () => client.jobs.get('x', call)],
    ['query()', () => client.query('Job', call).toArray()],
    ['follow()', () => client.follow('jobs', call)],
    ['stopSession()', () => client.stopSession('x', call)],
    ['reports.summary()', () => client.reports.summary(call)],
    [
      'sessions()',
      () =>
        client
          .sessions({
            since: new Date(DATASET_NOW.getTime() - DAY_MS),
            until: DATASET_NOW,
            ...call,
          })
          .toArray(),
    ],
  ];
};

/** What each call rejected with: the error's name and whether it names the call's request. */
async function outcomes(client: EmClient, signal?: AbortSignal) {
  const seen: Record<string, unknown> = {};
  for (const [name, call] of calls(client, signal)) {
    seen[name] = await call().then(
      () => 'answered',
      (error: unknown) =>
        error instanceof ClientClosedError && error.request !== undefined
          ? 'ClientClosedError'
          : String(error),
    );
  }
  return seen;
}

const allClosed = Object.fromEntries(
  calls(undefined as never).map(([name]) => [name, 'ClientClosedError']),
);

describe('a call on a closed client', () => {
  it.each([
    ['no signal', undefined],
    ['an aborted signal', AbortSignal.abort()],
  ])('fails with ClientClosedError, given %s, and sends nothing', async (_, signal) => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    await client.jobs.list();
    await client.close();
    const sent = recorded.requests.length;
    expect(await outcomes(client, signal)).toEqual(allClosed);
    expect(recorded.requests.length).toBe(sent);
  });

  it('fails with ClientClosedError while close() is logging off, signal aborted or not', async () => {
    const recorded = recordingFetch();
    // The logoff is held until the calls below are done: they all come while it runs.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let deletes = 0;
    const fetch = (async (request: Request) => {
      if (request.method === 'DELETE') {
        deletes++;
        await held;
      }
      return recorded.fetch(request);
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch });
    await client.jobs.list();
    const closing = client.close();
    await vi.waitFor(() => expect(deletes).toBe(1));
    const sent = recorded.requests.length;
    expect(await outcomes(client, AbortSignal.abort())).toEqual(allClosed);
    expect(await outcomes(client)).toEqual(allClosed);
    // Nothing reached EM with the session being logged off.
    expect(recorded.requests.length).toBe(sent);
    release();
    await closing;
    expect(em.stats()).toMatchObject({ logoffs: 1, openLogonSessions: 0 });
  });
});
