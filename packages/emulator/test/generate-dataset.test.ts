import { runInNewContext } from 'node:vm';
import {
  JobSessionStateDescriptor,
  JobType,
  PlatformDescriptor,
  SessionResultDescriptor,
  TaskSessionStateDescriptor,
  VbemError,
} from '@vbem/model';
import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetOptions } from '../src/dataset/dataset.js';
import { DatasetOptionsError } from '../src/dataset/dataset-options-error.js';
import { DEFAULT_DATASET_OPTIONS, generateDataset } from '../src/dataset/generate-dataset.js';

/** The error `run` throws (it must throw). */
function captured(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const NOW = new Date('2025-11-01T10:00:00.000Z');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const WORKING = JobSessionStateDescriptor.values.indexOf('Working');
const STOPPED = JobSessionStateDescriptor.values.indexOf('Stopped');
const SUCCESS = SessionResultDescriptor.values.indexOf('Success');
const NO_RESULT = SessionResultDescriptor.values.indexOf('None');
const WARNING = SessionResultDescriptor.values.indexOf('Warning');
const FAILED = SessionResultDescriptor.values.indexOf('Failed');
const IN_PROGRESS = TaskSessionStateDescriptor.values.indexOf('InProgress');
const PENDING = TaskSessionStateDescriptor.values.indexOf('Pending');
const COMPLETED = TaskSessionStateDescriptor.values.indexOf('Completed');

const generate = (options: DatasetOptions = {}): Dataset =>
  generateDataset({ now: NOW, ...options });

/** Every row, read through the table's columns. */
function rowsOf(dataset: Dataset) {
  const table = dataset.jobSessions;
  return Array.from({ length: table.count }, (_, row) => ({
    row,
    jobIndex: table.jobIndex[row] as number,
    creationTime: table.creationTime[row] as number,
    endTime: table.endTime[row] as number,
    state: table.state[row] as number,
    result: table.result[row] as number,
    progress: table.progress[row] as number,
    isRetry: table.isRetry[row] as number,
  }));
}

/** The invariants every generated dataset keeps, whatever its options. */
function expectSessionInvariants(dataset: Dataset): void {
  const nowMs = dataset.now.getTime();
  const rows = rowsOf(dataset);
  const running = rows.filter((session) => Number.isNaN(session.endTime));
  expect(running).toHaveLength(dataset.options.runningSessions);
  expect(running.map((session) => session.row)).toEqual(
    rows.slice(rows.length - running.length).map((session) => session.row),
  );
  expect(new Set(running.map((session) => session.jobIndex)).size).toBe(running.length);

  const previousOfJob = new Map<number, (typeof rows)[number]>();
  let previousCreation = Number.NEGATIVE_INFINITY;
  for (const session of rows) {
    expect(session.creationTime).toBeGreaterThanOrEqual(previousCreation);
    previousCreation = session.creationTime;
    expect(session.creationTime).toBeLessThanOrEqual(nowMs);
    expect(session.jobIndex).toBeLessThan(dataset.jobs.length);
    expect(session.result).toBeLessThan(SessionResultDescriptor.values.length);
    if (Number.isNaN(session.endTime)) {
      expect(session.state).toBe(WORKING);
      // As EM writes a running session's result: none yet.
      expect(session.result).toBe(NO_RESULT);
      expect(session.progress).toBeLessThan(100);
      expect(session.isRetry).toBe(0);
    } else {
      expect(session.state).toBe(STOPPED);
      expect(session.progress).toBe(100);
      expect(session.endTime).toBeGreaterThanOrEqual(session.creationTime);
      expect(session.endTime).toBeLessThanOrEqual(nowMs);
    }
    const previous = previousOfJob.get(session.jobIndex);
    if (session.isRetry === 1) expect(previous?.result).toBe(FAILED);
    // A job runs one session at a time.
    if (previous !== undefined) expect(session.creationTime).toBeGreaterThan(previous.endTime);
    previousOfJob.set(session.jobIndex, session);
  }
}

describe('generateDataset', () => {
  describe('determinism', () => {
    it('gives identical datasets for identical options', () => {
      const first = generate({ seed: 42 });
      const second = generate({ seed: 42 });
      expect(second.backupServers).toEqual(first.backupServers);
      expect(second.jobs).toEqual(first.jobs);
      expect(second.restoreSessions).toEqual(first.restoreSessions);
      const { id: _firstId, rowOf: _firstRowOf, ...firstColumns } = first.jobSessions;
      const { id: _secondId, rowOf: _secondRowOf, ...secondColumns } = second.jobSessions;
      expect(secondColumns).toEqual(firstColumns);
      for (let row = 0; row < first.jobSessions.count; row++) {
        expect(second.jobSessions.id(row)).toBe(first.jobSessions.id(row));
      }
      for (const row of [0, 17, first.jobSessions.count - 1]) {
        expect(second.taskSessionsOf(row)).toEqual(first.taskSessionsOf(row));
      }
    });

    it('gives a different dataset for another seed', () => {
      const first = generate({ seed: 1 });
      const second = generate({ seed: 2 });
      expect(second.backupServers[0]?.id).not.toBe(first.backupServers[0]?.id);
      expect(second.jobs.map((job) => job.id)).not.toEqual(first.jobs.map((job) => job.id));
      expect(second.jobs.map((job) => job.name)).not.toEqual(first.jobs.map((job) => job.name));
      expect(second.jobSessions.creationTime).not.toEqual(first.jobSessions.creationTime);
      expect(second.jobSessions.id(0)).not.toBe(first.jobSessions.id(0));
    });
  });

  describe('options', () => {
    it('applies the documented defaults', () => {
      const dataset = generate();
      expect(dataset.options).toEqual({ ...DEFAULT_DATASET_OPTIONS, now: NOW });
      expect(DEFAULT_DATASET_OPTIONS).toEqual({
        seed: 1,
        servers: 2,
        jobs: 24,
        days: 45,
        sessionsPerDay: 1,
        vmsPerJob: 4,
        failureRate: 0.06,
        warningRate: 0.05,
        retryRate: 0.7,
        runningSessions: 2,
        restoreSessions: 20,
      });
      expect(dataset.backupServers).toHaveLength(2);
      expect(dataset.jobs).toHaveLength(24);
      expect(dataset.restoreSessions).toHaveLength(20);
      expect(dataset.now).toEqual(NOW);
      const scheduled = rowsOf(dataset).filter(
        (session) => session.isRetry === 0 && !Number.isNaN(session.endTime),
      );
      expect(scheduled).toHaveLength(24 * 45);
    });

    it('ends the history at the time of generation by default', () => {
      const before = Date.now();
      const dataset = generateDataset({ jobs: 2, days: 2 });
      const after = Date.now();
      expect(dataset.now.getTime()).toBeGreaterThanOrEqual(before);
      expect(dataset.now.getTime()).toBeLessThanOrEqual(after);
      expect(dataset.options.now).toEqual(dataset.now);
    });

    it('copies `now`, so that changing the caller’s Date changes nothing', () => {
      const now = new Date(NOW);
      const dataset = generateDataset({ now, jobs: 2, days: 2 });
      now.setFullYear(2000);
      expect(dataset.now).toEqual(NOW);
      expect(dataset.options.now).toEqual(NOW);
    });

    it.each([
      ['seed', 1.5],
      ['servers', -1],
      ['jobs', 2.5],
      ['days', -3],
      ['days', Number.NaN],
      ['sessionsPerDay', 1441],
      ['vmsPerJob', 0],
      ['vmsPerJob', 70_000],
      ['failureRate', 1.5],
      ['warningRate', -0.1],
      ['retryRate', Number.NaN],
      ['runningSessions', -1],
      ['restoreSessions', 0.5],
    ] as const)('rejects %s = %s with a DatasetOptionsError naming the option', (name, value) => {
      expect(() => generate({ [name]: value })).toThrow(VbemError);
      expect(() => generate({ [name]: value })).toThrow(`DatasetOptions.${name} must be`);
      const error = captured(() => generate({ [name]: value }));
      expect(error).toBeInstanceOf(DatasetOptionsError);
      expect(error).toMatchObject({ name: 'DatasetOptionsError', option: name });
    });

    it('rejects an invalid `now`', () => {
      expect(() => generateDataset({ now: new Date(Number.NaN) })).toThrow(
        new DatasetOptionsError('now', 'must be a valid Date, got Invalid Date'),
      );
      // Inheriting Date's methods makes no Date: each throws a TypeError on it.
      expect(() => generateDataset({ now: Object.create(Date.prototype) })).toThrow(
        new DatasetOptionsError('now', 'must be a valid Date, got an object'),
      );
    });

    it('takes a `now` of another realm (vm, a worker) as any Date', () => {
      const now = runInNewContext('new Date("2026-03-10T12:00:00Z")') as Date;
      expect(now instanceof Date).toBe(false);
      const other = generateDataset({ seed: 3, jobs: 3, days: 2, now });
      const same = generateDataset({ seed: 3, jobs: 3, days: 2, now: new Date(now.getTime()) });
      expect(other.now.getTime()).toBe(now.getTime());
      expect(other.jobSessions.creationTime).toEqual(same.jobSessions.creationTime);
    });

    it('rejects options that contradict each other', () => {
      expect(() => generate({ failureRate: 0.6, warningRate: 0.5 })).toThrow(
        /DatasetOptions\.failureRate \+ warningRate must not exceed 1/,
      );
      expect(() => generate({ servers: 0 })).toThrow(/DatasetOptions\.servers must be at least 1/);
      expect(captured(() => generate({ servers: 0 }))).toMatchObject({ option: 'servers' });
      expect(() => generate({ jobs: 1, runningSessions: 2 })).toThrow(
        /DatasetOptions\.runningSessions must not exceed jobs \(1\)/,
      );
      expect(() => generate({ jobs: 0, restoreSessions: 1 })).toThrow(
        /DatasetOptions\.restoreSessions must be 0 without jobs/,
      );
      expect(() => generate({ jobs: 100_000, days: 1000 })).toThrow(
        /DatasetOptions\.jobs × days × sessionsPerDay must not exceed/,
      );
      // Without history the runs cap nothing: jobs have a cap of their own.
      expect(() => generate({ jobs: 100_001, days: 0 })).toThrow(
        /DatasetOptions\.jobs must be an integer from 0 to 100000, got 100001/,
      );
      // A history reaching before the year 0001, which no EM date can hold.
      expect(() => generate({ jobs: 1, days: 800_000 })).toThrow(
        /DatasetOptions\.days must not reach before the year 0001 from now \(.*\), got 800000/,
      );
    });

    it.each([
      [{ servers: 10_000_000 }, 'servers', 'must be an integer from 0 to 10000, got 10000000'],
      [{ restoreSessions: 100_000_000 }, 'restoreSessions', 'must be an integer from 0 to 100000'],
      [{ jobs: 100_000, runningSessions: 100_001 }, 'runningSessions', 'from 0 to 100000'],
      [
        { jobs: 100_000, vmsPerJob: 65_535, days: 0 },
        'jobs',
        '× vmsPerJob must not exceed 1000000 VMs, got 6553500000',
      ],
      [
        { jobs: 100_000, days: 500 },
        'jobs',
        '× days × sessionsPerDay must not exceed 5000000 scheduled runs, got 50000000',
      ],
      [
        { jobs: 1000, days: 1000, vmsPerJob: 100 },
        'jobs',
        '× days × sessionsPerDay × vmsPerJob must not exceed 20000000 task sessions, got 100000000',
      ],
    ] as const)(
      'refuses %o, which would exhaust memory or take minutes, naming %s',
      (options, option, problem) => {
        const error = captured(() => generate(options));
        expect(error).toBeInstanceOf(DatasetOptionsError);
        expect(error).toMatchObject({ option, problem: expect.stringContaining(problem) });
      },
    );

    it('generates at the limits that do not need a long history', () => {
      const dataset = generate({
        jobs: 100,
        vmsPerJob: 10_000,
        days: 0,
        servers: 10_000,
        restoreSessions: 0,
      });
      expect(dataset.backupServers).toHaveLength(10_000);
      expect(dataset.jobs[0]?.vmNames).toHaveLength(10_000);
    });

    it('runs at most one session per job by default: a one-job EM has one running', () => {
      const one = generate({ jobs: 1 });
      expect(one.options.runningSessions).toBe(1);
      expect(rowsOf(one).filter((session) => Number.isNaN(session.endTime))).toHaveLength(1);
      expect(generate({ jobs: 0, restoreSessions: 0 }).options.runningSessions).toBe(0);
    });

    it('has no restore sessions by default without jobs, as restores need backed-up VMs', () => {
      expect(generate({ jobs: 0 }).options).toMatchObject({
        runningSessions: 0,
        restoreSessions: 0,
      });
      expect(generate({ jobs: 1 }).options.restoreSessions).toBe(20);
    });

    it('generates an empty EM when asked to', () => {
      const dataset = generate({ jobs: 0, runningSessions: 0, restoreSessions: 0 });
      expect(dataset.jobs).toEqual([]);
      expect(dataset.jobSessions.count).toBe(0);
      expect(dataset.jobSessions.rowOf('00000000-0000-4000-8000-000000000000')).toBe(-1);
    });
  });

  describe('job sessions', () => {
    it('keeps the invariants with the defaults', () => {
      expectSessionInvariants(generate());
    });

    it('keeps the invariants with many runs a day, many failures and every failure retried', () => {
      const dataset = generate({
        jobs: 12,
        days: 5,
        sessionsPerDay: 24,
        failureRate: 0.5,
        warningRate: 0.2,
        retryRate: 1,
        runningSessions: 5,
      });
      expectSessionInvariants(dataset);
      expect(rowsOf(dataset).some((session) => session.isRetry === 1)).toBe(true);
    });

    it('keeps the invariants when every run fails, with at most 3 retries per run', () => {
      const dataset = generate({ jobs: 3, days: 10, failureRate: 1, warningRate: 0, retryRate: 1 });
      expectSessionInvariants(dataset);
      const rows = rowsOf(dataset);
      const finished = rows.filter((session) => !Number.isNaN(session.endTime));
      expect(finished.every((session) => session.result === FAILED)).toBe(true);
      let retriesInARow = 0;
      for (const session of rows.filter((row) => row.jobIndex === 0)) {
        retriesInARow = session.isRetry === 1 ? retriesInARow + 1 : 0;
        expect(retriesInARow).toBeLessThanOrEqual(3);
      }
    });

    it('has neither failures nor retries at a failure rate of 0', () => {
      const rows = rowsOf(generate({ failureRate: 0 }));
      expect(rows.some((session) => session.result === FAILED || session.isRetry === 1)).toBe(
        false,
      );
    });

    it('starts the runs of a job at its start minute each day, a few seconds late', () => {
      const dataset = generate({ jobs: 8, days: 10, failureRate: 0 });
      for (const session of rowsOf(dataset)) {
        if (Number.isNaN(session.endTime)) continue;
        const job = dataset.jobs[session.jobIndex];
        const minuteOfDay = Math.floor((session.creationTime % 86_400_000) / 60_000);
        expect(minuteOfDay - (job?.startMinute ?? 0)).toBeGreaterThanOrEqual(0);
        expect(minuteOfDay - (job?.startMinute ?? 0)).toBeLessThanOrEqual(1);
      }
    });

    it('averages the failure and warning rates, with a few jobs much less healthy', () => {
      const dataset = generate({ jobs: 100, days: 100, failureRate: 0.06, warningRate: 0.05 });
      const scheduled = rowsOf(dataset).filter(
        (session) => session.isRetry === 0 && !Number.isNaN(session.endTime),
      );
      const shareOf = (result: number, sessions: readonly { result: number }[]) =>
        sessions.filter((session) => session.result === result).length / sessions.length;
      // A few broken jobs weigh a lot: the realised share strays further than binomial noise.
      expect(Math.abs(shareOf(FAILED, scheduled) - 0.06)).toBeLessThan(0.015);
      expect(Math.abs(shareOf(WARNING, scheduled) - 0.05)).toBeLessThan(0.01);
      const failureShares = dataset.jobs.map((_, jobIndex) =>
        shareOf(
          FAILED,
          scheduled.filter((session) => session.jobIndex === jobIndex),
        ),
      );
      expect(Math.max(...failureShares)).toBeGreaterThan(0.25);
      expect(failureShares.filter((share) => share < 0.06).length).toBeGreaterThan(50);
    });

    it('encodes the row in the session id and decodes it back', () => {
      const dataset = generate();
      const table = dataset.jobSessions;
      const ids = new Set<string>();
      for (let row = 0; row < table.count; row++) {
        const id = table.id(row);
        expect(id).toMatch(GUID);
        expect(table.rowOf(id)).toBe(row);
        expect(table.rowOf(id.toUpperCase())).toBe(row);
        ids.add(id);
      }
      expect(ids.size).toBe(table.count);
    });

    it('returns -1 for ids it did not generate', () => {
      const table = generate().jobSessions;
      const otherSeed = generate({ seed: 2 }).jobSessions;
      const id = table.id(5);
      for (const foreign of [
        '',
        'not a guid',
        'a490c017-2c1c-40ee-8bcf-73bcce6ab36f',
        otherSeed.id(5),
        `${id.slice(0, 35)}${id.endsWith('0') ? '1' : '0'}`,
        `0${id.slice(1)}` === id ? `1${id.slice(1)}` : `0${id.slice(1)}`,
        generate().backupServers[0]?.id ?? '',
        generate().taskSessionsOf(5)[0]?.id ?? '',
      ]) {
        expect(table.rowOf(foreign)).toBe(-1);
      }
      const larger = generate({ days: 90 }).jobSessions;
      expect(table.rowOf(larger.id(larger.count - 1))).toBe(-1);
    });

    it('rejects rows outside the table', () => {
      const table = generate().jobSessions;
      expect(() => table.id(table.count)).toThrow(RangeError);
      expect(() => table.id(-1)).toThrow(RangeError);
      expect(() => table.id(0.5)).toThrow(RangeError);
    });

    it('generates about 200,000 sessions', () => {
      const dataset = generate({ servers: 4, jobs: 200, days: 1000 });
      const table = dataset.jobSessions;
      expect(table.count).toBeGreaterThan(200_000);
      expect(table.creationTime).toHaveLength(table.count);
      expect(Number.isNaN(table.endTime[table.count - 1])).toBe(true);
      expect(table.rowOf(table.id(table.count - 1))).toBe(table.count - 1);
    });
  });

  describe('backup servers and jobs', () => {
    it('names the backup servers like VBR servers', () => {
      const servers = generate({ servers: 3 }).backupServers;
      expect(servers.map((server) => server.name)).toEqual([
        'vbr01.example.com',
        'vbr02.example.com',
        'vbr03.example.com',
      ]);
      for (const server of servers) {
        expect(server.id).toMatch(GUID);
        expect(server.port).toBe(9392);
        expect(server.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(server.description).not.toBe('');
      }
    });

    it.each([8, 24, 100])('covers every job type with sessions with %i jobs', (jobs) => {
      const dataset = generate({ jobs });
      const types = new Set(dataset.jobs.map((job) => job.jobType));
      expect([...types].sort()).toEqual(
        [
          JobType.AgentBackup,
          JobType.Backup,
          JobType.BackupCopy,
          JobType.ImmediateBackupCopy,
          JobType.NasBackup,
          JobType.Replica,
        ].sort(),
      );
    });

    it('makes most jobs Backup jobs', () => {
      const jobs = generate({ jobs: 100 }).jobs;
      const backups = jobs.filter((job) => job.jobType === JobType.Backup).length;
      expect(backups).toBeGreaterThan(50);
    });

    it('gives jobs unique names, unique VMs, nightly schedules and typical durations', () => {
      const dataset = generate({ jobs: 300, days: 1, servers: 3, vmsPerJob: 3 });
      const { jobs } = dataset;
      expect(new Set(jobs.map((job) => job.name)).size).toBe(jobs.length);
      expect(new Set(jobs.map((job) => job.id)).size).toBe(jobs.length);
      const vmNames = jobs.flatMap((job) => job.vmNames);
      expect(vmNames).toHaveLength(300 * 3);
      expect(new Set(vmNames).size).toBe(vmNames.length);
      for (const job of jobs) {
        expect(job.id).toMatch(GUID);
        expect(job.serverIndex).toBeLessThan(3);
        expect(PlatformDescriptor.values).toContain(job.platform);
        expect(job.startMinute >= 18 * 60 || job.startMinute < 6 * 60).toBe(true);
        expect(job.typicalDurationSeconds).toBeGreaterThanOrEqual(120);
        expect(job.typicalDurationSeconds).toBeLessThanOrEqual(7200);
        expect(job.description).toMatch(/^Created by .+ at .+\.$/);
      }
      expect(new Set(jobs.map((job) => job.serverIndex)).size).toBe(3);
      expect(jobs.find((job) => job.jobType === JobType.Replica)?.name).toMatch(/ Replication/);
    });
  });

  describe('task sessions', () => {
    const dataset = generate({ warningRate: 0.2, failureRate: 0.2, runningSessions: 4 });
    const rows = rowsOf(dataset);

    const tasked = (session: { jobIndex: number }) =>
      ['Backup', 'AgentBackup', 'Replica'].includes(dataset.jobs[session.jobIndex]?.jobType ?? '');

    it('are generated deterministically, one per VM of a Backup, Agent or replica job, none for others', () => {
      const types = new Set<string>();
      for (const session of rows) {
        const tasks = dataset.taskSessionsOf(session.row);
        const job = dataset.jobs[session.jobIndex];
        expect(tasks.map((task) => task.vmName)).toEqual(tasked(session) ? job?.vmNames : []);
        expect(dataset.taskSessionsOf(session.row)).toEqual(tasks);
        types.add(`${job?.jobType} ${tasks.length > 0}`);
      }
      expect([...types].sort()).toEqual([
        'AgentBackup true',
        'Backup true',
        'BackupCopy false',
        'ImmediateBackupCopy false',
        'NasBackup false',
        'Replica true',
      ]);
    });

    it('fit within their session', () => {
      for (const session of rows) {
        const running = Number.isNaN(session.endTime);
        const sessionEnd = running ? dataset.now.getTime() : session.endTime;
        for (const task of dataset.taskSessionsOf(session.row)) {
          expect(task.sessionRow).toBe(session.row);
          expect(task.creationTime).toBeGreaterThanOrEqual(session.creationTime);
          expect(task.creationTime).toBeLessThanOrEqual(sessionEnd);
          if (task.state === COMPLETED) {
            expect(task.endTime).toBeGreaterThanOrEqual(task.creationTime);
            expect(task.endTime).toBeLessThanOrEqual(sessionEnd);
          } else {
            expect(running).toBe(true);
            expect(task.endTime).toBeNaN();
          }
          expect(task.totalSize).toBeGreaterThan(0);
          expect(task.vmUid).toMatch(/^urn:[A-Za-z]+:Vm:[0-9a-f-]{36}\./);
        }
      }
    });

    it('have results consistent with their session', () => {
      for (const session of rows.filter(tasked)) {
        const tasks = dataset.taskSessionsOf(session.row);
        const results = tasks.map((task) => task.result);
        if (Number.isNaN(session.endTime)) {
          expect(tasks.some((task) => task.state === IN_PROGRESS)).toBe(true);
          expect(
            tasks.every((task) => [COMPLETED, IN_PROGRESS, PENDING].includes(task.state)),
          ).toBe(true);
          // Done VMs have their result; the others none yet.
          for (const task of tasks)
            expect(task.result).toBe(task.state === COMPLETED ? SUCCESS : NO_RESULT);
        } else if (session.result === FAILED) {
          expect(results).toContain(FAILED);
        } else if (session.result === WARNING) {
          expect(results).toContain(WARNING);
          expect(results).not.toContain(FAILED);
        } else {
          expect(results.every((result) => result === SUCCESS)).toBe(true);
        }
        for (const task of tasks) {
          expect(task.reason === '').toBe(task.result === SUCCESS || task.result === NO_RESULT);
        }
      }
    });

    it('explain failures and warnings with realistic, varied messages', () => {
      const reasons = new Set(
        rows.flatMap((session) =>
          dataset
            .taskSessionsOf(session.row)
            .filter((task) => task.result !== SUCCESS)
            .map((task) => task.reason.replace(/\d+|\[[^\]]*\]/g, '#')),
        ),
      );
      expect(reasons.size).toBeGreaterThanOrEqual(8);
    });

    it('are found by id without knowing their session', () => {
      const ids = new Set<string>();
      for (const row of [0, 1, 100, rows.length - 1]) {
        for (const task of dataset.taskSessionsOf(row)) {
          expect(task.id).toMatch(GUID);
          expect(dataset.taskSession(task.id)).toEqual(task);
          expect(dataset.taskSession(task.id.toUpperCase())).toEqual(task);
          ids.add(task.id);
        }
      }
      expect(ids.size).toBe(4 * 4);
    });

    it('are not found by foreign ids', () => {
      expect(dataset.taskSession('')).toBeUndefined();
      expect(dataset.taskSession(dataset.jobSessions.id(0))).toBeUndefined();
      expect(dataset.taskSession('a490c017-2c1c-40ee-8bcf-73bcce6ab36f')).toBeUndefined();
      const otherSeed = generate({ seed: 7 });
      expect(dataset.taskSession(otherSeed.taskSessionsOf(0)[0]?.id ?? '')).toBeUndefined();
    });

    it('rejects rows outside the table', () => {
      expect(() => dataset.taskSessionsOf(rows.length)).toThrow(RangeError);
      expect(() => dataset.taskSessionsOf(-1)).toThrow(RangeError);
    });
  });

  describe('restore sessions', () => {
    it('spread over the history, mostly successful, restoring VMs of the estate', () => {
      const dataset = generate({ restoreSessions: 200 });
      const nowMs = NOW.getTime();
      const historyStart = nowMs - 45 * 86_400_000;
      const sessions = dataset.restoreSessions;
      expect(sessions).toHaveLength(200);
      expect(new Set(sessions.map((session) => session.id)).size).toBe(200);
      let previousCreation = historyStart;
      for (const session of sessions) {
        expect(session.id).toMatch(GUID);
        expect(['FileLevelRestore', 'RestoreVm']).toContain(session.jobType);
        expect(session.creationTime).toBeGreaterThanOrEqual(previousCreation);
        previousCreation = session.creationTime;
        expect(session.endTime).toBeGreaterThanOrEqual(session.creationTime);
        expect(session.endTime).toBeLessThanOrEqual(nowMs);
        expect(session.state).toBe(STOPPED);
        const owners = dataset.jobs.filter((job) => job.vmNames.includes(session.vmName));
        expect(owners.map((job) => job.serverIndex)).toContain(session.serverIndex);
      }
      const successes = sessions.filter((session) => session.result === SUCCESS).length;
      expect(successes).toBeGreaterThan(150);
      expect(new Set(sessions.map((session) => session.jobType)).size).toBe(2);
    });
  });
});
