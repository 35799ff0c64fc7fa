import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type PagePart, pagesInOrder } from '../src/query/page-window.js';

/** A part of `pages` pages whose fetches record when each page's turn came. */
function recordingPart(pages: number, log: string[]): PagePart<number> {
  return {
    fetch: async (page, _signal, turn, answered) => {
      log.push(`fetch ${page}`);
      answered();
      await turn;
      log.push(`turn ${page}`);
      return page;
    },
    pagesOf: () => pages,
  };
}

describe('pagesInOrder', () => {
  it('fetches ahead, but a later page gets its turn only when it is next in line', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const { value } of pagesInOrder([recordingPart(4, log)], 3)) {
      seen.push(value);
      log.push(`consumed ${value}`);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    // Pages 2 and 3 are fetched while page 1 is consumed; each turn comes after the page before.
    expect(log.indexOf('fetch 3')).toBeLessThan(log.indexOf('consumed 1'));
    expect(log.indexOf('turn 1')).toBeLessThan(log.indexOf('consumed 1'));
    expect(log.indexOf('turn 2')).toBeGreaterThan(log.indexOf('consumed 1'));
    expect(log.indexOf('turn 3')).toBeGreaterThan(log.indexOf('consumed 2'));
    expect(log.indexOf('turn 4')).toBeGreaterThan(log.indexOf('consumed 3'));
  });

  it('hands out the pages of several parts in order, each decoded on its turn', async () => {
    const logs: string[][] = [[], [], []];
    const parts = [
      recordingPart(3, logs[0] ?? []),
      recordingPart(1, logs[1] ?? []),
      recordingPart(2, logs[2] ?? []),
    ];
    const order: string[] = [];
    for await (const { part, page } of pagesInOrder(parts, 3)) order.push(`${part}/${page}`);
    expect(order).toEqual(['0/1', '0/2', '0/3', '1/1', '2/1', '2/2']);
  });

  it('keeps pages in order when a part whose page count is pending is overtaken', async () => {
    // Part 0 learns its page count late; part 1's pages must not fill the window meanwhile.
    const delayed = (pages: number, firstPageMs: number): PagePart<string> => ({
      fetch: async (page, _signal, _turn, answered) => {
        if (page === 1) await new Promise((resolve) => setTimeout(resolve, firstPageMs));
        answered();
        return `${page}`;
      },
      pagesOf: () => pages,
    });
    for (const concurrency of [1, 2, 3]) {
      const order: string[] = [];
      const parts = [delayed(3, 30), delayed(3, 0), delayed(2, 0)];
      for await (const { part, page } of pagesInOrder(parts, concurrency))
        order.push(`${part}/${page}`);
      expect(order, `concurrency ${concurrency}`).toEqual([
        '0/1',
        '0/2',
        '0/3',
        '1/1',
        '1/2',
        '1/3',
        '2/1',
        '2/2',
      ]);
    }
  });

  it("asks for a part's page only once the page before has answered, and again if that page was read again", async () => {
    const log: string[] = [];
    let page2Reads = 0;
    const part: PagePart<number> = {
      fetch: async (page, _signal, _turn, answered) => {
        log.push(`ask ${page}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`answer ${page}`);
        answered();
        // Page 2 answers, then its body breaks and it is read again (a retry inside the fetch).
        if (page === 2 && page2Reads++ === 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          log.push('answer 2');
          answered();
        }
        return page;
      },
      pagesOf: () => 3,
    };
    const seen: number[] = [];
    for await (const { value } of pagesInOrder([part], 4)) seen.push(value);
    expect(seen).toEqual([1, 2, 3]);
    for (const page of [2, 3]) {
      expect(log.indexOf(`ask ${page}`)).toBeGreaterThan(log.indexOf(`answer ${page - 1}`));
    }
    // Page 3 was asked for after page 2's first answer, so it is asked for again after its last.
    expect(log.lastIndexOf('ask 3')).toBeGreaterThan(log.lastIndexOf('answer 2'));
    expect(log.filter((line) => line === 'ask 3')).toHaveLength(2);
  });

  it('lets a waiting page go when the consumer stops early', async () => {
    const signals: AbortSignal[] = [];
    const part: PagePart<number> = {
      fetch: async (page, signal, turn, answered) => {
        signals.push(signal);
        answered();
        await turn;
        return page;
      },
      pagesOf: () => 10,
    };
    for await (const { value } of pagesInOrder([part], 4)) if (value === 2) break;
    expect(signals.length).toBeGreaterThan(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });
});

describe('pagesInOrder memory', () => {
  // A garbage collection on demand, to see which pages something still holds.
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;

  it("holds no page it handed out, also once that page's part is done", async () => {
    const handedOut = new Map<string, WeakRef<object>>();
    const part = (index: number): PagePart<{ readonly key: string; readonly data: number[] }> => ({
      fetch: async (page, _signal, turn, answered) => {
        answered();
        await turn;
        return { key: `${index}/${page}`, data: new Array(10_000).fill(page) };
      },
      pagesOf: () => 2,
    });
    const pages = pagesInOrder([part(0), part(1), part(2)], 2);
    // Four pages handed out (parts 0 and 1 done), the generator still suspended in part 2.
    for (let i = 0; i < 4; i++) {
      const next = await pages.next();
      if (next.done) throw new Error('ended early');
      handedOut.set(next.value.value.key, new WeakRef(next.value.value));
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect([...handedOut.keys()]).toEqual(['0/1', '0/2', '1/1', '1/2']);
    const alive = [...handedOut].filter(([, ref]) => ref.deref() !== undefined).map(([key]) => key);
    // The page handed out last is still the consumer's; every one before it must be garbage.
    expect(alive.filter((key) => key !== '1/2')).toEqual([]);
    await pages.return(undefined);
  });
});
