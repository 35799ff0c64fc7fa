import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it, vi } from 'vitest';
import { clientOf, useEmulator } from './helpers/emulator.js';

// A garbage collection on demand, to see what an abandoned crawl leaves reachable.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Waits until every key of `keys` was collected (`collected` is filled by a FinalizationRegistry)
 * and, the pages fetched ahead read, nothing listens to `signal` any more.
 */
async function expectCollected(
  collected: ReadonlySet<string>,
  keys: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  await vi.waitFor(
    () => {
      collectGarbage();
      expect([...collected].sort()).toEqual([...keys].sort());
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    },
    { timeout: 5_000, interval: 50 },
  );
}

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

describe('a crawl whose reader walks away without return()', () => {
  it.each([
    ["the client's signal", 'client'],
    ['a signal shared by the calls', 'call'],
  ] as const)('is collected with the pages it fetched ahead, given %s', async (_, given) => {
    const longLived = new AbortController();
    const client = clientOf(em, given === 'client' ? { signal: longLived.signal } : {});
    await client.logon();
    const collected = new Set<string>();
    const crawls = new FinalizationRegistry<string>((key) => collected.add(key));
    // Each peek reads the first page; pages 2 to 4 are fetched ahead and wait for their turn.
    const peek = async (key: string) => {
      const crawl = client.query('BackupJobSession', {
        pageSize: 10,
        ...(given === 'call' ? { signal: longLived.signal } : {}),
      });
      crawls.register(crawl, key);
      const first = await crawl.pages().next();
      expect(first.value?.items).toHaveLength(10);
    };
    for (const key of ['a', 'b', 'c']) await peek(key);
    // Before: the signal's listener led to the pages waiting for their turn, and through them to
    // the crawl, for ever (about 87 KB a peek of 250 sessions).
    await expectCollected(collected, ['a', 'b', 'c'], longLived.signal);
    await client.close();
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0);
  });

  it('of taskSessionsOf() is collected with the sessions it fetched ahead, given a long-lived signal', async () => {
    const longLived = new AbortController();
    const client = clientOf(em);
    const sessions = (await client.backupSessions.listEntities()).slice(0, 12);
    const collected = new Set<string>();
    const calls = new FinalizationRegistry<string>((key) => collected.add(key));
    const peek = async (key: string) => {
      // The options of each call, which the call holds for as long as its crawls may need them.
      const options = { concurrency: 4, signal: longLived.signal };
      calls.register(options, key);
      const iterator = client.taskSessionsOf(sessions, options)[Symbol.asyncIterator]();
      expect((await iterator.next()).done).toBe(false);
    };
    for (const key of ['a', 'b', 'c']) await peek(key);
    // Before: the signal kept a listener per call, and through it what the call held, for ever.
    await expectCollected(collected, ['a', 'b', 'c'], longLived.signal);
    await client.close();
  });
});
