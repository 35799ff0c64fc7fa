import { startEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { startHostileProxy } from './helpers/hostile-proxy.js';
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

describe('vbem sessions --type reaches EM', () => {
  it("asks EM for those job types' sessions only, in their family: fewer rows come over the wire", async () => {
    const em = await startEmulator({ onWarning: () => {}, now: () => NOW, dataset: { now: NOW } });
    let queries: { type: string | null; filter: string; sessions: number }[] = [];
    // Passes every answer on, noting each query's type, filter and the sessions it answered with.
    const proxy = await startHostileProxy(em.url, (_method, path, answer) => {
      if (path.startsWith('/api/query')) {
        const params = new URL(path, em.url).searchParams;
        queries.push({
          type: params.get('type'),
          filter: params.get('filter') ?? '',
          sessions: answer.body.match(/<BackupJobSession |<ReplicaJobSession /g)?.length ?? 0,
        });
      }
      return answer;
    });
    const listed = async (...argv: string[]) => {
      queries = [];
      const connection = ['--url', proxy.url, '--username', 'emulator'];
      const run = await vbemInProcess(
        ['sessions', ...argv, ...connection, '--since', '2d', '--format', 'json'],
        { now: NOW, env: { VBEM_PASSWORD: 'emulator' } },
      );
      expect(run.code, run.stderr).toBe(0);
      const fetched = queries.reduce((sum, query) => sum + query.sessions, 0);
      return { rows: JSON.parse(run.stdout) as Listed[], queries, fetched };
    };
    try {
      const family = await listed('--family', 'Backup');
      const copies = await listed('--type', 'backupcopy');
      const expected = family.rows.filter((row) => row.jobType === 'BackupCopy');
      expect(expected.length).toBeGreaterThan(0);
      expect(copies.rows.map((row) => row.uid)).toEqual(expected.map((row) => row.uid));
      expect(copies.queries.length).toBeGreaterThan(0);
      for (const query of copies.queries) {
        expect(query.type).toBe('BackupJobSession');
        expect(query.filter).toMatch(/;JobType==BackupCopy$/);
      }
      expect(copies.fetched).toBe(expected.length);
      expect(family.fetched).toBe(family.rows.length);
      expect(family.fetched).toBeGreaterThan(copies.fetched);
    } finally {
      await proxy.close();
      await em.close();
    }
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
