import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';

const DAY = 24 * 60 * 60 * 1000;

describe('?format=Entity on the sub-collections gives the typed list, as on the top-level ones', () => {
  it('a session’s task sessions, a job’s sessions: entities in the order of the references', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const since = NOW.getTime() - 30 * DAY;
    const latestOf = (jobType: string) => {
      let row = table.count - 1;
      while (dataset.jobs[table.jobIndex[row] as number]?.jobType !== jobType) row--;
      expect(table.creationTime[row] as number).toBeGreaterThanOrEqual(since);
      return row;
    };
    const uidsOf = async (path: string) =>
      decode(await (await get(emulator, path, token)).text(), {
        root: 'EntityReferences',
      }).value.Refs.map((ref) => ref.UID);

    const backupRow = latestOf('Backup');
    const backupTasks = `backupSessions/${table.id(backupRow)}/taskSessions`;
    const backupEntities = decode(
      await (await get(emulator, `${backupTasks}?format=Entity`, token)).text(),
      { root: 'BackupTaskSessions' },
    );
    expect(backupEntities.warnings).toEqual([]);
    expect(backupEntities.value.BackupTaskSessions.map((task) => task.UID)).toEqual(
      await uidsOf(backupTasks),
    );
    expect(backupEntities.value.BackupTaskSessions.length).toBeGreaterThan(0);

    const replicaRow = latestOf('Replica');
    const replicaTasks = `replicaSessions/${table.id(replicaRow)}/replicaTaskSessions`;
    const replicaEntities = decode(
      await (await get(emulator, `${replicaTasks}?format=entity`, token)).text(),
      { root: 'ReplicaTaskSessions' },
    );
    expect(replicaEntities.warnings).toEqual([]);
    expect(replicaEntities.value.ReplicaTaskSessions.map((task) => task.UID)).toEqual(
      await uidsOf(replicaTasks),
    );
    expect(replicaEntities.value.ReplicaTaskSessions.length).toBeGreaterThan(0);

    const backupJob = dataset.jobs[table.jobIndex[backupRow] as number];
    const jobSessions = `jobs/${backupJob?.id}/backupSessions`;
    const jobEntities = decode(
      await (await get(emulator, `${jobSessions}?format=Entity`, token)).text(),
      { root: 'BackupJobSessions' },
    );
    expect(jobEntities.warnings).toEqual([]);
    expect(jobEntities.value.BackupJobSessions.map((session) => session.UID)).toEqual(
      await uidsOf(jobSessions),
    );
    expect(jobEntities.value.BackupJobSessions.length).toBeGreaterThan(0);
    expect(new Set(jobEntities.value.BackupJobSessions.map((session) => session.JobName))).toEqual(
      new Set([backupJob?.name]),
    );

    // A replication job's sessions are replica sessions, so they come as a ReplicaJobSessions list.
    const replicaJob = dataset.jobs[table.jobIndex[replicaRow] as number];
    const replicaJobSessions = `jobs/${replicaJob?.id}/backupSessions`;
    const replicaJobEntities = decode(
      await (await get(emulator, `${replicaJobSessions}?format=Entity`, token)).text(),
      { root: 'ReplicaJobSessions' },
    );
    expect(replicaJobEntities.warnings).toEqual([]);
    expect(replicaJobEntities.value.ReplicaJobSessions.map((session) => session.UID)).toEqual(
      await uidsOf(replicaJobSessions),
    );
  });

  it('in JSON too, with EM 13’s camelCase list key', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const table = emulator.dataset.jobSessions;
    let row = table.count - 1;
    while (emulator.dataset.jobs[table.jobIndex[row] as number]?.jobType !== 'Backup') row--;
    const response = await get(
      emulator,
      `backupSessions/${table.id(row)}/taskSessions?format=Entity`,
      token,
      'application/json',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['backupTaskSessions']);
  });
});
