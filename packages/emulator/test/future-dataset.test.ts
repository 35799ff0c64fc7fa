import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { generateDataset, type RunningEmulator } from '../src/index.js';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';

const DAY = 24 * 60 * 60 * 1000;

async function refsOf(emulator: RunningEmulator, token: string, path: string) {
  const text = await (await get(emulator, path, token)).text();
  return path.startsWith('query')
    ? (decode(text, { root: 'QueryResult' }).value.Refs?.Refs ?? [])
    : decode(text, { root: 'EntityReferences' }).value.Refs;
}

describe('a dataset that ends after the clock', () => {
  it('warns, and its sessions after the clock are in no list, query or report', async () => {
    const warnings: string[] = [];
    const end = new Date(NOW.getTime() + 5 * DAY);
    const emulator = await emulatorForTest({
      dataset: { jobs: 6, days: 3, now: end, runningSessions: 2 },
      onWarning: (message) => warnings.push(message),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `the dataset ends at ${end.toISOString()}, after the emulator's clock (${NOW.toISOString()})`,
    );
    expect(warnings[0]).toContain(`Pass now: () => new Date('${end.toISOString()}')`);
    const token = await logOn(emulator);
    const { dataset } = emulator;
    expect(dataset.jobSessions.count).toBeGreaterThan(0);
    expect(dataset.restoreSessions.length).toBeGreaterThan(0);
    const job = dataset.jobs.find((candidate) => candidate.jobType === 'Backup');
    for (const path of [
      'backupSessions',
      'replicaSessions',
      'restoreSessions',
      'backupTaskSessions',
      'replicaTaskSessions',
      `jobs/${job?.id}/backupSessions`,
      'query?type=BackupJobSession',
      'query?type=ReplicaJobSession',
      'query?type=BackupTaskSession',
      'query?type=RestoreSession',
    ])
      expect(await refsOf(emulator, token, path), path).toEqual([]);
    const overview = decode(await (await get(emulator, 'reports/summary/overview', token)).text(), {
      root: 'OverviewReportFrame',
    }).value;
    expect(overview).toMatchObject({
      RunningJobs: 0,
      SuccessfulVmLastestStates: 0,
      WarningVmLastestStates: 0,
      FailedVmLastestStates: 0,
    });
    const statistics = decode(
      await (await get(emulator, 'reports/summary/job_statistics', token)).text(),
      { root: 'JobStatisticsReportFrame' },
    ).value;
    expect(statistics).toMatchObject({ RunningJobs: 0, TotalJobRuns: 0 });
  });

  it('has no session created after the clock by its id either: every route of one is a 404, its stop too', async () => {
    let clock = NOW;
    const end = new Date(NOW.getTime() + 2 * DAY);
    const emulator = await emulatorForTest({
      now: () => clock,
      idleTimeoutMs: 10 * DAY,
      dataset: { jobs: 8, days: 4, now: end, runningSessions: 2 },
      onWarning: () => {},
    });
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const futureRow = (jobType: string) => {
      for (let row = table.count - 1; row >= 0; row--)
        if (
          dataset.jobs[table.jobIndex[row] as number]?.jobType === jobType &&
          (table.creationTime[row] as number) > NOW.getTime()
        )
          return row;
      throw new Error(`no ${jobType} session after the clock`);
    };
    const backup = futureRow('Backup');
    const replica = futureRow('Replica');
    const backupId = table.id(backup);
    const replicaId = table.id(replica);
    const backupTask = dataset.taskSessionsOf(backup)[0]?.id;
    const replicaTask = dataset.taskSessionsOf(replica)[0]?.id;
    const restore = dataset.restoreSessions.findLast(
      (candidate) => candidate.creationTime > NOW.getTime(),
    );
    expect(restore).toBeDefined();
    const byId = [
      `backupSessions/${backupId}`,
      `backupSessions/${backupId}?format=Entity`,
      `backupSessions/${backupId}/taskSessions`,
      `backupSessions/${backupId}/taskSessions?format=Entity`,
      `backupTaskSessions/${backupTask}`,
      `backupTaskSessions/${backupTask}?format=Entity`,
      `replicaSessions/${replicaId}?format=Entity`,
      `replicaSessions/${replicaId}/replicaTaskSessions`,
      `replicaSessions/${replicaId}/repicaTaskSessions`,
      `replicaTaskSessions/${replicaTask}?format=Entity`,
      `repicaTaskSessions/${replicaTask}`,
      `restoreSessions/${restore?.id}?format=Entity`,
    ];
    for (const path of byId) expect((await get(emulator, path, token)).status, path).toBe(404);
    const stop = await fetch(`${emulator.url}/api/backupSessions/${backupId}?action=stop`, {
      method: 'POST',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(stop.status).toBe(404);
    expect(decode(await stop.text(), { root: 'Error' }).value.Message).toBe(
      `Backup job session ${backupId} was not found.`,
    );
    // Nothing was stopped: the session is as generated, and shows once the clock reaches it.
    const generated = generateDataset(dataset.options).jobSessions;
    for (const column of ['endTime', 'state', 'result', 'progress'] as const)
      expect(table[column][backup], column).toBe(generated[column][backup]);
    clock = end;
    for (const path of byId) expect((await get(emulator, path, token)).status, path).toBe(200);
  });

  it('shows what was created by the clock, and more as the clock moves on', async () => {
    let clock = NOW;
    const end = new Date(NOW.getTime() + 3 * DAY);
    const emulator = await emulatorForTest({
      now: () => clock,
      idleTimeoutMs: 10 * DAY,
      dataset: { days: 20, now: end, runningSessions: 4 },
      onWarning: () => {},
    });
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const backupRowsBy = (time: number) => {
      const ids: string[] = [];
      for (let row = 0; row < table.count; row++)
        if (
          dataset.jobs[table.jobIndex[row] as number]?.jobType !== 'Replica' &&
          (table.creationTime[row] as number) <= time
        )
          ids.push(`urn:veeam:BackupJobSession:${table.id(row)}`);
      return ids;
    };
    const uids = async (path: string) =>
      (await refsOf(emulator, token, path)).map((ref) => ref.UID);
    const atClock = backupRowsBy(NOW.getTime());
    expect(atClock.length).toBeGreaterThan(0);
    expect(atClock.length).toBeLessThan(backupRowsBy(end.getTime()).length);
    // Newest first, as EM's captured lists come.
    expect(await uids('backupSessions')).toEqual(atClock.slice().reverse());
    expect(await uids('query?type=BackupJobSession')).toEqual(atClock.slice().reverse());
    const restoresAtClock = dataset.restoreSessions.filter(
      (restore) => restore.creationTime <= NOW.getTime(),
    ).length;
    expect(await uids('query?type=RestoreSession')).toHaveLength(restoresAtClock);
    // Running sessions are the dataset's last ones: none has started by the clock yet.
    const statistics = async () =>
      decode(await (await get(emulator, 'reports/summary/job_statistics', token)).text(), {
        root: 'JobStatisticsReportFrame',
      }).value;
    expect((await statistics()).RunningJobs).toBe(0);

    clock = end;
    const atEnd = backupRowsBy(end.getTime());
    expect(await uids('backupSessions')).toEqual(atEnd.slice().reverse());
    // The result cached at the earlier clock reading does not answer for this one.
    expect(await uids('query?type=BackupJobSession')).toEqual(atEnd.slice().reverse());
    expect(await uids('query?type=RestoreSession')).toHaveLength(dataset.restoreSessions.length);
    expect((await statistics()).RunningJobs).toBe(4);
  });
});
