import { createClient, ResponseError } from '@vbem/client';
import { describe, expect, it } from 'vitest';
import {
  FAKE_EM_ORIGIN,
  fakeQueryEm,
  fakeSession,
  type OnQueryPage,
  sessionNumber,
} from './helpers/fake-query-em.js';

/** A client of the fake EM in JSON. */
const jsonClient = (
  fetch: typeof globalThis.fetch,
  retry?: { baseDelayMs: number; maxDelayMs: number },
) =>
  createClient({
    url: FAKE_EM_ORIGIN,
    username: 'u',
    password: 'p',
    format: 'json',
    fetch,
    ...(retry ? { retry } : {}),
  });

/** Sessions 1..8, one a minute from minute 10, in creation order. */
const eightSessions = () => Array.from({ length: 8 }, (_, i) => fakeSession(i + 1, 10 + i));

/** Crawls the fake EM with pages of 2 and returns the session numbers in the order yielded. */
async function crawl(sessions: object[], onPage: OnQueryPage, concurrency: number) {
  const client = jsonClient(fakeQueryEm(sessions, onPage), { baseDelayMs: 20, maxDelayMs: 20 });
  const query = client.query('BackupJobSession', { pageSize: 2, concurrency });
  const got: number[] = [];
  for await (const session of query) got.push(sessionNumber(session.UID));
  await client.close();
  return { got, stats: query.stats };
}

