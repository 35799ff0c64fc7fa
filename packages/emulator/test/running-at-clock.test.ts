import type { BackupJobSession, BackupTaskSession } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { type DatasetOptions, generateDataset, type RunningEmulator } from '../src/index.js';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';

const HOUR = 60 * 60 * 1000;
const OPTIONS: DatasetOptions = { seed: 11, jobs: 10, days: 5, now: NOW, runningSessions: 2 };
const generated = generateDataset(OPTIONS);
const table = generated.jobSessions;

/**
 * The latest Backup session that ended, and a clock reading inside it at which some of its tasks
 * have ended and some have not.
 */
function sessionEndingAfterTheClock(): { row: number; clock: number } {
  for (let row = table.count - 1; row >= 0; row--) {
    const job = generated.jobs[table.jobIndex[row] as number];
    if (job?.jobType !== 'Backup' || Number.isNaN(table.endTime[row] as number)) continue;
    const ends = generated.taskSessionsOf(row).map((task) => task.endTime);
    const clock = Math.floor((Math.min(...ends) + Math.max(...ends)) / 2);
    if (clock > Math.min(...ends)) return { row, clock };
  }
  throw new Error('no Backup session that ended');
}

const { row, clock } = sessionEndingAfterTheClock();
const id = table.id(row);
const uid = `urn:veeam:BackupJobSession:${id}`;
const start = table.creationTime[row] as number;
const end = table.endTime[row] as number;

/** The emulator at the clock, the dataset's last hours still to come. */
async function emulatorAtTheClock(): Promise<{ emulator: RunningEmulator; token: string }> {
  const emulator = await emulatorForTest({
    now: () => new Date(clock),
    dataset: OPTIONS,
    onWarning: () => {},
  });
  return { emulator, token: await logOn(emulator) };
}

const entities = async (emulator: RunningEmulator, token: string, query: string) =>
  decode(await (await get(emulator, `query?${query}&format=Entities`, token)).text(), {
    root: 'QueryResult',
  }).value.Entities;

const filter = (text: string) => `filter=${encodeURIComponent(text)}`;

