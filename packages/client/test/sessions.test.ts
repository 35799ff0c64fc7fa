import {
  type ClientEvent,
  ClientOptionsError,
  FilterError,
  type SessionFamily,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { formatEmDateTime, subMillisecondTicks, withSubMillisecondTicks } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../src/sessions.js';
import {
  clientOf,
  DATASET_NOW,
  expectedSessionUids,
  recordingFetch,
  useEmulator,
} from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator(
  (running) => {
    em = running;
  },
  { dataset: { jobs: 30, days: 60, sessionsPerDay: 2 } },
);

const now = () => DATASET_NOW;
const DAY = 86_400_000;

describe('sessions()', () => {
  it('returns exactly the sessions of the window, counted first, without an N+1 walk', async () => {
    const client = clientOf(em);
    const crawl = client.sessions({ since: '30d', now });
    const uids: string[] = [];
    for await (const session of crawl) uids.push(session.UID);
    const expected = expectedSessionUids(
      em.dataset,
      new Date(DATASET_NOW.getTime() - 30 * DAY),
      DATASET_NOW,
    );
    expect(uids.length).toBe(expected.length);
    expect(uids.sort()).toEqual(expected.sort());
    const stats = em.stats();
    // One count per family, then ceil(count / 250) pages per family; no request per session.
    const backups = expected.filter((uid) => uid.includes(':BackupJobSession:')).length;
    const replicas = expected.length - backups;
    expect(stats.requestsByRoute['GET /query']).toBe(
      2 + Math.ceil(backups / DEFAULT_PAGE_SIZE) + Math.ceil(replicas / DEFAULT_PAGE_SIZE),
    );
    expect(stats.requestsByRoute['GET /backupSessions/{id}'] ?? 0).toBe(0);
    expect(stats.requests).toBeLessThan(expected.length / 10);
    await client.close();
  });

  it('slices the window so that no crawl goes deeper than maxPagesPerSlice', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const sessions = await client
      .sessions({ since: '30d', now, pageSize: 10, maxPagesPerSlice: 3, types: ['Backup'] })
      .toArray();
    const expected = expectedSessionUids(
      em.dataset,
      new Date(DATASET_NOW.getTime() - 30 * DAY),
      DATASET_NOW,
    ).filter((uid) => uid.includes(':BackupJobSession:'));
    expect(sessions.map((s) => s.UID).sort()).toEqual(expected.sort());
    const pages = recorded.requests
      .filter((r) => r.url.includes('/api/query') && r.url.includes('format=Entities'))
      .map((r) => Number(new URL(r.url).searchParams.get('page')));
    // A slice over 30 sessions is cut in two until none is: never deeper than 3 pages, and at
    // most twice the fewest slices that could hold them.
    expect(Math.max(...pages)).toBeLessThanOrEqual(3);
    const slices = pages.filter((page) => page === 1).length;
    expect(slices).toBeGreaterThanOrEqual(Math.ceil(expected.length / 30));
    expect(slices).toBeLessThanOrEqual(2 * Math.ceil(expected.length / 30));
    await client.close();
  }, 30_000); // a page of 10 at a time over 30 days: seconds on a loaded 2-core host

  it('stays shallow when the sessions fill a small part of the window', async () => {
    // A year's window over 60 days of sessions: equal slices of the year would put them all in
    // the last few, each dozens of pages deep.
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const since = new Date(DATASET_NOW.getTime() - 365 * DAY);
    const sessions = await client
      .sessions({ since, until: DATASET_NOW, pageSize: 10, maxPagesPerSlice: 3, types: ['Backup'] })
      .toArray();
    const expected = expectedSessionUids(em.dataset, since, DATASET_NOW).filter((uid) =>
      uid.includes(':BackupJobSession:'),
    );
    expect(sessions.map((s) => s.UID).sort()).toEqual(expected.sort());
    const pages = recorded.requests
      .filter((r) => r.url.includes('/api/query') && r.url.includes('format=Entities'))
      .map((r) => Number(new URL(r.url).searchParams.get('page')));
    expect(Math.max(...pages)).toBeLessThanOrEqual(3);
    const times = sessions.map((s) => s.CreationTimeUTC.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await client.close();
    // 756 requests (counts and pages of 10): about 4 s here, more on a busy machine.
  }, 20_000);

  it('reaches past the 30 days /backupSessions shows', async () => {
    const client = clientOf(em);
    const since = new Date(DATASET_NOW.getTime() - 50 * DAY);
    const until = new Date(DATASET_NOW.getTime() - 40 * DAY);
    const uids = (
      await client.sessions({ since, until, sliceBy: '3d', pageSize: 25 }).toArray()
    ).map((s) => s.UID);
    expect(uids.sort()).toEqual(expectedSessionUids(em.dataset, since, until).sort());
    await client.close();
  });

  it('filters by job, result, state and family on the server', async () => {
    const client = clientOf(em);
    const job = em.dataset.jobs.find((j) => j.jobType === 'Backup');
    const failed = await client
      .sessions({ since: '30d', now, result: ['Failed', 'Warning'], types: ['Backup'] })
      .toArray();
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.every(
        (s) =>
          (s.Result === 'Failed' || s.Result === 'Warning') && s.UID.includes(':BackupJobSession:'),
      ),
    ).toBe(true);
    const ofJob = await client.sessions({ since: '30d', now, jobName: job?.name ?? '' }).toArray();
    expect(ofJob.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ofJob.map((s) => s.JobName))).toEqual(new Set([job?.name]));
    const replicas = await client.sessions({ since: '30d', now, types: ['Replica'] }).toArray();
    expect(replicas.length).toBeGreaterThan(0);
    expect(replicas.every((s) => s.JobType === 'Replica')).toBe(true);
    const running = await client.sessions({ since: '30d', now, state: 'Working' }).toArray();
    expect(running.length).toBe(em.dataset.options.runningSessions);
    expect(running.every((s) => s.EndTimeUTC === undefined)).toBe(true);
    await client.close();
  });

  it('splits a long list of job or VM names into filters EM takes, each job in order', async () => {
    const client = clientOf(em);
    const since = new Date(DATASET_NOW.getTime() - 10 * DAY);
    const window = { since, until: DATASET_NOW, now };
    const all = await client.sessions(window).toArray();
    // 20 jobs of the dataset among 200 names, as one filter longer than the emulator's 4,096
    // characters: eight chunks of 25, each a filter EM takes.
    const real = [...new Set(all.map((s) => s.JobName))].slice(0, 20);
    const names = [...real, ...Array.from({ length: 180 }, (_, i) => `no such job ${i}`)];
    const queries = em.stats().requestsByRoute['GET /query'] ?? 0;
    const chosen = await client.sessions({ ...window, jobName: names }).toArray();
    expect(chosen.map((s) => s.UID).sort()).toEqual(
      all
        .filter((s) => real.includes(s.JobName))
        .map((s) => s.UID)
        .sort(),
    );
    // One count and at least one crawl per chunk and family.
    expect((em.stats().requestsByRoute['GET /query'] ?? 0) - queries).toBeGreaterThanOrEqual(32);
    for (const job of real) {
      const times = chosen.filter((s) => s.JobName === job).map((s) => s.CreationTimeUTC.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const tasks = await client.taskSessions(window).toArray();
    const vms = [...new Set(tasks.map((t) => t.VmDisplayName ?? ''))].slice(0, 30);
    const vmNames = [...vms, ...Array.from({ length: 40 }, (_, i) => `no-such-vm-${i}`)];
    const ofVms = await client.taskSessions({ ...window, vmName: vmNames }).toArray();
    expect(ofVms.map((t) => t.UID).sort()).toEqual(
      tasks
        .filter((t) => vms.includes(t.VmDisplayName ?? ''))
        .map((t) => t.UID)
        .sort(),
    );
    await client.close();
  });

  it('sends each name once, whatever its case, and keeps counts within `concurrency`', async () => {
    let inFlight = 0;
    let most = 0;
    const countingFetch = (async (input: Request | string | URL, init?: RequestInit) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await globalThis.fetch(input, init);
      } finally {
        inFlight--;
      }
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch: countingFetch, concurrency: 2 });
    const since = new Date(DATASET_NOW.getTime() - 10 * DAY);
    const window = { since, until: DATASET_NOW, now };
    const all = await client.sessions(window).toArray();
    const [job] = [...new Set(all.map((s) => s.JobName))];
    // The job first and again, in capitals, in the second of four chunks: its sessions come once.
    const names = [
      job ?? '',
      ...Array.from({ length: 30 }, (_, i) => `no such job ${i}`),
      (job ?? '').toUpperCase(),
      ...Array.from({ length: 60 }, (_, i) => `none ${i}`),
    ];
    const chosen = await client.sessions({ ...window, jobName: names }).toArray();
    const expected = all.filter((s) => s.JobName === job).map((s) => s.UID);
    expect(chosen.map((s) => s.UID)).toEqual(expected);
    expect(most).toBeLessThanOrEqual(2);
    await client.close();
  });

  it('stops counting once a count fails: nothing more is sent, and the counts in flight are aborted', async () => {
    // The first count fails at once; the others take their time.
    em.faults.add({ fault: { kind: 'status', status: 500 }, path: '/query', times: 1 });
    em.faults.add({
      fault: { kind: 'latency', ms: 300 },
      path: '/query',
      after: 1,
      times: Number.POSITIVE_INFINITY,
    });
    const events: ClientEvent[] = [];
    const { fetch, requests } = recordingFetch();
    const client = clientOf(em, { fetch, concurrency: 4, onEvent: (event) => events.push(event) });
    const counts = () => requests.filter((r) => r.url.includes('/api/query')).length;
    // 20 chunks of names, times 2 families: 40 counts.
    const jobName = Array.from({ length: 500 }, (_, i) => `job ${i}`);
    await expect(client.sessions({ since: '7d', now, jobName }).toArray()).rejects.toThrow(/500/);
    expect(counts()).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(counts()).toBe(4);
    const queries = events.filter((e) => e.type === 'response' && e.url.includes('/api/query'));
    expect(queries).toEqual([expect.objectContaining({ status: 500 })]);
    await client.close();
  });

  it('splits lists of long names by length too, so that no filter is longer than EM takes', async () => {
    const requested: string[] = [];
    const recordingFetch = (async (input: Request | string | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const filter = url.searchParams.get('filter');
      if (filter !== null) requested.push(filter);
      return globalThis.fetch(input, init);
    }) as typeof globalThis.fetch;
    const client = clientOf(em, { fetch: recordingFetch });
    const since = new Date(DATASET_NOW.getTime() - 10 * DAY);
    const window = { since, until: DATASET_NOW, now };
    const all = await client.sessions(window).toArray();
    const [job] = [...new Set(all.map((s) => s.JobName))];
    // 25 names of 250 characters, the real job's last, in both lists.
    const long = (i: number) => `${i} `.padEnd(250, 'x');
    const names = [...Array.from({ length: 24 }, (_, i) => long(i)), job ?? ''];
    const chosen = await client
      .taskSessions({
        ...window,
        jobName: names,
        vmName: Array.from({ length: 25 }, (_, i) => long(i)),
      })
      .toArray();
    expect(chosen).toEqual([]);
    const ofJob = await client.sessions({ ...window, jobName: names }).toArray();
    expect(ofJob.map((s) => s.UID)).toEqual(all.filter((s) => s.JobName === job).map((s) => s.UID));
    expect(requested.length).toBeGreaterThan(0);
    expect(Math.max(...requested.map((filter) => filter.length))).toBeLessThanOrEqual(4096);
    // The VM names leave the job names all the room they do not need, and the other way round.
    expect(() => client.taskSessions({ jobName: 'j'.repeat(3900), vmName: 'vm01' })).not.toThrow();
    expect(() => client.taskSessions({ jobName: 'j', vmName: 'v'.repeat(3900) })).not.toThrow();
    // A name too long for any filter is refused before anything is sent.
    expect(() => client.sessions({ jobName: 'x'.repeat(5000) })).toThrow(
      /a job name of 5000 characters makes a filter longer than the 4096 characters sent at most/,
    );
    await client.close();
  });

  it('refuses more filters or crawls than it sends, before anything is sent', () => {
    const client = clientOf(em);
    const names = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
    expect(() =>
      client.taskSessions({ jobName: names(300, 'job'), vmName: names(300, 'vm') }),
    ).toThrow(
      /300 job names and 300 VM names make 144 filters of at most 25 names and 4096 characters each; at most 100/,
    );
    expect(() => client.sessions({ since: '30d', sliceBy: '1m' })).toThrow(
      /sliceBy 1m cuts the window into 43200 slices: 86400 crawls with 1 filters and 2 families; at most 10000 are made/,
    );
    expect(() => client.sessions({ since: '30d', sliceBy: '1m' })).toThrow(ClientOptionsError);
    // Per family: 8,760 hourly slices of a year are 17,520 crawls of two families, one is fine.
    expect(() => client.sessions({ since: '365d', sliceBy: '1h' })).toThrow(/17520 crawls/);
    expect(() =>
      client.sessions({ since: '365d', sliceBy: '1h', types: ['Backup'] }),
    ).not.toThrow();
  });

  it('keeps a deep window shallow: small slices, many pages in flight, order preserved', async () => {
    const client = clientOf(em, { concurrency: 4 });
    const sessions = await client
      .sessions({ since: '20d', now, sliceBy: '12h', pageSize: 5, types: ['Backup'] })
      .toArray();
    const times = sessions.map((s) => s.CreationTimeUTC.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const expected = expectedSessionUids(
      em.dataset,
      new Date(DATASET_NOW.getTime() - 20 * DAY),
      DATASET_NOW,
    ).filter((uid) => uid.includes(':BackupJobSession:'));
    expect(sessions.map((s) => s.UID).sort()).toEqual(expected.sort());
    await client.close();
  });

  it("sends a since or until of EM 13's microseconds to the digit: a session's own time includes it as since, leaves it out as until", async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const day = await client.sessions({ since: '1d', now, types: ['Backup'] }).toArray();
    // Ticks with room for one more microsecond in the same millisecond.
    const session = day.find((s) => {
      const ticks = subMillisecondTicks(s.CreationTimeUTC);
      return ticks >= 10 && ticks < 9990;
    });
    if (!session) throw new Error('the dataset has no session with microseconds in its last day');
    const created = session.CreationTimeUTC;
    const ms = created.getTime();
    const ticks = subMillisecondTicks(created);
    const oneMicrosecondLater = withSubMillisecondTicks(new Date(ms), ticks + 10);
    const uidsOf = async (since: Date, until: Date) =>
      (await client.sessions({ since, until, now, types: ['Backup'] }).toArray()).map((s) => s.UID);

    // The outer bounds go out as given, seven digits; the slices between them are milliseconds.
    expect(await uidsOf(created, new Date(ms + 60_000))).toContain(session.UID);
    const sent = recorded.requests.map((r) => decodeURIComponent(r.url)).at(-1) ?? '';
    expect(sent).toContain(`CreationTime>="${formatEmDateTime(created)}"`);
    expect(await uidsOf(oneMicrosecondLater, new Date(ms + 60_000))).not.toContain(session.UID);
    expect(await uidsOf(new Date(ms - 60_000), created)).not.toContain(session.UID);
    expect(await uidsOf(new Date(ms - 60_000), oneMicrosecondLater)).toContain(session.UID);
    // A window inside one millisecond cannot be cut: refused, saying so.
    expect(() => client.sessions({ since: created, until: oneMicrosecondLater })).toThrow(
      /must be at least a millisecond before until/,
    );
    // The other way round, each bound shown as given: ticks and all, or to the millisecond.
    expect(() => client.sessions({ since: oneMicrosecondLater, until: new Date(ms) })).toThrow(
      `since (${formatEmDateTime(oneMicrosecondLater, { microseconds: true })}) must be before until (${new Date(ms).toISOString()})`,
    );
    await client.close();
  });

  it('refuses windows and options that make no sense', async () => {
    const client = clientOf(em);
    expect(() => client.sessions({ since: 'yesterday' })).toThrow(ClientOptionsError);
    expect(() => client.sessions({ since: '1d', until: new Date(0) })).toThrow(
      /must be before until/,
    );
    expect(() => client.sessions({ sliceBy: '0d' })).toThrow(/sliceBy/);
    expect(() => client.sessions({ types: [] })).toThrow(/types/);
    // A string where a list belongs (a JavaScript caller) is refused the same way, not a TypeError.
    const types = 'Backup' as unknown as readonly SessionFamily[];
    expect(() => client.sessions({ types })).toThrow(ClientOptionsError);
    expect(() => client.taskSessions({ types })).toThrow(/types must list Backup/);
    // null is a JavaScript caller's mistake, not "not given" (which only undefined is).
    for (const crawl of [client.sessions, client.taskSessions]) {
      expect(() => crawl({ types: null as never })).toThrow(
        new ClientOptionsError('types must list Backup and/or Replica, got null'),
      );
    }
    // A job name EM could not receive fails the call, before any request, as a ClientOptionsError.
    const requests = em.stats().requests;
    for (const call of [
      () => client.sessions({ jobName: 'tab\there' }),
      () => client.taskSessions({ result: 'Not OK' as never }),
    ]) {
      expect(call).toThrow(ClientOptionsError);
      expect(call).toThrow(FilterError);
    }
    expect(em.stats().requests).toBe(requests);
    await client.close();
  });

  it('taskSessions() reads the task sessions of the window the same way', async () => {
    const client = clientOf(em);
    const since = new Date(DATASET_NOW.getTime() - 3 * DAY);
    const tasks = await client.taskSessions({ since, until: DATASET_NOW, pageSize: 200 }).toArray();
    // A task session is in the window by its own creation time, not its job session's.
    const table = em.dataset.jobSessions;
    const expected: string[] = [];
    for (let row = 0; row < table.count; row++) {
      for (const task of em.dataset.taskSessionsOf(row)) {
        if (task.creationTime >= since.getTime() && task.creationTime < DATASET_NOW.getTime()) {
          expected.push(task.id);
        }
      }
    }
    expect(tasks.map((t) => t.UID.split(':').pop()).sort()).toEqual(expected.sort());
    const failed = await client
      .taskSessions({ since, until: DATASET_NOW, result: 'Failed', types: ['Backup'] })
      .toArray();
    expect(
      failed.every((t) => t.Result === 'Failed' && t.UID.includes(':BackupTaskSession:')),
    ).toBe(true);
    // By VM, on the server: the tasks of two VMs, and only theirs.
    const [first, second] = [...new Set(tasks.map((t) => t.VmDisplayName))];
    const byVm = await client
      .taskSessions({ since, until: DATASET_NOW, vmName: [first ?? '', second ?? ''] })
      .toArray();
    expect(byVm.map((t) => t.UID).sort()).toEqual(
      tasks
        .filter((t) => t.VmDisplayName === first || t.VmDisplayName === second)
        .map((t) => t.UID)
        .sort(),
    );
    expect(byVm.length).toBeLessThan(tasks.length);
    await client.close();
  });

  it('sessions(), taskSessions() and query() refuse an option they do not know, naming it', () => {
    const client = clientOf(em);
    const cases: [() => unknown, RegExp][] = [
      [
        () => client.sessions({ sinse: '7d' } as never),
        /^sinse is not an option of sessions\(\) \(its options: since, until, .*, now\)$/,
      ],
      [
        () => client.taskSessions({ vmname: 'sql01' } as never),
        /^vmname is not an option of taskSessions\(\) \(its options: since, .*, vmName\)$/,
      ],
      [
        () => client.query('BackupJobSession', { sortasc: 'CreationTime' } as never),
        /^sortasc is not an option of query\(\) \(its options: filter, sortAsc, sortDesc, pageSize, format, concurrency, signal\)$/,
      ],
      [
        () => client.sessions('7d' as never),
        /^the options of sessions\(\) must be an object, got "7d"$/,
      ],
      [
        () => client.taskSessions(null as never),
        /^the options of taskSessions\(\) must be an object, got null$/,
      ],
      [
        () => client.query('Job', [] as never),
        /^the options of query\(\) must be an object, got an array$/,
      ],
      [() => client.sessions({ pageSize: '250' } as never), /^pageSize must be .*, got "250"$/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(ClientOptionsError);
      expect(call).toThrow(message);
    }
    // A key given as undefined is not given.
    expect(() => client.sessions({ sinse: undefined } as never)).not.toThrow();
    expect(em.stats().requests).toBe(0);
  });

  it('a signal that is no AbortSignal is a ClientOptionsError, at the call or from its promise', async () => {
    const client = clientOf(em);
    const signal = 'abort' as never;
    expect(() => client.sessions({ signal })).toThrow(
      new ClientOptionsError('sessions().signal must be an AbortSignal, got "abort"'),
    );
    expect(() => client.taskSessions({ signal: {} as never })).toThrow(
      new ClientOptionsError('taskSessions().signal must be an AbortSignal, got an object'),
    );
    expect(() => client.query('Job', { signal: 5 as never })).toThrow(
      new ClientOptionsError('query().signal must be an AbortSignal, got 5'),
    );
    await expect(client.jobs.list({ signal })).rejects.toThrow(
      new ClientOptionsError('jobs.list().signal must be an AbortSignal, got "abort"'),
    );
    await expect(
      client.taskSessionsOf([], { signal })[Symbol.asyncIterator]().next(),
    ).rejects.toThrow(
      new ClientOptionsError('taskSessionsOf().signal must be an AbortSignal, got "abort"'),
    );
    expect(() => clientOf(em, { signal: new EventTarget() as never })).toThrow(
      new ClientOptionsError('signal must be an AbortSignal, got an object'),
    );
    expect(Array.isArray(await client.jobs.list({ signal: new AbortController().signal }))).toBe(
      true,
    );
    await client.close();
  });

  it('vmName is a task session filter: sessions() refuses it', () => {
    const client = clientOf(em);
    expect(() => client.sessions({ vmName: 'sql01' } as never)).toThrow(
      /vmName filters task sessions/,
    );
  });
});
