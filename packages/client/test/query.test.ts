import { AbortError, anyOf, ClientOptionsError, ResponseError, where } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { type EntityReference, formatEmDateTime } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import {
  clientOf,
  DATASET_NOW,
  emulator,
  expectedSessionUids,
  recordingFetch,
  useEmulator,
} from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

const allSessionUids = (em: RunningEmulator) =>
  expectedSessionUids(em.dataset, new Date(0), new Date(8.64e15)).filter((uid) =>
    uid.includes(':BackupJobSession:'),
  );

describe('query', () => {
  it('refuses a type it does not serve, names of every object included, before sending', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'Nope']) {
      expect(() => client.query(type as 'Job'), type).toThrow(ClientOptionsError);
    }
    expect(recorded.requests).toEqual([]);
    await client.close();
  });

  it('crawls every page, each item once, following the paging links', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch, concurrency: 1 });
    const crawl = client.query('BackupJobSession', { pageSize: 37 });
    const uids: string[] = [];
    for await (const session of crawl) uids.push(session.UID);
    expect(uids.sort()).toEqual(allSessionUids(em).sort());
    expect(crawl.stats.pages).toBe(Math.ceil(uids.length / 37));
    expect(crawl.stats.duplicatesSkipped).toBe(0);
    const pageUrls = recorded.requests.filter((r) => r.url.includes('/api/query'));
    // Later pages reuse the server's own link: its filter-less query, its parameter order.
    expect(pageUrls[1]?.url).toMatch(
      /type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=37&page=2/,
    );
    expect(pageUrls[1]?.url).not.toContain('&amp;');
    await client.close();
  });

  it('crawls anew each time it is iterated, with the stats of the latest iteration', async () => {
    const client = clientOf(em);
    const crawl = client.query('BackupJobSession', { pageSize: 250 });
    const first = await crawl.toArray();
    const firstStats = { ...crawl.stats };
    expect(firstStats.pages).toBeGreaterThan(1);
    expect(firstStats).toEqual({
      pages: Math.ceil(first.length / 250),
      items: first.length,
      duplicatesSkipped: 0,
    });
    const requests = em.stats().requests;
    const again: string[] = [];
    for await (const session of crawl) again.push(session.UID);
    expect(again).toEqual(first.map((session) => session.UID));
    expect(em.stats().requests - requests).toBe(firstStats.pages);
    expect(crawl.stats).toEqual(firstStats);
    await client.close();
  });

  it('sorts ascending by creation time unless told otherwise', async () => {
    const client = clientOf(em);
    const ascending = await client.query('BackupJobSession', { pageSize: 500 }).toArray();
    const times = ascending.map((s) => s.CreationTimeUTC.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const descending = await client
      .query('BackupJobSession', { sortDesc: 'CreationTime', pageSize: 500 })
      .toArray();
    expect(descending.map((s) => s.UID)).toEqual(ascending.map((s) => s.UID).reverse());
    await client.close();
  });

  it("filters on a session's own time to the microsecond EM 13 wrote", async () => {
    const client = clientOf(em);
    let first: { CreationTimeUTC: Date; UID: string } | undefined;
    for await (const session of client.query('BackupJobSession', { pageSize: 1 })) {
      first = session;
      break;
    }
    const { CreationTimeUTC: created, UID: uid } = first as { CreationTimeUTC: Date; UID: string };
    expect(formatEmDateTime(created)).toMatch(/\.\d{4,6}Z$/);
    const uidsWhere = async (operator: '==' | '>' | '<=') =>
      (
        await client
          .query('BackupJobSession', { filter: where('CreationTime', operator, created) })
          .toArray()
      ).map((reference) => reference.UID);
    expect(await uidsWhere('==')).toEqual([uid]);
    expect(await uidsWhere('<=')).toEqual([uid]);
    expect(await uidsWhere('>')).not.toContain(uid);
    await client.close();
  });

  it('applies typed filters on the server, with quoting and dates as EM wants them', async () => {
    const client = clientOf(em, { concurrency: 3 });
    const since = new Date(DATASET_NOW.getTime() - 7 * 86_400_000);
    const filter = where<'BackupJobSession'>('CreationTime', '>=', since).and(
      anyOf<'BackupJobSession'>('Result', ['Failed', 'Warning']),
    );
    const sessions = await client.query('BackupJobSession', { filter, pageSize: 3 }).toArray();
    expect(sessions.length).toBeGreaterThan(3);
    // Paged by EM's links, which carry the filter re-encoded (`%3e%3d%22…`), as on one page.
    const onePage = await client.query('BackupJobSession', { filter }).toArray();
    expect(sessions.map((session) => session.UID)).toEqual(onePage.map((session) => session.UID));
    for (const session of sessions) {
      expect(['Failed', 'Warning']).toContain(session.Result);
      expect(session.CreationTimeUTC.getTime()).toBeGreaterThanOrEqual(since.getTime());
    }
    const job = em.dataset.jobs.find((j) => j.jobType === 'Backup');
    const ofJob = await client
      .query('BackupJobSession', { filter: where('JobName', '==', job?.name ?? '') })
      .toArray();
    expect(ofJob.length).toBeGreaterThan(0);
    expect(new Set(ofJob.map((s) => s.JobName))).toEqual(new Set([job?.name]));
    await client.close();
  });

  it('yields references with format references', async () => {
    const client = clientOf(em);
    const refs: EntityReference[] = await client
      .query('Job', { format: 'references', pageSize: 4 })
      .toArray();
    expect(refs.map((r) => r.Name).sort()).toEqual(em.dataset.jobs.map((j) => j.name).sort());
    expect(refs.every((r) => r.UID.startsWith('urn:veeam:Job:'))).toBe(true);
    await client.close();
  });

  it('a page that shifts under the crawl neither duplicates nor drops items', async () => {
    // Between page 1 and page 2, a late-collected session appears before the cursor: EM's page 2
    // then starts with the last item of page 1. The fetch in front of the emulator plays that.
    let shifted = false;
    const client = clientOf(em, {
      concurrency: 1,
      fetch: (async (request: Request) => {
        const url = new URL(request.url);
        if (url.pathname === '/api/query' && url.searchParams.get('page') === '2' && !shifted) {
          shifted = true;
          const response = await fetch(request);
          const page1 = await fetch(new Request(request.url.replace('page=2', 'page=1'), request));
          const text1 = await page1.text();
          const last = text1.slice(
            text1.lastIndexOf('<BackupJobSession '),
            text1.indexOf('</BackupJobSessions>'),
          );
          const text = (await response.text()).replace(
            '<BackupJobSessions>',
            `<BackupJobSessions>${last}`,
          );
          return new Response(text, { status: 200, headers: response.headers });
        }
        return fetch(request);
      }) as typeof fetch,
    });
    const crawl = client.query('BackupJobSession', { pageSize: 10 });
    const uids = (await crawl.toArray()).map((s) => s.UID);
    expect(shifted).toBe(true);
    expect(crawl.stats.duplicatesSkipped).toBe(1);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.sort()).toEqual(allSessionUids(em).sort());
    await client.close();
  });

  it('given a signal already aborted, sends nothing and fails with AbortError, as sessions() does', async () => {
    const signal = AbortSignal.abort();
    const fresh = clientOf(em);
    const loggedOn = clientOf(em);
    await loggedOn.logon();
    const sent = em.stats().requests;
    for (const client of [fresh, loggedOn]) {
      const crawls = [
        () => client.query('BackupJobSession', { signal }).toArray(),
        async () => {
          for await (const _ of client.query('Job', { signal }).pages());
        },
        () => client.sessions({ since: '30d', signal }).toArray(),
      ];
      for (const crawl of crawls) {
        const error = await crawl().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AbortError);
        expect((error as AbortError).request?.url).toContain('/api/query');
      }
    }
    // close() waits for a logon on its way: a fresh client's crawl must not have started one.
    await fresh.close();
    expect(em.stats().requests).toBe(sent);
    expect(em.stats().logons).toBe(1);
    await loggedOn.close();
  });

  it('a page with its items under another wrapper than asked is a ResponseError, not an empty crawl', async () => {
    /** Sends the emulator another query than the client asked for. */
    const asking = (change: (url: URL) => void) =>
      (async (request: Request) => {
        const url = new URL(request.url);
        if (url.pathname === '/api/query') change(url);
        return globalThis.fetch(new Request(url.href, request));
      }) as typeof globalThis.fetch;
    const cases = [
      [
        (url: URL) => url.searchParams.delete('format'),
        'entities',
        'Refs',
        'Entities/BackupJobSessions',
      ],
      [
        (url: URL) => {
          url.searchParams.set('type', 'Job');
          url.searchParams.set('sortAsc', 'Name');
        },
        'entities',
        'Entities/Jobs',
        'Entities/BackupJobSessions',
      ],
      [
        (url: URL) => url.searchParams.set('format', 'Entities'),
        'references',
        'Entities/BackupJobSessions',
        'Refs',
      ],
    ] as const;
    for (const format of ['xml', 'json'] as const) {
      for (const [change, asked, came, wanted] of cases) {
        const client = clientOf(em, { fetch: asking(change), format });
        const crawl = client.query('BackupJobSession', { format: asked });
        const error = await crawl.toArray().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error).toMatchObject({
          retryable: false,
          message: `query BackupJobSession (${asked}) page 1 came back with its items under ${came}, not ${wanted}`,
        });
        expect(crawl.stats.pages).toBe(0);
        await client.close();
      }
    }
  });

  it("an empty page ends the crawl empty, whichever of EM's empty shapes it has", async () => {
    const paging = { PageNum: 1, PageSize: 250, PagesCount: 1, Links: [] };
    const xmlPaging =
      '<PagingInfo PageNum="1" PageSize="250" PagesCount="1"><Links /></PagingInfo>';
    const xml = (inside: string) =>
      `<QueryResult xmlns="http://www.veeam.com/ent/v1.0">${inside}<Links />${xmlPaging}</QueryResult>`;
    const camel = { pageNum: 1, pageSize: 250, pagesCount: 1, links: [] };
    const bodies = [
      xml(''),
      xml('<Entities />'),
      xml('<Entities><BackupJobSessions /></Entities>'),
      xml('<Refs />'),
      JSON.stringify({
        Refs: null,
        Entities: null,
        Resources: null,
        Links: [],
        PagingInfo: paging,
      }),
      JSON.stringify({
        Refs: null,
        Entities: { Jobs: null, BackupJobSessions: null },
        Links: [],
        PagingInfo: paging,
      }),
      JSON.stringify({
        Entities: { BackupJobSessions: { BackupJobSessions: null } },
        Links: [],
        PagingInfo: paging,
      }),
      JSON.stringify({ Refs: { Refs: [] }, Links: [], PagingInfo: paging }),
      JSON.stringify({
        refs: null,
        entities: { backupJobSessions: { backupJobSessions: [] } },
        links: [],
        pagingInfo: camel,
      }),
      JSON.stringify({ refs: null, entities: null, links: [], pagingInfo: camel }),
    ];
    for (const body of bodies) {
      const answering = (async (request: Request) => {
        if (new URL(request.url).pathname !== '/api/query') return globalThis.fetch(request);
        const type = body.startsWith('<') ? 'application/xml' : 'application/json';
        return new Response(body, { status: 200, headers: { 'Content-Type': type } });
      }) as typeof globalThis.fetch;
      const client = clientOf(em, {
        fetch: answering,
        format: body.startsWith('<') ? 'xml' : 'json',
      });
      for (const format of ['entities', 'references'] as const) {
        const crawl = client.query('BackupJobSession', { format });
        expect(await crawl.toArray()).toEqual([]);
        expect(crawl.stats.pages).toBe(1);
      }
      await client.close();
    }
    // The emulator's own empty result, EM 12 (PascalCase JSON) and EM 13 (camelCase).
    for (const emVersion of [12, 13] as const) {
      const running = await emulator({ emVersion });
      for (const format of ['xml', 'json'] as const) {
        const client = clientOf(running, { format });
        for (const asked of ['entities', 'references'] as const) {
          const nothing = client.query('BackupJobSession', {
            format: asked,
            filter: where<'BackupJobSession'>('JobName', '==', 'no such job'),
          });
          expect(await nothing.toArray()).toEqual([]);
        }
        await client.close();
      }
      expect(running.stats().openLogonSessions).toBe(0);
      await running.close();
    }
  });

  it('refuses a query type or option it cannot send', async () => {
    const client = clientOf(em);
    expect(() => client.query('Vm' as never)).toThrow(/query type "Vm"/);
    expect(() => client.query('Job', { pageSize: 0 })).toThrow(/pageSize/);
    expect(() => client.query('Job', { sortAsc: 'Name', sortDesc: 'Name' })).toThrow(
      /sortAsc or sortDesc/,
    );
    await client.close();
  });
});
