import { readFileSync } from 'node:fs';
import { SessionResultDescriptor } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';
import { xmlStructure } from './xml-structure.js';

const DAY = 24 * 60 * 60 * 1000;
const SUCCESS = SessionResultDescriptor.values.indexOf('Success');
const WARNING = SessionResultDescriptor.values.indexOf('Warning');

async function frame<Root extends 'RepositoryReportFrame' | 'VmsOverviewReportFrame'>(
  emulator: RunningEmulator,
  token: string,
  path: string,
  root: Root,
) {
  const response = await get(emulator, `reports/summary/${path}`, token);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return decode(text, { root }).value;
}

const documented = (file: string) =>
  readFileSync(new URL(`../../../schemas/fixtures/em-docs/${file}`, import.meta.url), 'utf8');

describe('emulator: summary report', () => {
  it.each([
    ['get-reports-summary.xml', 'reports/summary'],
    ['get-reports-summary-overview.xml', 'reports/summary/overview'],
    ['get-reports-summary-vms_overview.xml', 'reports/summary/vms_overview'],
    ['get-reports-summary-job_statistics.xml', 'reports/summary/job_statistics'],
    ['get-reports-summary-processed_vms.xml', 'reports/summary/processed_vms'],
    ['get-reports-summary-repository.xml', 'reports/summary/repository'],
  ])('%s has the documented structure', async (fixture, path) => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const response = await get(emulator, path, token);
    expect(response.status).toBe(200);
    const expected = xmlStructure(documented(fixture));
    const actual = xmlStructure(await response.text());
    expect(actual).toEqual(expected);
  });

  it('counts job runs of the last 7 days as the sessions and the query service do', async () => {
    const emulator = await emulatorForTest({ dataset: { failureRate: 0.2, warningRate: 0.1 } });
    const token = await logOn(emulator);
    const stats = decode(
      await (await get(emulator, 'reports/summary/job_statistics', token)).text(),
      { root: 'JobStatisticsReportFrame' },
    ).value;
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const since = NOW.getTime() - 7 * DAY;
    let total = 0;
    let failed = 0;
    let longest = 0;
    const running = new Set<number>();
    for (let row = 0; row < table.count; row++) {
      const end = table.endTime[row] as number;
      if (Number.isNaN(end)) running.add(table.jobIndex[row] as number);
      else if ((table.creationTime[row] as number) >= since) {
        total++;
        if (table.result[row] === SessionResultDescriptor.values.indexOf('Failed')) failed++;
        longest = Math.max(longest, Math.round((end - (table.creationTime[row] as number)) / 1000));
      }
    }
    expect(stats).toMatchObject({
      TotalJobRuns: total,
      FailedJobRuns: failed,
      RunningJobs: running.size,
      MaxJobDuration: longest,
    });
    expect(stats.SuccessfulJobRuns + stats.WarningsJobRuns + stats.FailedJobRuns).toBe(total);
    expect(stats.ScheduledJobs).toBe(dataset.jobs.filter((job) => job.scheduleEnabled).length);
    expect(stats.ScheduledBackupJobs + stats.ScheduledReplicaJobs).toBe(stats.ScheduledJobs);

    // The same numbers through the query service: finished sessions have an EndTime.
    const window = `CreationTime>="${new Date(since).toISOString()}";EndTime>"1970-01-01T00:00:00Z"`;
    const count = async (type: string, extra = '') => {
      const filter = encodeURIComponent(`${window}${extra}`);
      const page = decode(
        await (await get(emulator, `query?type=${type}&filter=${filter}`, token)).text(),
        { root: 'QueryResult' },
      );
      return page.value.Refs?.Refs.length ?? 0;
    };
    expect((await count('BackupJobSession')) + (await count('ReplicaJobSession'))).toBe(
      stats.TotalJobRuns,
    );
    expect(
      (await count('BackupJobSession', ';Result==Failed')) +
        (await count('ReplicaJobSession', ';Result==Failed')),
    ).toBe(stats.FailedJobRuns);
  });

  it('reports VM states, processed days and repositories consistent with the dataset', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const overview = decode(await (await get(emulator, 'reports/summary/overview', token)).text(), {
      root: 'OverviewReportFrame',
    }).value;
    // Only Backup, Agent and replica sessions have task sessions, so VM states.
    const vmSlots = dataset.jobs
      .filter((job) => ['Backup', 'AgentBackup', 'Replica'].includes(job.jobType))
      .reduce((sum, job) => sum + job.vmNames.length, 0);
    expect(
      overview.SuccessfulVmLastestStates +
        overview.WarningVmLastestStates +
        overview.FailedVmLastestStates,
    ).toBe(vmSlots);
    expect(overview.BackupServers).toBe(dataset.backupServers.length);

    const days = decode(
      await (await get(emulator, 'reports/summary/processed_vms', token)).text(),
      { root: 'ProcessedVmsReportFrame' },
    ).value.Day;
    expect(days).toHaveLength(7);
    expect(days[0]?.Timestamp).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(days[6]?.Timestamp).toEqual(new Date('2026-11-14T00:00:00Z'));
    const backedUp = new Set<string>();
    for (let row = 0; row < dataset.jobSessions.count; row++) {
      if (dataset.jobs[dataset.jobSessions.jobIndex[row] as number]?.jobType === 'Replica')
        continue;
      for (const task of dataset.taskSessionsOf(row)) {
        if (
          task.result !== 2 &&
          task.creationTime >= Date.parse('2026-11-19T00:00:00Z') &&
          task.creationTime < Date.parse('2026-11-20T00:00:00Z')
        )
          backedUp.add(task.vmName);
      }
    }
    expect(days[1]?.BackupedVms).toBe(backedUp.size);

    const repository = decode(
      await (await get(emulator, 'reports/summary/repository', token)).text(),
      { root: 'RepositoryReportFrame' },
    ).value;
    // One repository per server, then the documented storage-snapshot one of unknown size.
    expect(repository.Period).toHaveLength(dataset.backupServers.length + 1);
    expect(repository.Period.at(-1)).toEqual({
      Name: 'NetApp SnapShot',
      Capacity: -1,
      FreeSpace: -1,
      BackupSize: 0,
    });
    for (const period of repository.Period.slice(0, -1)) {
      expect(period.FreeSpace).toBe(period.Capacity - period.BackupSize);
      expect(period.Capacity).toBeGreaterThan(period.BackupSize);
    }
    const vms = decode(await (await get(emulator, 'reports/summary/vms_overview', token)).text(), {
      root: 'VmsOverviewReportFrame',
    }).value;
    expect(vms.ProtectedVms).toBeGreaterThan(0);
    expect(vms.SuccessBackupPercents).toBeGreaterThanOrEqual(0);
    expect(vms.SuccessBackupPercents).toBeLessThanOrEqual(100);
  });

  it('sizes a repository by what it keeps: per VM a full and the increments of its retention', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    // Good runs of each VM in the 30-day window, from the task sessions themselves.
    const goodRuns = new Map<string, { runs: number; size: number; job: number }>();
    const table = dataset.jobSessions;
    for (let row = 0; row < table.count; row++) {
      const created = table.creationTime[row] as number;
      if (created < NOW.getTime() - 30 * DAY || created > NOW.getTime()) continue;
      for (const task of dataset.taskSessionsOf(row)) {
        const key = `${table.jobIndex[row]}/${task.vmIndex}`;
        const vm = goodRuns.get(key) ?? {
          runs: 0,
          size: task.totalSize,
          job: table.jobIndex[row] as number,
        };
        if (task.result === SUCCESS || task.result === WARNING) vm.runs++;
        goodRuns.set(key, vm);
      }
    }
    let full = 0;
    let incremental = 0;
    let replica = 0;
    let points = 0;
    const byServer = dataset.backupServers.map(() => 0);
    for (const { runs, size, job } of goodRuns.values()) {
      const kept = Math.min(runs, 7);
      points += kept;
      const record = dataset.jobs[job];
      if (record?.jobType === 'Replica') {
        replica += kept * Math.round(size / 20);
      } else if (kept > 0 && record) {
        full += size / 2;
        incremental += (kept - 1) * Math.round(size / 20);
        byServer[record.serverIndex] =
          (byServer[record.serverIndex] ?? 0) + size / 2 + (kept - 1) * Math.round(size / 20);
      }
    }
    const vms = await frame(emulator, token, 'vms_overview', 'VmsOverviewReportFrame');
    expect(vms).toMatchObject({
      RestorePoints: points,
      FullBackupPointsSize: full,
      IncrementalBackupPointsSize: incremental,
      ReplicaRestorePointsSize: replica,
    });
    const repository = await frame(emulator, token, 'repository', 'RepositoryReportFrame');
    expect(repository.Period.slice(0, -1).map((period) => period.BackupSize)).toEqual(byServer);
  });

  it.each([
    // The reviewer's: 1,900 VMs, whose every transfer summed passed 2^53 bytes of capacity.
    [{ jobs: 24, vmsPerJob: 100, days: 31 }, false],
    // 38,000 VMs of up to 1 TiB: more than 2^53 bytes, so the sums stop at the safe maximum.
    [{ jobs: 40, vmsPerJob: 1000, days: 1 }, true],
  ])('answers %o with sizes that are safe integers (saturated: %s)', async (dataset, saturated) => {
    const emulator = await emulatorForTest({ dataset });
    const token = await logOn(emulator);
    const repository = await frame(emulator, token, 'repository', 'RepositoryReportFrame');
    const vms = await frame(emulator, token, 'vms_overview', 'VmsOverviewReportFrame');
    const sizes = [
      vms.FullBackupPointsSize,
      vms.IncrementalBackupPointsSize,
      vms.ReplicaRestorePointsSize,
      vms.SourceVmsSize,
      ...repository.Period.flatMap((period) => [
        period.Capacity,
        period.FreeSpace,
        period.BackupSize,
      ]),
    ];
    for (const size of sizes) expect(Number.isSafeInteger(size)).toBe(true);
    expect(sizes.includes(Number.MAX_SAFE_INTEGER)).toBe(saturated);
    for (const period of repository.Period.slice(0, -1)) {
      expect(period.FreeSpace).toBe(period.Capacity - period.BackupSize);
      expect(period.Capacity).toBeGreaterThanOrEqual(period.BackupSize);
    }
  });

  it('reuses its figures only until a stop or the next day changes them', async () => {
    let clock = NOW;
    const emulator = await emulatorForTest({ now: () => clock, dataset: { runningSessions: 4 } });
    const token = await logOn(emulator);
    const overview = async () =>
      decode(await (await get(emulator, 'reports/summary/overview', token)).text(), {
        root: 'OverviewReportFrame',
      }).value;
    const table = emulator.dataset.jobSessions;
    let running = -1;
    for (let row = table.count - 1; row >= 0 && running < 0; row--) {
      const job = emulator.dataset.jobs[table.jobIndex[row] as number];
      if (Number.isNaN(table.endTime[row] as number) && job?.jobType === 'Backup') running = row;
    }
    const before = await overview();
    const stop = await fetch(
      `${emulator.url}/api/backupSessions/${table.id(running)}?action=stop`,
      { method: 'POST', headers: { 'X-RestSvcSessionId': token } },
    );
    expect(stop.status).toBe(202);
    expect((await get(emulator, 'tasks/task-1', token)).status).toBe(200);
    const after = await overview();
    expect(after.RunningJobs).toBe(before.RunningJobs - 1);
    // The stopped session is now its job's latest finished one, with its unfinished VMs failed.
    expect(after.FailedVmLastestStates).toBeGreaterThan(before.FailedVmLastestStates);

    clock = new Date(NOW.getTime() + DAY);
    const days = decode(
      await (await get(emulator, 'reports/summary/processed_vms', await logOn(emulator))).text(),
      { root: 'ProcessedVmsReportFrame' },
    ).value.Day;
    expect(days[0]?.Timestamp).toEqual(new Date('2026-11-21T00:00:00Z'));
  });
});
