import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

const isNewestFirst = (times: readonly Date[]): boolean =>
  times.every(
    (time, index) => index === 0 || time.getTime() <= (times[index - 1] as Date).getTime(),
  );

describe('unsorted session lists', () => {
  it("come newest first, as EM's captured lists (get-backupSessions.xml, query-BackupJobSession-entities.xml)", async () => {
    const fixture = (name: string) => {
      const text = readFileSync(
        new URL(`../../../schemas/fixtures/em-docs/${name}`, import.meta.url),
        'utf8',
      );
      // A reference list has its sessions' times in their names (`Job@2025-10-19 07:32:44`).
      const times = text.includes('<EntityReferences')
        ? [...text.matchAll(/<Ref [^>]*Name="[^"]*@([\d-]+ [\d:]+)"/g)].map(
            (match) => `${(match[1] as string).replace(' ', 'T')}Z`,
          )
        : [...text.matchAll(/<CreationTimeUTC>([^<]+)</g)].map((match) => match[1] as string);
      return times.map((time) => new Date(time));
    };
    for (const name of ['get-backupSessions.xml', 'query-BackupJobSession-entities.xml']) {
      expect(fixture(name).length, name).toBeGreaterThan(1);
      expect(isNewestFirst(fixture(name)), name).toBe(true);
    }

    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const times = async (path: string) => {
      const text = await (await get(emulator, path, token)).text();
      return [...text.matchAll(/<CreationTimeUTC>([^<]+)</g)].map(
        (match) => new Date(match[1] as string),
      );
    };
    for (const path of [
      'backupSessions?format=Entity',
      'restoreSessions?format=Entity',
      'query?type=BackupJobSession&format=Entities',
      'query?type=BackupTaskSession&format=Entities',
      'query?type=RestoreSession&format=Entities',
    ]) {
      const listed = await times(path);
      expect(listed.length, path).toBeGreaterThan(1);
      expect(isNewestFirst(listed), path).toBe(true);
      expect(listed[0]?.getTime(), path).toBeGreaterThan((listed.at(-1) as Date).getTime());
    }
    // The task session list comes by job session, newest first, each one's tasks last first:
    // tasks of sessions that overlap interleave in time, so only its ends are in order.
    const tasks = await times('backupTaskSessions?format=Entity');
    expect(tasks[0]?.getTime()).toBeGreaterThan((tasks.at(-1) as Date).getTime());
    // A sort asked for still decides.
    expect(
      isNewestFirst(
        await times('query?type=BackupJobSession&format=Entities&sortAsc=CreationTime'),
      ),
    ).toBe(false);
  });
});