describe('a result that shifts under the crawl', () => {
  for (const appearing of [1, 3, 5]) {
    it(`yields every session once when ${appearing} appear before the cursor after page 1`, async () => {
      let shifted = false;
      const { got } = await crawl(
        eightSessions(),
        (page, sessions) => {
          if (page !== 2 || shifted) return undefined;
          shifted = true;
          const early = Array.from({ length: appearing }, (_, i) => fakeSession(101 + i, i));
          sessions.unshift(...early);
          return undefined;
        },
        1,
      );
      expect(new Set(got).size).toBe(got.length);
      expect(got.filter((n) => n <= 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });
  }

  it('loses nothing when a page is read again after the next one and a session appeared meanwhile', async () => {
    // Page 2 is busy once; before it is read again, a session appears before the cursor. Had
    // page 3 been read before that, session 4 (pushed from page 2 into page 3) would be lost.
    let busy = true;
    let appeared = false;
    const { got } = await crawl(
      eightSessions(),
      (page, sessions) => {
        if (page !== 2) return undefined;
        if (busy) {
          busy = false;
          return 'busy';
        }
        if (!appeared) {
          appeared = true;
          sessions.unshift(fakeSession(101, 1));
        }
        return undefined;
      },
      4,
    );
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((n) => n <= 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reads a page again when the page before was read again after it was asked for', async () => {
    // Page 2 answers 200 with a body that does not decode; page 3 is asked for meanwhile; a
    // session appears; page 2 is read again. Page 3 must then be read again too.
    const asked: number[] = [];
    let broken = true;
    const sessions = eightSessions();
    const fetch = fakeQueryEm(sessions, (page) => {
      asked.push(page);
      return undefined;
    });
    const breakingFetch = (async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const page = new URL(request.url).searchParams.get('page');
      if (page === '2' && broken) {
        broken = false;
        // Headers now, the broken body a little later: page 3 is asked for in between.
        const body = new ReadableStream({
          async start(controller) {
            await new Promise((resolve) => setTimeout(resolve, 30));
            sessions.unshift(fakeSession(101, 1));
            controller.enqueue(new TextEncoder().encode('{"broken'));
            controller.close();
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return fetch(request);
    }) as typeof globalThis.fetch;
    const client = jsonClient(breakingFetch, { baseDelayMs: 1, maxDelayMs: 1 });
    const got: number[] = [];
    for await (const session of client.query('BackupJobSession', { pageSize: 2, concurrency: 4 }))
      got.push(sessionNumber(session.UID));
    await client.close();
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((n) => n <= 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Page 3, first asked for after page 2's broken answer, is asked for again after its last.
    expect(asked.filter((page) => page === 3)).toHaveLength(2);
  });

  it('skips a shift of as many sessions as it remembers, four whole pages of 250 in a row', async () => {
    const old = Array.from({ length: 2_000 }, (_, i) => fakeSession(i + 1, 10_000 + i));
    let shifted = false;
    const fetch = fakeQueryEm(old, (page, sessions) => {
      if (page !== 6 || shifted) return undefined;
      shifted = true;
      // Read so far: 1,250. Pages 6 to 9 now hold old sessions 251 to 1,250 again.
      sessions.unshift(...Array.from({ length: 1_000 }, (_, i) => fakeSession(5_001 + i, i)));
      return undefined;
    });
    const client = jsonClient(fetch);
    const query = client.query('BackupJobSession', { concurrency: 1 });
    const got: number[] = [];
    for await (const session of query) got.push(sessionNumber(session.UID));
    await client.close();
    expect(got).toEqual(Array.from({ length: 2_000 }, (_, i) => i + 1));
    expect(query.stats.duplicatesSkipped).toBe(1_000);
  });
});

/** A page of the fake EM's JSON query answer, as a hostile server rewrites it. */
interface QueryAnswer {
  PagingInfo: { PageNum: number; PagesCount: number };
  Entities: { BackupJobSessions: { BackupJobSessions: unknown[] } };
}

/**
 * A server that answers every query page with page 1 of `sessions`, under the number asked for,
 * as `rewrite` changes it; the pages asked for go into `asked`.
 */
function pageOneForEver(
  sessions: object[],
  rewrite: (answer: QueryAnswer, page: number) => void,
  asked: number[] = [],
): typeof globalThis.fetch {
  const honest = fakeQueryEm(sessions, () => undefined);
  return (async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname !== '/api/query') return honest(request);
    const page = Number(url.searchParams.get('page'));
    asked.push(page);
    // A crawl that does not stop fails here rather than hang the test.
    if (page > 1_000) throw new Error('the crawl did not stop');
    url.searchParams.set('page', '1');
    const answer = (await (await honest(new Request(url, request))).json()) as QueryAnswer;
    answer.PagingInfo.PageNum = page;
    rewrite(answer, page);
    return new Response(JSON.stringify(answer), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
}

/** Crawls the sessions to the end or to an error: how many items came, and the error. */
async function crawlToEnd(
  fetch: typeof globalThis.fetch,
  options: { filter?: string; concurrency: number },
) {
  const client = jsonClient(fetch);
  let got = 0;
  const error = await (async () => {
    for await (const _ of client.query('BackupJobSession', options)) got++;
  })().catch((e: unknown) => e);
  await client.close();
  return { got, error };
}

describe('a server that pages on for ever with items already seen', () => {
  it('is stopped with a ResponseError naming the query and the page', async () => {
    const sessions = Array.from({ length: 250 }, (_, i) => fakeSession(i + 1, 10 + i));
    const pagesAsked: number[] = [];
    // Every page is page 1 again, and there are always more.
    const endless = pageOneForEver(
      sessions,
      (answer) => {
        answer.PagingInfo.PagesCount = 1_000_000_000;
      },
      pagesAsked,
    );
    const { got, error } = await crawlToEnd(endless, { filter: 'JobName=="J"', concurrency: 3 });
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ retryable: false, request: { method: 'GET' } });
    expect((error as ResponseError).request?.url).toMatch(/page=6/);
    expect((error as Error).message).toMatch(
      /^EM answered 5 pages in a row with no item not seen before \(query BackupJobSession filter JobName=="J", page 6 of 1000000000\)/,
    );
    expect(got).toBe(250);
    // Pages fetched ahead are cancelled: the crawl does not go on in the background.
    expect(Math.max(...pagesAsked)).toBeLessThanOrEqual(6 + 3);
  });

  it('is stopped too when its pages are empty but say more follow; an empty page past the end ends the crawl', async () => {
    const sessions = Array.from({ length: 250 }, (_, i) => fakeSession(i + 1, 10 + i));
    const emptyPages = (pagesCount: (page: number) => number) =>
      pageOneForEver(sessions, (answer, page) => {
        if (page > 1) answer.Entities.BackupJobSessions.BackupJobSessions = [];
        answer.PagingInfo.PagesCount = pagesCount(page);
      });
    // Always one more page to come, each empty.
    const endless = await crawlToEnd(
      emptyPages((page) => page + 1),
      { concurrency: 1 },
    );
    expect(endless.error).toBeInstanceOf(ResponseError);
    expect((endless.error as Error).message).toMatch(
      /^EM answered 5 pages in a row with no item not seen before/,
    );
    expect(endless.got).toBe(250);
    // A result that shrank: page 2 of 3 comes back empty and says there is 1 page now.
    const shrunk = await crawlToEnd(
      emptyPages((page) => (page === 1 ? 3 : 1)),
      { concurrency: 1 },
    );
    expect(shrunk).toEqual({ got: 250, error: undefined });
  });
});

describe('a server that invents new items for ever', () => {
  it('is stopped once its result has grown past twice its first page count or 100 pages more', async () => {
    // Three pages of 2 at first; every page asked for brings two sessions nobody saw before.
    const sessions = Array.from({ length: 6 }, (_, i) => fakeSession(i + 1, 10 + i));
    let next = 7;
    const pagesAsked: number[] = [];
    const inventing = fakeQueryEm(sessions, (page, all) => {
      pagesAsked.push(page);
      if (page > 1_000) throw new Error('the crawl did not stop');
      all.push(fakeSession(next, 10 + next), fakeSession(next + 1, 11 + next));
      next += 2;
      return undefined;
    });
    const client = jsonClient(inventing);
    let got = 0;
    const error = await (async () => {
      for await (const _ of client.query('BackupJobSession', { pageSize: 2, concurrency: 2 }))
        got++;
    })().catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ retryable: false, request: { method: 'GET' } });
    // Page 1 said 4 pages (its own two sessions added first); the crawl may grow to 104.
    expect((error as Error).message).toMatch(
      /^query BackupJobSession grew to 105 pages \(page 102\), past twice the 4 its first page gave or 100 more; stopped rather than page on for ever$/,
    );
    expect(got).toBe(202);
    expect(Math.max(...pagesAsked)).toBeLessThanOrEqual(102 + 2);
  });

  it('is stopped at its first page when that says far more pages than the count before it', async () => {
    const sessions = Array.from({ length: 6 }, (_, i) => fakeSession(i + 1, 10 + i));
    const honest = fakeQueryEm(sessions, () => undefined);
    const crawlPages: number[] = [];
    const inflating = (async (request: Request) => {
      const url = new URL(request.url);
      const answer = await honest(request);
      // Counting queries (one reference a page) stay honest; the crawl's pages say there are 10^9.
      if (url.pathname !== '/api/query' || url.searchParams.get('pageSize') === '1') return answer;
      crawlPages.push(Number(url.searchParams.get('page')));
      const body = (await answer.json()) as QueryAnswer;
      body.PagingInfo.PagesCount = 1_000_000_000;
      return new Response(JSON.stringify(body), { headers: answer.headers });
    }) as typeof globalThis.fetch;
    const client = jsonClient(inflating);
    const error = await client
      .sessions({ since: new Date(Date.UTC(2026, 0, 1)), until: new Date(Date.UTC(2026, 0, 2)) })
      .toArray()
      .catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as Error).message).toMatch(
      /^query BackupJobSession filter .* grew to 1000000000 pages \(page 1\), past twice the 1 its count gave or 100 more; stopped rather than page on for ever$/,
    );
    expect(Math.max(...crawlPages)).toBe(1);
  });

  it('reads a counted result to its end when EM pages it smaller than asked for', async () => {
    const sessions = Array.from({ length: 300 }, (_, i) => fakeSession(i + 1, 10 + i));
    const honest = fakeQueryEm(sessions, () => undefined);
    // An EM whose pages hold 2 sessions at most, whatever the page size asked for.
    const capping = (async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/query' && url.searchParams.get('pageSize') !== '1')
        url.searchParams.set('pageSize', '2');
      return honest(new Request(url, request));
    }) as typeof globalThis.fetch;
    const client = jsonClient(capping);
    const got = await client
      .sessions({
        since: new Date(Date.UTC(2026, 0, 1)),
        until: new Date(Date.UTC(2026, 0, 2)),
        types: ['Backup'],
      })
      .toArray();
    await client.close();
    expect(got.map((session) => sessionNumber(session.UID))).toEqual(
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
  });

  it('reads a result that doubles while it is read to its end', async () => {
    const sessions = Array.from({ length: 400 }, (_, i) => fakeSession(i + 1, 10 + i));
    let next = 401;
    const { got } = await crawl(
      sessions,
      (_page, all) => {
        // One new session per page read: 200 pages become 400 by the end.
        if (next <= 800) all.push(fakeSession(next, 10 + next++));
        return undefined;
      },
      2,
    );
    expect(got).toEqual(Array.from({ length: 800 }, (_, i) => i + 1));
  });
});
