import { createClient } from '@vbem/client';
import { describe, expect, it } from 'vitest';
import {
  FAKE_EM_ORIGIN,
  fakeQueryEm,
  fakeSession,
  type OnQueryPage,
  sessionNumber,
} from './helpers/fake-query-em.js';

/** Sessions 1..8, one a minute from minute 10, in creation order. */
const eightSessions = () => Array.from({ length: 8 }, (_, i) => fakeSession(i + 1, 10 + i));

/** Crawls the fake EM with pages of 2 and returns the session numbers in the order yielded. */
async function crawl(sessions: object[], onPage: OnQueryPage, concurrency: number) {
  const client = createClient({
    url: FAKE_EM_ORIGIN,
    username: 'u',
    password: 'p',
    format: 'json',
    fetch: fakeQueryEm(sessions, onPage),
    retry: { baseDelayMs: 20, maxDelayMs: 20 },
  });
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
    const client = createClient({
      url: FAKE_EM_ORIGIN,
      username: 'u',
      password: 'p',
      format: 'json',
      fetch: breakingFetch,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const got: number[] = [];
    for await (const session of client.query('BackupJobSession', { pageSize: 2, concurrency: 4 }))
      got.push(sessionNumber(session.UID));
    await client.close();
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((n) => n <= 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Page 3, first asked for after page 2's broken answer, is asked for again after its last.
    expect(asked.filter((page) => page === 3)).toHaveLength(2);
  });
});
