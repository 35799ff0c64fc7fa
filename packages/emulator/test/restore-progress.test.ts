import { readFileSync } from 'node:fs';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

describe('restore session progress', () => {
  it("shows a finished file-level restore at Progress 0, as EM's sample, a finished VM restore at 100", async () => {
    const sample = readFileSync(
      new URL('../../../schemas/fixtures/em-docs/get-restoreSession-entity.xml', import.meta.url),
      'utf8',
    );
    const fixture = decode(sample.slice(sample.indexOf('<RestoreSession')), {
      root: 'RestoreSession',
    }).value;
    expect(fixture).toMatchObject({ JobType: 'FileLevelRestore', State: 'Stopped', Progress: 0 });

    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const sessions = decode(
      await (await get(emulator, 'restoreSessions?format=Entity', token)).text(),
      { root: 'RestoreSessions' },
    ).value.RestoreSessions;
    const finished = sessions.filter((session) => session.EndTimeUTC !== undefined);
    const progressByType = new Map(finished.map((session) => [session.JobType, new Set<number>()]));
    for (const session of finished) progressByType.get(session.JobType)?.add(session.Progress);
    expect(progressByType.get('FileLevelRestore')).toEqual(new Set([0]));
    expect(progressByType.get('RestoreVm')).toEqual(new Set([100]));
  });
});
