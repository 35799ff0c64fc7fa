import { AbortError, type EmClient, NetworkError, TimeoutError } from '@vbem/client';
import type { BackupJobSession, BackupTaskSession, Job } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/command-context.js';
import { DEFAULT_EM_CONCURRENCY } from '../src/em-concurrency.js';
import { reportOfTargets } from '../src/report-of-targets.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const HOUR = 3_600_000;

/** A session of the job "Nightly" that started `hoursAgo` before NOW and ran 30 minutes. */
const nightly = (hoursAgo: number, result: string): BackupJobSession => {
  const start = NOW.getTime() - hoursAgo * HOUR;
  return {
    Href: `https://em:9398/api/backupSessions/${hoursAgo}?format=Entity`,
    Name: `Nightly@${hoursAgo}`,
    UID: `urn:veeam:BackupJobSession:${hoursAgo}`,
    Links: [],
    JobUid: 'urn:veeam:Job:1',
    JobName: 'Nightly',
    JobType: 'Backup',
    CreationTimeUTC: new Date(start),
    EndTimeUTC: new Date(start + HOUR / 2),
    State: 'Stopped',
    Result: result,
    Progress: 100,
    IsRetry: false,
  };
};

interface SessionsAsked {
  readonly since: Date;
  readonly until: Date;
  readonly state?: readonly string[];
}

/**
 * A client that answers from arrays, each crawl by its window and states, and records what was
 * asked: each sessions crawl, the task sessions' `since`, the job sessions whose tasks were read.
 */
function fakeClient(
  all: BackupJobSession[],
  {
    jobs = [],
    tasks = [],
    failRunningQuery = false,
  }: { jobs?: Job[]; tasks?: BackupTaskSession[]; failRunningQuery?: boolean | Error } = {},
) {
  const asked: {
    sessions: SessionsAsked[];
    tasks?: Date;
    tasksOf: string[];
    laterThan: string[];
  } = { sessions: [], tasksOf: [], laterThan: [] };
  /** The sessions a query's filter selects: `JobUid=="…";CreationTime>="…";CreationTime<"…"`. */
  const selectedBy = (filter: string) => {
    const [, jobUid, after, before] =
      /^JobUid=="([^"]+)";CreationTime>="([^"]+)";CreationTime<"([^"]+)"$/.exec(filter) ?? [];
    return all.filter(
      (s) =>
        s.JobUid === jobUid &&
        s.CreationTimeUTC >= new Date(after ?? NaN) &&
        s.CreationTimeUTC < new Date(before ?? NaN),
    );
  };
  const client = {
    jobs: { listEntities: async () => jobs },
    sessions: (options: SessionsAsked) => {
      asked.sessions.push(options);
      if (failRunningQuery && options.state !== undefined) {
        return {
          // biome-ignore lint/correctness/useYield: fails before its first item, as EM's 500 would
          async *[Symbol.asyncIterator]() {
            throw failRunningQuery === true ? new Error('EM answered 500') : failRunningQuery;
          },
        };
      }
      const items = all.filter(
        (s) =>
          s.CreationTimeUTC >= options.since &&
          s.CreationTimeUTC < options.until &&
          (options.state === undefined || options.state.includes(s.State)),
      );
      return {
        stats: { pages: 1 },
        async *pages() {
          yield { items };
        },
        async *[Symbol.asyncIterator]() {
          yield* items;
        },
      };
    },
    query: (_type: string, options: { filter: { toString(): string } }) => {
      const filter = options.filter.toString();
      asked.laterThan.push(filter);
      return (async function* () {
        yield* selectedBy(filter);
      })();
    },
    taskSessions: (options: { since: Date }) => {
      asked.tasks = options.since;
      const items = tasks.filter((task) => task.CreationTimeUTC >= options.since);
      // As a QueryCrawl: its items and its stats.
      return Object.assign(
        (async function* () {
          yield* items;
        })(),
        { stats: { pages: 1, items: items.length } },
      );
    },
    async *taskSessionsOf(sessions: Iterable<BackupJobSession>) {
      for (const session of sessions) {
        asked.tasksOf.push(session.UID);
        yield { session, taskSessions: tasks.filter((t) => t.JobSessionUid === session.UID) };
      }
    },
  };
  return { client: client as unknown as EmClient, asked };
}

