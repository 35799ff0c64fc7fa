import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

describe('a filter on a UID with a bare GUID', () => {
  it('matches the entity whose urn ends in it, as the urn form does (get_query_backupjobsession.md)', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const uids = async (type: string, filter: string) =>
      (
        decode(
          await (
            await get(emulator, `query?type=${type}&filter=${encodeURIComponent(filter)}`, token)
          ).text(),
          { root: 'QueryResult' },
        ).value.Refs?.Refs ?? []
      ).map((ref) => ref.UID);
    const table = emulator.dataset.jobSessions;
    const row = table.count - 1;
    const id = table.id(row);
    const kind =
      emulator.dataset.jobs[table.jobIndex[row] as number]?.jobType === 'Replica'
        ? 'ReplicaJobSession'
        : 'BackupJobSession';
    const urn = `urn:veeam:${kind}:${id}`;
    expect(await uids(kind, `UID==${urn}`)).toEqual([urn]);
    expect(await uids(kind, `UID==${id}`)).toEqual([urn]);
    expect(await uids(kind, `UID==${id.toUpperCase()}`)).toEqual([urn]);
    expect(await uids(kind, `UID!=${id}`)).not.toContain(urn);
    const job = emulator.dataset.jobs[0];
    const ofJob = await uids('Job', `UID==${job?.id}`);
    expect(ofJob).toEqual([`urn:veeam:Job:${job?.id}`]);
    const sessionsOfJob = await uids('BackupJobSession', `JobUid==${job?.id}`);
    expect(sessionsOfJob).toEqual(
      await uids('BackupJobSession', `JobUid==urn:veeam:Job:${job?.id}`),
    );
    // Text that is not a GUID still compares with the whole urn.
    expect(await uids(kind, `UID==${id.slice(0, 8)}`)).toEqual([]);
  });
});
