import { AbortError, ClientClosedError, type ClientError } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { clientOf, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

/** What `call` rejects with, expected to be a `type` naming `method` and a URL like `url`. */
async function expectRequest(
  call: Promise<unknown>,
  type: abstract new (...args: never[]) => ClientError,
  method: string,
  url: RegExp,
): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as ClientError).request).toEqual({ method, url: expect.stringMatching(url) });
  expect(JSON.stringify(error)).toContain('"request":{"method"');
}

describe('errors name the request they concern', () => {
  it('an aborted logon({ signal }): the logon step it was at', async () => {
    const fresh = clientOf(em);
    await expectRequest(
      fresh.logon({ signal: AbortSignal.abort() }),
      AbortError,
      'GET',
      /\/api\/$/,
    );
    await fresh.close();

    const client = clientOf(em);
    await client.logon();
    em.faults.add({ fault: { kind: 'expire-token' }, path: '/jobs' });
    em.faults.add({ fault: { kind: 'latency', ms: 300 }, method: 'POST', path: '/sessionMngr' });
    // The token expires; the new logon is on its way when the caller gives up.
    const relogon = client.jobs.list();
    while (!em.stats().faultsInjected.latency) await new Promise((r) => setTimeout(r, 10));
    const controller = new AbortController();
    const call = client.logon({ signal: controller.signal });
    controller.abort();
    await expectRequest(call, AbortError, 'POST', /\/api\/sessionMngr\/\?v=v1_\d$/);
    await relogon;
    await client.close();
  });

  it('a call after close(): its own request', async () => {
    const client = clientOf(em);
    await client.close();
    await expectRequest(client.jobs.list(), ClientClosedError, 'GET', /\/api\/jobs$/);
    await expectRequest(client.logon(), ClientClosedError, 'GET', /\/api\/$/);
    await expectRequest(
      client.query('Job').toArray(),
      ClientClosedError,
      'GET',
      /\/api\/query\?type=Job&/,
    );
  });

  it('an aborted taskSessionsOf(): the task session query of the session it was at', async () => {
    const client = clientOf(em);
    const sessions = (await client.backupSessions.listEntities()).slice(0, 3);
    const controller = new AbortController();
    controller.abort();
    const first = sessions[0]?.UID ?? '';
    await expectRequest(
      (async () => {
        for await (const _ of client.taskSessionsOf(sessions, { signal: controller.signal }));
      })(),
      AbortError,
      'GET',
      new RegExp(`/api/query\\?type=BackupTaskSession&.*JobSessionUid.*${first.split(':').pop()}`),
    );
    await client.close();
  });
});
