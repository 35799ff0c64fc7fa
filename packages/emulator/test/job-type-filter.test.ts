import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

describe('emulator: JobType in a job session query filter', () => {
  it('keeps the sessions of the job types ORed, in any case, ANDed with the rest; a family holds only its own', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const since = new Date('2026-11-01T00:00:00Z').getTime();
    /** Ids of the sessions created since `since` whose job type is one of `types`, oldest first. */
    const expectedOf = (types: readonly string[]) => {
      const ids: string[] = [];
      for (let row = 0; row < table.count; row++) {
        const jobType = dataset.jobs[table.jobIndex[row] as number]?.jobType ?? '';
        if (types.includes(jobType) && (table.creationTime[row] as number) >= since)
          ids.push(table.id(row));
      }
      return ids;
    };
    const idsOf = async (type: string, filter: string) => {
      const response = await get(
        emulator,
        `query?type=${type}&format=Entities&sortAsc=CreationTime&filter=${encodeURIComponent(filter)}`,
        token,
      );
      expect(response.status).toBe(200);
      const { value } = decode(await response.text(), { root: 'QueryResult' });
      const entities = value.Entities;
      return [
        ...(entities?.BackupJobSessions?.BackupJobSessions ?? []),
        ...(entities?.ReplicaJobSessions?.ReplicaJobSessions ?? []),
      ].map((session) => session.UID.split(':')[3] as string);
    };
    const window = 'CreationTime>="2026-11-01T00:00:00Z"';

    const copies = expectedOf(['BackupCopy', 'NasBackup']);
    // Both job types and others are in the window, or this would prove nothing.
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.length).toBeLessThan(expectedOf(['Backup', 'BackupCopy', 'NasBackup']).length);
    expect(
      await idsOf('BackupJobSession', `${window};(JobType==BackupCopy,jobtype==NASBACKUP)`),
    ).toEqual(copies);
    const replicas = expectedOf(['Replica']);
    expect(replicas.length).toBeGreaterThan(0);
    expect(await idsOf('ReplicaJobSession', `${window};JobType==Replica`)).toEqual(replicas);
    expect(await idsOf('BackupJobSession', `${window};JobType==Replica`)).toEqual([]);
    expect(await idsOf('ReplicaJobSession', `${window};JobType==BackupCopy`)).toEqual([]);

    const unknown = await get(
      emulator,
      `query?type=BackupJobSession&filter=${encodeURIComponent('JobType==FutureBackup')}`,
      token,
    );
    expect(unknown.status).toBe(400);
    await unknown.text();
  });
});