function contextFor(client: EmClient): CommandContext {
  return {
    io: { now: () => NOW, signal: new AbortController().signal } as CommandContext['io'],
    targets: async () => [],
    client: () => client,
    progress: () => ({ update: () => {}, done: () => {} }),
    verbose: () => {},
    warn: () => {},
    hint: () => {},
    exitCode: 0,
  };
}

describe('reportOfTargets', () => {
  it('crawls task sessions from the largest RPO before the window, job sessions from a week and a day before it', async () => {
    // The last success is 20 h old, before a 12 h window; the run in the window failed.
    const { client, asked } = fakeClient([
      nightly(44, 'Success'),
      nightly(20, 'Success'),
      nightly(4, 'Failed'),
    ]);
    const { report } = await reportOfTargets(
      contextFor(client),
      [{ name: 'em', options: { url: 'https://em:9398', username: 'u', password: 'p' } }],
      { options: { since: '12h', rpo: { default: '24h', jobs: { Other: '2d' } } }, tasks: true },
      { quiet: true },
    );
    const sessionsFrom = new Date(NOW.getTime() - 60 * HOUR);
    // What is usual for a run's duration: the runs of its weekday a week before it.
    const historyFrom = new Date(NOW.getTime() - (12 + 8 * 24) * HOUR);
    expect(asked).toEqual({
      sessions: [
        // Sessions still running from before: none here.
        expect.objectContaining({ since: new Date('2000-01-01T00:00:00Z'), until: historyFrom }),
        expect.objectContaining({ since: historyFrom, until: NOW }),
      ],
      tasks: sessionsFrom,
      tasksOf: [],
      laterThan: [],
    });
    expect(asked.sessions[0]?.state).toEqual([
      'Starting',
      'Stopping',
      'Working',
      'Pausing',
      'Resuming',
    ]);
    expect(asked.sessions[1]?.state).toBeUndefined();
    const [job] = report.jobs;
    expect(job?.runs).toBe(1);
    expect(job?.lastSuccessAt).toBe(nightly(20, 'Success').EndTimeUTC?.toISOString());
    expect(job?.rpoBreached).toBe(false);
  });

  /** A session of "Copy", a job whose every run lasts days: the one created `hoursAgo`, running. */
  const copyRunning = (hoursAgo: number): BackupJobSession => {
    const { EndTimeUTC: _end, ...session } = nightly(hoursAgo, 'None');
    return {
      ...session,
      UID: `urn:veeam:BackupJobSession:copy-${hoursAgo}`,
      JobUid: 'urn:veeam:Job:2',
      JobName: 'Copy',
      State: 'Working',
    };
  };
  const jobNamed = (uid: string, name: string): Job => ({
    Href: `https://em:9398/api/jobs/${uid}`,
    Name: name,
    UID: uid,
    Links: [],
    JobType: 'Backup',
    ScheduleEnabled: true,
  });
  const taskOf = (session: BackupJobSession, vm: string): BackupTaskSession => ({
    Href: `https://em:9398/api/backupTaskSessions/${vm}`,
    Name: vm,
    UID: `urn:veeam:BackupTaskSession:${vm}`,
    VmDisplayName: vm,
    Links: [],
    JobSessionUid: session.UID,
    CreationTimeUTC: session.CreationTimeUTC,
    State: 'InProgress',
    Result: 'None',
    Reason: '',
    TotalSize: 0,
  });
  const target = { name: 'em', options: { url: 'https://em:9398', username: 'u', password: 'p' } };

  it('shows a run that started before the sessions crawled and still runs as running, not missed', async () => {
    // Job sessions are crawled from 204 h before NOW (a 12 h window and 8 days), task sessions
    // from 36 h (a 24 h RPO); Copy's run began 300 h ago.
    const running = copyRunning(300);
    const { client, asked } = fakeClient([copyRunning(500), running, nightly(4, 'Success')], {
      jobs: [jobNamed('urn:veeam:Job:1', 'Nightly'), jobNamed('urn:veeam:Job:2', 'Copy')],
      tasks: [taskOf(running, 'fileserver')],
    });
    const { report } = await reportOfTargets(
      contextFor(client),
      [target],
      { options: { since: '12h', rpo: '24h' }, tasks: true },
      { quiet: true },
    );
    expect(report.missedJobs).toEqual([]);
    const copy = report.jobs.find((job) => job.jobName === 'Copy');
    expect(copy?.running).toEqual({
      since: running.CreationTimeUTC.toISOString(),
      elapsedSeconds: 300 * 3600,
    });
    expect(copy?.runs).toBe(1);
    // Its tasks, read by the session's link: the VM it is backing up.
    expect(asked.tasksOf).toEqual([running.UID]);
    expect(report.vms.map((vm) => vm.vmName)).toEqual(['fileserver']);
  });

  it('reads the tasks of a run crawled from before the task sessions that still runs as its job’s latest', async () => {
    // Copy's run began 100 h ago: in the job crawl (from 204 h), not in the task crawl (from 36 h).
    const orphan = copyRunning(150);
    const running = copyRunning(100);
    const { client, asked } = fakeClient([orphan, running, nightly(4, 'Success')], {
      jobs: [jobNamed('urn:veeam:Job:1', 'Nightly'), jobNamed('urn:veeam:Job:2', 'Copy')],
      tasks: [taskOf(orphan, 'old'), taskOf(running, 'fileserver')],
    });
    const { report } = await reportOfTargets(
      contextFor(client),
      [target],
      { options: { since: '12h', rpo: '24h' }, tasks: true },
      { quiet: true },
    );
    expect(report.jobs.find((job) => job.jobName === 'Copy')?.running?.elapsedSeconds).toBe(
      100 * 3600,
    );
    // Not the tasks of the one VBR left Working before it.
    expect(asked.tasksOf).toEqual([running.UID]);
    expect(report.vms.map((vm) => vm.vmName)).toEqual(['fileserver']);
  });

  it('reads the tasks of a run from before the task sessions that ran at the end of a window in the past, and has ended since', async () => {
    // The window is 72 to 48 h ago; Copy's run began 100 h ago and ended 10 h ago.
    const finished: BackupJobSession = {
      ...copyRunning(100),
      State: 'Stopped',
      Result: 'Success',
      EndTimeUTC: new Date(NOW.getTime() - 10 * HOUR),
    };
    const task: BackupTaskSession = {
      ...taskOf(finished, 'fileserver'),
      State: 'Stopped',
      Result: 'Success',
      EndTimeUTC: new Date(NOW.getTime() - 11 * HOUR),
    };
    const { client, asked } = fakeClient([finished, nightly(70, 'Success')], {
      jobs: [jobNamed('urn:veeam:Job:1', 'Nightly'), jobNamed('urn:veeam:Job:2', 'Copy')],
      tasks: [task],
    });
    const from = new Date(NOW.getTime() - 72 * HOUR);
    const to = new Date(NOW.getTime() - 48 * HOUR);
    const { report } = await reportOfTargets(
      contextFor(client),
      [target],
      { options: { from, to, rpo: '24h' }, tasks: true },
      { quiet: true },
    );
    // Running at the window's end, as buildReport judges it, and its VM with it.
    expect(report.jobs.find((job) => job.jobName === 'Copy')?.running?.elapsedSeconds).toBe(
      52 * 3600,
    );
    expect(asked.tasksOf).toEqual([finished.UID]);
    expect(report.vms.map((vm) => vm.vmName)).toEqual(['fileserver']);
  });

  it('reads no tasks of a run from before when a later session of its job was crawled', async () => {
    // A session left Working (VBR lost it), then the job ran again in the window.
    const { client, asked } = fakeClient(
      [copyRunning(100), { ...nightly(4, 'Success'), JobUid: 'urn:veeam:Job:2', JobName: 'Copy' }],
      { jobs: [jobNamed('urn:veeam:Job:2', 'Copy')] },
    );
    const { report } = await reportOfTargets(
      contextFor(client),
      [target],
      { options: { since: '12h', rpo: '24h' }, tasks: true },
      { quiet: true },
    );
    expect(asked.tasksOf).toEqual([]);
    expect(report.jobs.map((job) => [job.jobName, job.running, job.runs])).toEqual([
      ['Copy', null, 1],
    ]);
  });

  it('does not look before 2000 for running sessions', async () => {
    const { client, asked } = fakeClient([nightly(4, 'Success')]);
    await reportOfTargets(
      contextFor(client),
      [target],
      {
        options: {
          from: new Date('2000-01-01T12:00:00Z'),
          to: new Date('2000-01-03T00:00:00Z'),
          rpo: '24h',
        },
        tasks: false,
      },
      { quiet: true },
    );
    expect(asked.sessions).toHaveLength(1);
  });

  it('carries no run VBR left Working when its job ran again before the sessions crawled', async () => {
    // Left Working in 2019; the job then ran 300, 260 and 220 h ago, before the crawl's 204 h.
    const orphan = { ...copyRunning(60_000), CreationTimeUTC: new Date('2019-11-22T00:00:00Z') };
    const later = [300, 260, 220].map((hoursAgo) => ({
      ...nightly(hoursAgo, 'Success'),
      JobUid: 'urn:veeam:Job:2',
      JobName: 'Copy',
    }));
    const { client, asked } = fakeClient([orphan, ...later], {
      jobs: [jobNamed('urn:veeam:Job:2', 'Copy')],
    });
    const { report } = await reportOfTargets(
      contextFor(client),
      [target],
      { options: { since: '12h', rpo: '24h' }, tasks: true },
      { quiet: true },
    );
    expect(asked.laterThan).toHaveLength(1);
    expect(report.jobs).toEqual([]);
    expect(report.missedJobs.map((job) => job.jobName)).toEqual(['Copy']);
  });

  it('reads a task of a carried run once, however many tasks come between its two copies', async () => {
    const running = copyRunning(100);
    // Its VM "db" failed 20 h ago, inside the crawl; 300 tasks of other sessions follow it.
    const failed: BackupTaskSession = {
      ...taskOf(running, 'db'),
      CreationTimeUTC: new Date(NOW.getTime() - 20 * HOUR),
      EndTimeUTC: new Date(NOW.getTime() - 19 * HOUR),
      State: 'Completed',
      Result: 'Failed',
      Reason: 'disk full',
    };
    const others = Array.from({ length: 300 }, (_, index) => ({
      ...taskOf(nightly(4, 'Success'), `vm${index}`),
      CreationTimeUTC: new Date(NOW.getTime() - 4 * HOUR),
    }));
    const { client } = fakeClient([running, nightly(4, 'Success')], {
      jobs: [jobNamed('urn:veeam:Job:1', 'Nightly'), jobNamed('urn:veeam:Job:2', 'Copy')],
      tasks: [failed, ...others],
    });
    const { report } = await reportOfTargets(
      contextFor(client),
      [target],
      { options: { since: '12h', rpo: '24h' }, tasks: true },
      { quiet: true },
    );
    const db = report.vms.find((vm) => vm.vmName === 'db');
    expect(db?.failureReasons.map((reason) => reason.count)).toEqual([1]);
  });

  it('reports without the runs from before, with a warning, when EM fails that query', async () => {
    const { client } = fakeClient([copyRunning(300), nightly(4, 'Success')], {
      jobs: [jobNamed('urn:veeam:Job:1', 'Nightly'), jobNamed('urn:veeam:Job:2', 'Copy')],
      failRunningQuery: true,
    });
    const warnings: string[] = [];
    const context = { ...contextFor(client), warn: (line: string) => warnings.push(line) };
    const { report } = await reportOfTargets(
      context,
      [target],
      { options: { since: '12h', rpo: '24h' }, tasks: false },
      { quiet: true },
    );
    expect(report.jobs.map((job) => job.jobName)).toEqual(['Nightly']);
    expect(report.missedJobs.map((job) => job.jobName)).toEqual(['Copy']);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^em: could not read the sessions still running from before \S+ \(.*EM answered 500.*\); a run that began before then shows as a missed job$/,
      ),
    ]);
  });

  it("fails the EM at once, with no warning and no crawl after, when that query is aborted (check's --time-limit), times out or finds no EM", async () => {
    for (const failed of [
      new AbortError('the request was aborted'),
      new TimeoutError('GET https://em:9398/api/query took longer than 30 s'),
      new NetworkError('GET https://em:9398/api/query: connection reset'),
    ]) {
      const { client, asked } = fakeClient([copyRunning(300), nightly(4, 'Success')], {
        jobs: [jobNamed('urn:veeam:Job:1', 'Nightly'), jobNamed('urn:veeam:Job:2', 'Copy')],
        failRunningQuery: failed,
      });
      const warnings: string[] = [];
      const context = { ...contextFor(client), warn: (line: string) => warnings.push(line) };
      await expect(
        reportOfTargets(
          context,
          [target],
          { options: { since: '12h', rpo: '24h' }, tasks: false },
          { quiet: true },
        ),
      ).rejects.toBe(failed);
      expect(warnings).toEqual([]);
      // Only the query by state: the crawl of the window never started.
      expect(asked.sessions.map((each) => each.state !== undefined)).toEqual([true]);
    }
  });

  it('reads `concurrency` EMs at once with --all, DEFAULT_EM_CONCURRENCY when not given', async () => {
    const targets = Array.from({ length: 12 }, (_, index) => ({ ...target, name: `em${index}` }));
    for (const [concurrency, most] of [
      [undefined, DEFAULT_EM_CONCURRENCY],
      [10, 10],
      [1, 1],
      [64, targets.length],
    ] as const) {
      const seen = { now: 0, most: 0 };
      const { client } = fakeClient([nightly(4, 'Success')]);
      // Every EM's job list waits a turn of the event loop: the EMs started meanwhile overlap it.
      const counting = {
        ...client,
        jobs: {
          listEntities: async () => {
            seen.now += 1;
            seen.most = Math.max(seen.most, seen.now);
            await new Promise((resolve) => setImmediate(resolve));
            seen.now -= 1;
            return [];
          },
        },
      } as unknown as EmClient;
      const { report } = await reportOfTargets(
        contextFor(counting),
        targets,
        {
          options: { since: '12h', rpo: '24h' },
          tasks: false,
          ...(concurrency === undefined ? {} : { concurrency }),
        },
        { quiet: true },
      );
      expect(seen.most, `concurrency ${concurrency}`).toBe(most);
      expect(report.failedSources).toEqual([]);
      expect(report.jobs.map((job) => job.source).sort()).toEqual(
        targets.map((each) => each.name).sort(),
      );
    }
  });

  it('fails the EM when its task sessions are aborted (Ctrl-C), rather than report it without VMs', async () => {
    const aborted = new AbortError('the request was aborted');
    const { client } = fakeClient([nightly(4, 'Success')]);
    const failing = {
      ...client,
      taskSessions: () =>
        Object.assign(
          // biome-ignore lint/correctness/useYield: fails before its first item
          (async function* () {
            throw aborted;
          })(),
          { stats: { pages: 0, items: 0 } },
        ),
    } as unknown as EmClient;
    const warnings: string[] = [];
    const context = { ...contextFor(failing), warn: (line: string) => warnings.push(line) };
    await expect(
      reportOfTargets(
        context,
        [target],
        { options: { since: '12h', rpo: '24h' }, tasks: true },
        { quiet: true },
      ),
    ).rejects.toBe(aborted);
    expect(warnings).toEqual([]);
  });
});
