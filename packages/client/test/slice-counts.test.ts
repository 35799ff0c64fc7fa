import { createClient, MAX_COUNTED_SLICES, ResponseError } from '@vbem/client';
import { describe, expect, it } from 'vitest';
import type { QueryUrlParts } from '../src/query/query-url.js';
import { planSessions, slicePartsOf } from '../src/sessions.js';
import { FAKE_EM_ORIGIN, fakeQueryEm } from './helpers/fake-query-em.js';

const until = new Date('2026-06-15T00:00:00Z');
const API_BASE = 'https://em.test:9398/api/';
// Slices of at most 10 pages of 10 sessions.
const plan = planSessions({
  since: '7d',
  until,
  now: () => until,
  pageSize: 10,
  maxPagesPerSlice: 10,
});

/** The [from, to) window of a counting query's filter, in ms. */
function windowOf(parts: QueryUrlParts): [number, number] {
  const [from, to] = [...(parts.filter ?? '').matchAll(/"([^"]+)"/g)].map((m) =>
    Date.parse(m[1] as string),
  );
  return [from as number, to as number];
}

/** slicePartsOf with counts from `countOf`: the crawls, and how many counting queries it sent. */
async function sliced(countOf: (window: [number, number]) => number) {
  let counts = 0;
  const parts = await slicePartsOf(
    plan,
    'BackupJobSession',
    0,
    async (query) => {
      counts++;
      return countOf(windowOf(query));
    },
    API_BASE,
  );
  return { parts, counts };
}

describe('slicing a window by its counts', () => {
  it('cuts a slice in two until each holds at most maxPagesPerSlice pages', async () => {
    // 1,000 sessions spread evenly over the 7 days: 16 slices of 62 or 63.
    const week = until.getTime() - plan.since;
    const { parts, counts } = await sliced(([from, to]) =>
      Math.round((1_000 * (to - from)) / week),
    );
    expect(parts).toHaveLength(16);
    expect(counts).toBe(1 + 2 * 15);
  });

  it('takes halves that hold a few sessions more than their slice (sessions that appeared meanwhile)', async () => {
    // Each count 50 more than an even spread would give: two halves 50 more than their slice.
    const week = until.getTime() - plan.since;
    const { parts } = await sliced(([from, to]) => Math.round((1_000 * (to - from)) / week) + 50);
    expect(parts.length).toBeGreaterThan(1);
  });

  it('refuses halves whose counts add up to far more than their slice', async () => {
    let counts = 0;
    const error = await slicePartsOf(
      plan,
      'BackupJobSession',
      0,
      async () => {
        counts++;
        return 2_147_483_647;
      },
      API_BASE,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ retryable: false, request: { method: 'GET' } });
    expect((error as ResponseError).request?.url).toMatch(/^https:\/\/em\.test:9398\/api\/query\?/);
    expect((error as Error).message).toBe(
      'EM counted 2147483647 BackupJobSessions from 2026-06-08T00:00:00.000Z to 2026-06-15T00:00:00.000Z, but 2147483647 and 2147483647 in its two halves; stopped rather than trust counts that do not add up',
    );
    expect(counts).toBe(3);
  });

  it(`cuts a window into at most ${MAX_COUNTED_SLICES} crawls, however large counts that add up say it is`, async () => {
    // A thousand sessions a millisecond: every slice down to a minute is over 100.
    const { parts, counts } = await sliced(([from, to]) => 1_000 * (to - from));
    expect(parts).toHaveLength(MAX_COUNTED_SLICES);
    expect(counts).toBe(1 + 2 * (MAX_COUNTED_SLICES - 1));
    // The crawls still cover the window, in order, with no gap.
    const windows = parts.map(windowOf);
    expect(windows[0]?.[0]).toBe(plan.since);
    expect(windows.at(-1)?.[1]).toBe(until.getTime());
    for (let i = 1; i < windows.length; i++) expect(windows[i]?.[0]).toBe(windows[i - 1]?.[1]);
  });

  it('stops every count of sessions() once counts that do not add up fail it', async () => {
    const since = Date.UTC(2026, 0, 1);
    const middle = Date.UTC(2026, 0, 4, 12);
    const end = Date.UTC(2026, 0, 8);
    // One session a second in the late half, which is cut down to minutes; the early half counts
    // 100, but its own halves a million each.
    const countOf = ([from, to]: [number, number]) => {
      if (to <= middle) return from === since && to === middle ? 100 : 1_000_000;
      const late = Math.round((to - Math.max(from, middle)) / 1_000);
      return from < middle ? 100 + late : late;
    };
    const honest = fakeQueryEm([], () => undefined);
    let counts = 0;
    const fetch = (async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== '/api/query' || url.searchParams.get('pageSize') !== '1')
        return honest(request);
      counts++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      const filter = url.searchParams.get('filter') ?? '';
      const [from, to] = [...filter.matchAll(/"([^"]+)"/g)].map((m) => Date.parse(m[1] as string));
      const answer = {
        Refs: { Refs: [] },
        Entities: null,
        Resources: null,
        Links: [],
        PagingInfo: {
          Links: [],
          PageNum: 1,
          PageSize: 1,
          PagesCount: countOf([from, to] as [number, number]),
        },
      };
      return new Response(JSON.stringify(answer), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof globalThis.fetch;
    const client = createClient({
      url: FAKE_EM_ORIGIN,
      username: 'u',
      password: 'p',
      format: 'json',
      fetch,
    });
    const error = await client
      .sessions({
        since: new Date(since),
        until: new Date(end),
        types: ['Backup'],
        pageSize: 10,
        maxPagesPerSlice: 1,
      })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as Error).message).toMatch(
      /^EM counted 100 BackupJobSessions from 2026-01-01T00:00:00\.000Z to 2026-01-04T12:00:00\.000Z, but 1000000 and 1000000 in its two halves/,
    );
    const countsWhenFailed = counts;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counts).toBe(countsWhenFailed);
    await client.close();
  });
});
