import { readFileSync } from 'node:fs';
import { SessionResultDescriptor } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';
import { xmlStructure } from './xml-structure.js';

const DAY = 24 * 60 * 60 * 1000;
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
    // One repository per server, then a target of unknown size, -1 as in EM's sample.
    const unknown = repository.Period.at(-1);
    expect(unknown).toMatchObject({ Capacity: -1, FreeSpace: -1, BackupSize: 0 });
    const sized = repository.Period.slice(0, -1);
    expect(sized).toHaveLength(dataset.backupServers.length);
    for (const period of sized) expect(period.FreeSpace).toBe(period.Capacity - period.BackupSize);
    const vms = decode(await (await get(emulator, 'reports/summary/vms_overview', token)).text(), {
      root: 'VmsOverviewReportFrame',
    }).value;
    expect(vms.ProtectedVms).toBeGreaterThan(0);
    expect(vms.SuccessBackupPercents).toBeGreaterThanOrEqual(0);
    expect(vms.SuccessBackupPercents).toBeLessThanOrEqual(100);
  });
});