describe('a session created before the clock that ends after it', () => {
  it('reads as running at the clock in lists, its entity, by its id and in queries', async () => {
    expect(start).toBeLessThan(clock);
    expect(end).toBeGreaterThan(clock);
    const { emulator, token } = await emulatorAtTheClock();
    const progress = Math.floor((100 * (clock - start)) / (end - start));
    const entity = decode(
      await (await get(emulator, `backupSessions/${id}?format=Entity`, token)).text(),
      { root: 'BackupJobSession' },
    ).value;
    expect(entity).toMatchObject({ State: 'Working', Result: 'None', Progress: progress });
    expect(entity.EndTimeUTC).toBeUndefined();
    expect(progress).toBeLessThan(100);

    const listed = decode(
      await (await get(emulator, 'backupSessions?format=Entity', token)).text(),
      { root: 'BackupJobSessions' },
    ).value.BackupJobSessions.find((session) => session.UID === uid);
    expect(listed).toEqual(entity);
    const ofJob = decode(
      await (
        await get(
          emulator,
          `jobs/${generated.jobs[table.jobIndex[row] as number]?.id}/backupSessions?format=Entity`,
          token,
        )
      ).text(),
      { root: 'BackupJobSessions' },
    ).value.BackupJobSessions.find((session) => session.UID === uid);
    expect(ofJob).toEqual(entity);

    const queried = async (text: string): Promise<BackupJobSession[]> =>
      (await entities(emulator, token, `type=BackupJobSession&${filter(text)}`))?.BackupJobSessions
        ?.BackupJobSessions ?? [];
    expect(await queried(`UID=="${uid}"`)).toEqual([entity]);
    expect(await queried(`UID=="${uid}";State==Working;Result==None`)).toEqual([entity]);
    for (const finished of [
      `UID=="${uid}";State==Stopped`,
      `UID=="${uid}";Result!=None`,
      `UID=="${uid}";EndTime>="${new Date(start).toISOString()}"`,
    ])
      expect(await queried(finished), finished).toEqual([]);
    // Sorted by EndTime, running sessions (no end) come last, as the body shows them.
    const byEnd =
      (await entities(emulator, token, 'type=BackupJobSession&sortAsc=EndTime'))?.BackupJobSessions
        ?.BackupJobSessions ?? [];
    const firstRunning = byEnd.findIndex((session) => session.EndTimeUTC === undefined);
    expect(byEnd.findIndex((session) => session.UID === uid)).toBeGreaterThanOrEqual(firstRunning);
    expect(byEnd.slice(firstRunning).every((session) => session.State === 'Working')).toBe(true);
  });

  it('has its task sessions as they stood at the clock, everywhere', async () => {
    const { emulator, token } = await emulatorAtTheClock();
    const tasks = decode(
      await (await get(emulator, `backupSessions/${id}/taskSessions?format=Entity`, token)).text(),
      { root: 'BackupTaskSessions' },
    ).value.BackupTaskSessions;
    // A session's task sessions come last first.
    const final = generated.taskSessionsOf(row).slice().reverse();
    expect(tasks).toHaveLength(final.length);
    let done = 0;
    for (const [index, task] of tasks.entries()) {
      const generatedTask = final[index];
      expect(task.CreationTimeUTC.getTime()).toBeLessThanOrEqual(clock);
      if ((generatedTask?.endTime as number) <= clock) {
        done++;
        expect(task).toMatchObject({ State: 'Completed', Reason: generatedTask?.reason });
        expect(task.EndTimeUTC?.getTime()).toBe(Math.floor(generatedTask?.endTime as number));
      } else {
        expect(task).toMatchObject({ Result: 'None', Reason: '' });
        expect(['InProgress', 'Pending']).toContain(task.State);
        expect(task.EndTimeUTC).toBeUndefined();
      }
    }
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(tasks.length);

    const queried = async (text: string): Promise<BackupTaskSession[]> =>
      (await entities(emulator, token, `type=BackupTaskSession&${filter(text)}`))
        ?.BackupTaskSessions?.BackupTaskSessions ?? [];
    // Unsorted, newest first by creation (tasks created together in the order generated).
    const byCreation = [...tasks]
      .reverse()
      .sort((a, b) => b.CreationTimeUTC.getTime() - a.CreationTimeUTC.getTime());
    expect(await queried(`JobSessionUid=="${uid}"`)).toEqual(byCreation);
    expect(await queried(`JobSessionUid=="${uid}";Result==None`)).toHaveLength(tasks.length - done);
    expect(
      await queried(`JobSessionUid=="${uid}";EndTime>"${new Date(clock).toISOString()}"`),
    ).toEqual([]);
    for (const task of tasks) {
      const one = decode(
        await (
          await get(emulator, `backupTaskSessions/${task.UID.split(':')[3]}?format=Entity`, token)
        ).text(),
        {
          root: 'BackupTaskSession',
        },
      ).value;
      expect(one).toEqual(task);
    }
    const listed = decode(
      await (await get(emulator, 'backupTaskSessions?format=Entity', token)).text(),
      { root: 'BackupTaskSessions' },
    ).value.BackupTaskSessions.filter((task) => task.JobSessionUid === uid);
    expect(listed).toEqual(tasks);
  });

  it('counts as a running job, not a finished run, in the reports', async () => {
    const { emulator, token } = await emulatorAtTheClock();
    const frame = async (name: string, root: 'OverviewReportFrame' | 'JobStatisticsReportFrame') =>
      decode(await (await get(emulator, `reports/summary/${name}`, token)).text(), { root }).value;
    const runningJobs = new Set<number>();
    let finishedRuns = 0;
    for (let candidate = 0; candidate < table.count; candidate++) {
      const created = table.creationTime[candidate] as number;
      if (created > clock) continue;
      const ended = table.endTime[candidate] as number;
      if (!(ended <= clock)) runningJobs.add(table.jobIndex[candidate] as number);
      else if (created >= clock - 7 * 24 * HOUR) finishedRuns++;
    }
    expect(runningJobs.has(table.jobIndex[row] as number)).toBe(true);
    expect((await frame('overview', 'OverviewReportFrame')).RunningJobs).toBe(runningJobs.size);
    expect(await frame('job_statistics', 'JobStatisticsReportFrame')).toMatchObject({
      RunningJobs: runningJobs.size,
      TotalJobRuns: finishedRuns,
    });
  });

  it('can be stopped at the clock: its unfinished tasks fail then, the finished ones stay', async () => {
    const { emulator, token } = await emulatorAtTheClock();
    const stop = await fetch(`${emulator.url}/api/backupSessions/${id}?action=stop`, {
      method: 'POST',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(stop.status).toBe(202);
    expect(decode(await stop.text(), { root: 'Task' }).value.State).toBe('Running');
    expect(
      decode(await (await get(emulator, 'tasks/task-1', token)).text(), { root: 'Task' }).value
        .Result,
    ).toMatchObject({ Success: true });
    const entity = decode(
      await (await get(emulator, `backupSessions/${id}?format=Entity`, token)).text(),
      { root: 'BackupJobSession' },
    ).value;
    expect(entity).toMatchObject({
      State: 'Stopped',
      Result: 'Failed',
      EndTimeUTC: new Date(clock),
      Progress: Math.floor((100 * (clock - start)) / (end - start)),
    });
    const tasks = decode(
      await (await get(emulator, `backupSessions/${id}/taskSessions?format=Entity`, token)).text(),
      { root: 'BackupTaskSessions' },
    ).value.BackupTaskSessions;
    for (const [index, task] of tasks.entries()) {
      const generatedTask = generated.taskSessionsOf(row)[index];
      expect(task.State).toBe('Completed');
      if ((generatedTask?.endTime as number) <= clock)
        expect(task.Reason).toBe(generatedTask?.reason);
      else
        expect(task).toMatchObject({
          Result: 'Failed',
          EndTimeUTC: new Date(clock),
          Reason: 'Job session was stopped by user.',
        });
    }
  });
});

describe('a restore session created before the clock that ends after it', () => {
  it('reads as running at the clock, by its id, in its list and in queries', async () => {
    const restore = generated.restoreSessions.findLast(
      (candidate) => candidate.endTime < NOW.getTime(),
    );
    expect(restore).toBeDefined();
    const at = Math.floor(((restore?.creationTime ?? 0) + (restore?.endTime ?? 0)) / 2);
    const emulator = await emulatorForTest({
      now: () => new Date(at),
      dataset: OPTIONS,
      onWarning: () => {},
    });
    const token = await logOn(emulator);
    const entity = decode(
      await (await get(emulator, `restoreSessions/${restore?.id}?format=Entity`, token)).text(),
      { root: 'RestoreSession' },
    ).value;
    expect(entity).toMatchObject({ State: 'Working', Result: 'None', Progress: 50 });
    expect(entity.EndTimeUTC).toBeUndefined();
    const listed = decode(
      await (await get(emulator, 'restoreSessions?format=Entity', token)).text(),
      { root: 'RestoreSessions' },
    ).value.RestoreSessions.find((session) => session.UID === entity.UID);
    expect(listed).toEqual(entity);
    const queried = await entities(
      emulator,
      token,
      `type=RestoreSession&${filter(`UID=="${entity.UID}";State==Working;Result==None`)}`,
    );
    expect(queried?.RestoreSessions?.RestoreSessions).toEqual([entity]);
  });
});
