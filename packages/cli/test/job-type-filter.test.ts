import { describe, expect, it } from 'vitest';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-11-25T12:00:00Z');

interface Listed {
  readonly uid: string;
  readonly jobType?: string;
  readonly family?: string;
}

/** `vbem argv… --demo --since 2d --format json`: its rows, or the failed run. */
async function rowsOf(...argv: string[]): Promise<Listed[]> {
  const run = await vbemInProcess([...argv, '--demo', '--since', '2d', '--format', 'json'], {
    now: NOW,
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
}

describe('vbem sessions --type filters by the job type the Type column shows', () => {
  it('--type keeps the sessions of those job types, in any case; --family keeps a whole family', async () => {
    const backupFamily = await rowsOf('sessions', '--family', 'backup');
    const jobTypes = new Set(backupFamily.map((row) => row.jobType));
    // The demo's backup family holds several job types, or this test would prove nothing.
    expect([...jobTypes]).toEqual(expect.arrayContaining(['Backup', 'BackupCopy', 'NasBackup']));
    expect(backupFamily.some((row) => row.jobType === 'Replica')).toBe(false);

    const plainBackups = await rowsOf('sessions', '--type', 'Backup');
    expect(plainBackups.length).toBeGreaterThan(0);
    expect(plainBackups.map((row) => row.uid)).toEqual(
      backupFamily.filter((row) => row.jobType === 'Backup').map((row) => row.uid),
    );

    const copiesAndNas = await rowsOf('sessions', '--type', 'backupcopy', '--type', 'NASBACKUP');
    expect(copiesAndNas.map((row) => row.uid)).toEqual(
      backupFamily
        .filter((row) => row.jobType === 'BackupCopy' || row.jobType === 'NasBackup')
        .map((row) => row.uid),
    );

    const all = await rowsOf('sessions');
    const replicas = await rowsOf('sessions', '--type', 'Replica,BackupCopy');
    expect(replicas.map((row) => row.uid)).toEqual(
      all
        .filter((row) => row.jobType === 'Replica' || row.jobType === 'BackupCopy')
        .map((row) => row.uid),
    );
    expect(replicas.some((row) => row.jobType === 'Replica')).toBe(true);
  });

  it('--limit counts only the sessions of the job type', async () => {
    const copies = await rowsOf('sessions', '--type', 'BackupCopy');
    expect(copies.length).toBeGreaterThan(2);
    expect(await rowsOf('sessions', '--type', 'BackupCopy', '--limit', '2')).toEqual(
      copies.slice(0, 2),
    );
  });

  it.each([
    [
      ['sessions', '--type', 'Restore'],
      /--type: "Restore" is not one of Backup, Replica, BackupCopy,/,
    ],
    [['sessions', '--type', 'RestoreVm'], /--type: "RestoreVm" is not one of/],
    [
      ['sessions', '--family', 'BackupCopy'],
      /--family: "BackupCopy" is not one of Backup, Replica/,
    ],
    [
      ['sessions', '--type', 'BackupCopy', '--family', 'Replica'],
      /--type BackupCopy and --family Replica select nothing: BackupCopy sessions are of the Backup family/,
    ],
    [['tasks', '--type', 'Backup'], /--type: task sessions carry no job type\nhint: use --family/],
  ])('vbem %j is a usage error', async (argv, message) => {
    const run = await vbemInProcess([...argv, '--demo'], { now: NOW });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('vbem tasks --family', () => {
  it('keeps the tasks of one family, which the rows name family', async () => {
    const all = await rowsOf('tasks');
    expect(new Set(all.map((row) => row.family))).toEqual(new Set(['Backup', 'Replica']));
    expect(all.some((row) => 'type' in row)).toBe(false);
    const replicas = await rowsOf('tasks', '--family', 'REPLICA');
    expect(replicas.length).toBeGreaterThan(0);
    expect(replicas.map((row) => row.uid)).toEqual(
      all.filter((row) => row.family === 'Replica').map((row) => row.uid),
    );
  });
});
