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
});
