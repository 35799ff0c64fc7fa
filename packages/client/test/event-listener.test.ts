import { ClientError, type ClientEvent, HttpError } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { clientOf, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

describe('an onEvent listener that fails', () => {
  it('never loses the logon: one logon for every call, logged off by close()', async () => {
    const seen: string[] = [];
    const client = clientOf(em, {
      onEvent: (event) => {
        seen.push(event.type);
        throw new Error('logger failed');
      },
    });
    for (let call = 0; call < 3; call++) await client.jobs.list();
    await client.close();
    expect(seen).toContain('logon');
    expect(seen).toContain('logoff');
    expect(em.stats().logons).toBe(1);
    expect(em.stats().logoffs).toBe(1);
  });

  it('does not stop close() when it throws on the logoff event', async () => {
    const client = clientOf(em, {
      onEvent: (event: ClientEvent) => {
        if (event.type === 'logoff') throw new Error('logger failed');
      },
    });
    await client.jobs.list();
    await expect(client.close()).resolves.toBeUndefined();
    expect(em.stats().logoffs).toBe(1);
  });

  it('leaves retries and errors as they are, and an async listener rejecting is not unhandled', async () => {
    em.faults.add({ fault: { kind: 'status', status: 503 }, path: '/jobs', times: 10 });
    const client = clientOf(em, {
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
      onEvent: async () => {
        throw new Error('async logger failed');
      },
    });
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    await client.close();
    expect(em.stats().logons).toBe(1);
  });
});
