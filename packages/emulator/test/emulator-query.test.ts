import { readFileSync } from 'node:fs';
import { enumTypeDescriptors } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn, rawRequest } from './emulator-harness.js';

const RESULTS = enumTypeDescriptors.SessionResult.values;

describe('emulator: query service', () => {
  it('filters, sorts and pages job sessions exactly as the dataset says', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const since = new Date('2026-11-01T00:00:00Z').getTime();
    const expected: string[] = [];
    for (let row = 0; row < table.count; row++) {
      const job = dataset.jobs[table.jobIndex[row] as number];
      const failedOrWarning = (table.result[row] as number) > RESULTS.indexOf('Success');
      if (
        job?.jobType !== 'Replica' &&
        failedOrWarning &&
        (table.creationTime[row] as number) >= since
      )
        expected.push(table.id(row));
    }
    expected.reverse(); // sortDesc=CreationTime
    expect(expected.length).toBeGreaterThan(3);

    const filter = encodeURIComponent('Result>Success;CreationTime>="2026-11-01T00:00:00Z"');
    const pageSize = 2;
    const seen: string[] = [];
    let next: string | undefined =
      `query?type=BackupJobSession&format=Entities&sortDesc=CreationTime&pageSize=${pageSize}&page=1&filter=${filter}`;
    let pages = 0;
    while (next) {
      const response = await get(emulator, next, token);
      expect(response.status).toBe(200);
      const { value } = decode(await response.text(), { root: 'QueryResult' });
      pages++;
      seen.push(
        ...(value.Entities?.BackupJobSessions?.BackupJobSessions ?? []).map(
          (session) => session.UID.split(':')[3] as string,
        ),
      );
      expect(value.PagingInfo).toMatchObject({
        PageNum: pages,
        PageSize: pageSize,
        PagesCount: Math.ceil(expected.length / pageSize),
      });
      const link = value.PagingInfo.Links.find((candidate) => candidate.Rel === 'Next')?.Href;
      next = link?.slice(`${emulator.url}/api/`.length);
    }
    expect(seen).toEqual(expected);
  });

  it('writes paging links as EM does: the query as sent, the filter re-encoded, pageSize and page in place or appended', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const linksOf = async (query: string, accept?: string) => {
      const text = await (await get(emulator, query, token, accept)).text();
      return Object.fromEntries(
        decode(text, { root: 'QueryResult' }).value.PagingInfo.Links.map((link) => [
          link.Rel,
          link.Href.slice(`${emulator.url}/api/`.length),
        ]),
      );
    };
    // pagesize_and_page.md: 2 backup servers, 1 per page; the type as sent, page appended.
    expect(await linksOf('query?type=backupServer&pageSize=1')).toEqual({
      First: 'query?type=backupServer&pageSize=1&page=1',
      Next: 'query?type=backupServer&pageSize=1&page=2',
      Last: 'query?type=backupServer&pageSize=1&page=2',
    });
    // sortasc_sortdesc.md and query_and_or.md: without pageSize, pageSize=100&page=1 come last.
    expect((await linksOf('query?type=backupServer&sortDesc=name')).First).toBe(
      'query?type=backupServer&sortDesc=name&pageSize=100&page=1',
    );
    expect((await linksOf('query?type=job&filter=jobtype==backup;platform==hyperv')).Last).toBe(
      'query?type=job&filter=jobtype%3d%3dbackup;platform%3d%3dhyperv&pageSize=100&page=1',
    );
    // The filter comes out as EM encodes it however it was sent, and no parameter can be injected.
    const odd = `query?type=BackupJobSession&format=references&filter=${encodeURIComponent('Name!="a&b=c é"')}&sortDesc=Name&PAGE=1&pageSize=1`;
    expect((await linksOf(odd)).Next).toBe(
      'query?type=BackupJobSession&format=references&filter=Name!%3d%22a%26b%3dc+%c3%a9%22&sortDesc=Name&PAGE=2&pageSize=1',
    );
    const xml = await (await get(emulator, odd, token)).text();
    expect(xml).toContain(
      '&amp;filter=Name!%3d%22a%26b%3dc+%c3%a9%22&amp;sortDesc=Name&amp;PAGE=1&amp;pageSize=1"',
    );
  });

  it.each([
    ['query-BackupTaskSession-entities-paged.xml', ''],
    ['query-BackupJobSession-entities.xml', '&pageSize=100&page=1'],
  ])(
    "repeats the request in paging links as EM's %s, the filter re-encoded",
    async (fixture, appended) => {
      const emulator = await emulatorForTest();
      const token = await logOn(emulator);
      const sample = readFileSync(
        new URL(`../../../schemas/fixtures/em-docs/${fixture}`, import.meta.url),
        'utf8',
      );
      const first = decode(sample.slice(sample.indexOf('<QueryResult')), {
        root: 'QueryResult',
      }).value.PagingInfo.Links.find((link) => link.Rel === 'First')?.Href as string;
      const linkQuery = first.slice(first.indexOf('query?'));
      // The sample's request: its First link without what EM appended.
      const request = linkQuery.slice(0, linkQuery.length - appended.length);
      const response = await get(emulator, request, token);
      expect(response.status).toBe(200);
      const { value } = decode(await response.text(), { root: 'QueryResult' });
      const link = value.PagingInfo.Links.find((candidate) => candidate.Rel === 'First')?.Href;
      // The docs' samples write the filter raw or in upper-case hex; the captured EM answer, which
      // the test below matches byte for byte, in lower-case hex: the same filter once decoded.
      const decoded = (href: string | undefined) =>
        decodeURIComponent(href?.slice(href.indexOf('query?')) ?? '');
      expect(decoded(link)).toBe(decoded(linkQuery));
      expect(link?.startsWith(`${emulator.url}/api/query?`)).toBe(true);
    },
  );

  it('echoes the query in paging links like the captured EM answer, the filter re-encoded', async () => {
    const emulator = await emulatorForTest({ emVersion: 12 });
    const token = await logOn(emulator);
    const captured = JSON.parse(
      readFileSync(
        new URL(
          '../../../schemas/fixtures/em-docs/query-BackupJobSession-refs.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { PagingInfo: { Links: { Rel: string; Href: string }[] } };
    const first = captured.PagingInfo.Links.find((link) => link.Rel === 'First')?.Href as string;
    const query = first.slice(first.indexOf('query?'));
    // The request the capture answered, with the filter as the client sent it (its source).
    const sent =
      'query?type=BackupJobSession&sortAsc=name&pageSize=15&page=1&filter=JobType==NasBackup';
    expect(query).toBe(sent.replace('==', '%3d%3d'));
    const response = await get(emulator, sent, token, 'application/json');
    const { PagingInfo } = (await response.json()) as typeof captured;
    expect(PagingInfo.Links.find((link) => link.Rel === 'First')?.Href).toBe(
      `${emulator.url}/api/${query}`,
    );
  });

  it.each([
    ['encodeURIComponent', (filter: string) => encodeURIComponent(filter)],
    ['URLSearchParams', (filter: string) => new URLSearchParams({ filter }).toString().slice(7)],
    [
      'raw ; " and = as curl sends them',
      (filter: string) =>
        filter.replace(/[^;"=!A-Za-z0-9]/g, (char) =>
          Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16)}`).join(''),
        ),
    ],
  ])(
    'pages to the end by Next links, with ; " space é & = percent in the filter, sent by %s',
    async (_, encoded) => {
      const emulator = await emulatorForTest();
      const token = await logOn(emulator);
      const filter = 'JobName!="a;b ""c"" é&d=e%25";Result!=Success';
      const everything = decode(
        await (
          await get(emulator, 'query?type=BackupJobSession&filter=Result!%3DSuccess', token)
        ).text(),
        { root: 'QueryResult' },
      ).value.Refs?.Refs.map((ref) => ref.UID);
      const seen: string[] = [];
      let next: string | undefined =
        `query?type=BackupJobSession&filter=${encoded(filter)}&pageSize=5`;
      while (next) {
        const response = await rawRequest(emulator.url, `/api/${next}`, {
          'X-RestSvcSessionId': token,
        });
        expect(response.status, next).toBe(200);
        const { value } = decode(response.body, { root: 'QueryResult' });
        seen.push(...(value.Refs?.Refs ?? []).map((ref) => ref.UID));
        const link = value.PagingInfo.Links.find((candidate) => candidate.Rel === 'Next')?.Href;
        next = link?.slice(`${emulator.url}/api/`.length);
      }
      expect(everything?.length).toBeGreaterThan(15);
      expect(seen).toEqual(everything);
    },
  );

  it("writes a QueryResult's own Links as null in JSON, as EM does, for EM 12 and 13", async () => {
    for (const [emVersion, links, paging] of [
      [12, 'Links', 'PagingInfo'],
      [13, 'links', 'pagingInfo'],
    ] as const) {
      const emulator = await emulatorForTest({ emVersion });
      const token = await logOn(emulator);
      const response = await get(emulator, 'query?type=Job&pageSize=2', token, 'application/json');
      const body = (await response.json()) as Record<string, { links?: unknown[] } | null>;
      expect(body[links], `EM ${emVersion}`).toBeNull();
      expect(Object.keys(body).indexOf(links)).toBe(Object.keys(body).indexOf(paging) - 1);
      expect(body[paging]).toHaveProperty(emVersion === 12 ? 'Links' : 'links');
    }
  });

  it('puts everything on one page without pageSize and answers references by default', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { value } = decode(await (await get(emulator, 'query?type=BackupServer', token)).text(), {
      root: 'QueryResult',
    });
    expect(value.Refs?.Refs).toHaveLength(emulator.dataset.backupServers.length);
    expect(value.PagingInfo).toMatchObject({ PageNum: 1, PageSize: 100, PagesCount: 1 });
  });

  it('takes a date alone in a filter as midnight UTC, as the docs\' CreationTimeUTC>="2025-06-15" sample', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const table = emulator.dataset.jobSessions;
    const from = Date.parse('2026-11-19T00:00:00Z');
    const to = Date.parse('2026-11-20T00:00:00Z');
    const expected: string[] = [];
    for (let row = 0; row < table.count; row++) {
      const time = table.creationTime[row] as number;
      if (time >= from && time <= to) expected.push(table.id(row));
    }
    expect(expected.length).toBeGreaterThan(0);
    const filter = encodeURIComponent('CreationTime>="2026-11-19";CreationTime<="2026-11-20"');
    const uids = async (type: string) => {
      const response = await get(emulator, `query?type=${type}&filter=${filter}`, token);
      expect(response.status).toBe(200);
      const { value } = decode(await response.text(), { root: 'QueryResult' });
      return (value.Refs?.Refs ?? []).map((ref) => ref.UID.split(':')[3] as string);
    };
    const found = [...(await uids('BackupJobSession')), ...(await uids('ReplicaJobSession'))];
    expect(found.sort()).toEqual(expected.sort());
  });

  it('finds task sessions by VM and result across jobs', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const vm = dataset.jobs.find((job) => job.jobType === 'Backup')?.vmNames[0] as string;
    const expected = [];
    for (let row = 0; row < dataset.jobSessions.count; row++) {
      if (dataset.jobs[dataset.jobSessions.jobIndex[row] as number]?.jobType === 'Replica')
        continue;
      for (const task of dataset.taskSessionsOf(row))
        if (task.vmName.toLowerCase() === vm.toLowerCase()) expected.push(task.id);
    }
    const response = await get(
      emulator,
      `query?type=BackupTaskSession&filter=${encodeURIComponent(`VmDisplayName==${vm}`)}`,
      token,
    );
    const refs = decode(await response.text(), { root: 'QueryResult' }).value.Refs?.Refs ?? [];
    expect(refs.map((ref) => ref.UID.split(':')[3]).sort()).toEqual(expected.sort());
  });

  it('filters jobs and backup servers on every documented field', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const ids = async (query: string) => {
      const response = await get(emulator, query, token);
      expect(response.status, query).toBe(200);
      const { value } = decode(await response.text(), { root: 'QueryResult' });
      return (value.Refs?.Refs ?? []).map((ref) => ref.UID.split(':')[3]);
    };
    const server = dataset.backupServers[1];
    const onServer = dataset.jobs.filter((job) => job.serverIndex === 1).map((job) => job.id);
    expect(onServer.length).toBeGreaterThan(0);
    expect(await ids(`query?type=Job&filter=BackupServerName==${server?.name}`)).toEqual(onServer);
    expect(await ids('query?type=Job&filter=ScheduleConfigured==true')).toHaveLength(
      dataset.jobs.length,
    );
    const copies = ['BackupCopy', 'ImmediateBackupCopy'];
    const scheduled = dataset.jobs.filter((job) => !copies.includes(job.jobType));
    expect(scheduled.length).toBeLessThan(dataset.jobs.length);
    const now = dataset.now.toISOString();
    expect(await ids(`query?type=Job&filter=NextRun>"${now}"&sortAsc=NextRun`)).toEqual(
      expect.arrayContaining(scheduled.map((job) => job.id)),
    );
    expect(await ids(`query?type=Job&filter=NextRun>"${now}"`)).toHaveLength(scheduled.length);
    expect(
      await ids(
        `query?type=BackupServer&filter=IpOrDnsName==${server?.name};Port==9392;Version=="${server?.version}"`,
      ),
    ).toEqual([server?.id]);
  });

  it('answers 400 with an Error body for a bad filter, type, sort or paging', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    for (const query of [
      'query?type=BackupJobSession&filter=Nmae==x',
      'query?type=BackupJobSession&filter=(Result==Failed',
      'query?type=BackupJobSession&filter=Result==Bogus',
      'query?type=Nothing',
      'query?type=BackupJobSession&sortAsc=Nope',
      'query?type=BackupJobSession&sortAsc=Name&sortDesc=x%26format%3DEntities',
      'query?type=BackupJobSession&sortAsc=Name&sortDesc=Name',
      'query?type=BackupJobSession&pageSize=0',
      'query?type=BackupJobSession&page=-1',
      'query?type=BackupJobSession&pageSize=2147483648',
      'query?type=BackupJobSession&pageSize=2&page=9007199254740991',
      `query?type=BackupJobSession&pageSize=${'9'.repeat(400)}`,
    ]) {
      const response = await get(emulator, query, token);
      expect(response.status, query).toBe(400);
      expect(decode(await response.text(), { root: 'Error' }).value.StatusCode).toBe(400);
    }
  });
});
