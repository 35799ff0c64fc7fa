import { type Dataset, startEmulator } from '@vbem/emulator';
import { enumTypeDescriptors } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build-report.js';
import type { ReportJobSession, ReportTaskSession } from '../src/report-input.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const STATES = enumTypeDescriptors.JobSessionState.values;
const TASK_STATES = enumTypeDescriptors.TaskSessionState.values;
const RESULTS = enumTypeDescriptors.SessionResult.values;

/** The sessions of a dataset as a report reads them, built from its columns without any HTTP. */
function sessionsOf(dataset: Dataset): {
  sessions: ReportJobSession[];
  tasks: ReportTaskSession[];
} {
  const table = dataset.jobSessions;
  const sessions: ReportJobSession[] = [];
  const tasks: ReportTaskSession[] = [];
  for (let row = 0; row < table.count; row++) {
    const job = dataset.jobs[table.jobIndex[row] as number];
    if (!job) continue;
    const kind = job.jobType === 'Replica' ? 'Replica' : 'Backup';
    const server = dataset.backupServers[job.serverIndex];
    const end = table.endTime[row] as number;
    const uid = `urn:veeam:${kind}JobSession:${table.id(row)}`;
    sessions.push({
      UID: uid,
      JobUid: `urn:veeam:Job:${job.id}`,
      JobName: job.name,
      JobType: job.jobType,
      CreationTimeUTC: new Date(table.creationTime[row] as number),
      ...(Number.isNaN(end) ? {} : { EndTimeUTC: new Date(end) }),
      State: STATES[table.state[row] as number] as string,
      Result: RESULTS[table.result[row] as number] as string,
      IsRetry: table.isRetry[row] === 1,
      Links: [
        { Href: 'x', Name: server?.name as string, Type: 'BackupServerReference', Rel: 'Up' },
      ],
    });
    for (const task of dataset.taskSessionsOf(row)) {
      tasks.push({
        UID: `urn:veeam:${kind}TaskSession:${task.id}`,
        VmDisplayName: task.vmName,
        JobSessionUid: uid,
        CreationTimeUTC: new Date(task.creationTime),
        ...(Number.isNaN(task.endTime) ? {} : { EndTimeUTC: new Date(task.endTime) }),
        State: TASK_STATES[task.state] as string,
        Result: RESULTS[task.result] as string,
        Reason: task.reason,
      });
    }
  }
  tasks.sort((a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime());
  return { sessions, tasks };
}

describe('a report from an emulator crawl equals the report from its dataset', () => {
  it('through HTTP, the query service, XML and the codec, to the same numbers', async () => {
    const emulator = await startEmulator({
      now: () => NOW,
      dataset: { seed: 11, jobs: 12, days: 20, now: NOW, failureRate: 0.15 },
    });
    try {
      const logon = await fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}` },
      });
      const headers = { 'X-RestSvcSessionId': logon.headers.get('X-RestSvcSessionId') ?? '' };
      const crawl = async (type: string) => {
        const url = `${emulator.url}/api/query?type=${type}&format=Entities&sortAsc=CreationTime`;
        return decode(await (await fetch(url, { headers })).text(), { root: 'QueryResult' }).value
          .Entities;
      };
      const backup = (await crawl('BackupJobSession'))?.BackupJobSessions?.BackupJobSessions ?? [];
      const replica =
        (await crawl('ReplicaJobSession'))?.ReplicaJobSessions?.ReplicaJobSessions ?? [];
      const backupTasks =
        (await crawl('BackupTaskSession'))?.BackupTaskSessions?.BackupTaskSessions ?? [];
      const replicaTasks =
        (await crawl('ReplicaTaskSession'))?.ReplicaTaskSessions?.ReplicaTaskSessions ?? [];
      const byStart = <T extends { CreationTimeUTC: Date }>(items: T[]) =>
        items.sort((a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime());
      const crawled = {
        sessions: byStart([...backup, ...replica]),
        taskSessions: byStart([...backupTasks, ...replicaTasks]),
        jobs: emulator.dataset.jobs.map((job) => ({
          UID: `urn:veeam:Job:${job.id}`,
          Name: job.name,
          JobType: job.jobType,
          ScheduleEnabled: job.scheduleEnabled,
        })),
      };
      const direct = sessionsOf(emulator.dataset);
      const options = {
        now: NOW,
        since: '14d',
        rpo: '24h',
        timeZone: 'Europe/Berlin',
        groupBy: 'backupServer' as const,
      };
      const fromCrawl = await buildReport(crawled, options);
      const fromDataset = await buildReport(
        { sessions: direct.sessions, taskSessions: direct.tasks, jobs: crawled.jobs },
        options,
      );
      expect(fromCrawl.totals.runs).toBeGreaterThan(100);
      expect(fromCrawl.totals.failedRuns).toBeGreaterThan(0);
      expect(fromCrawl.vms.length).toBeGreaterThan(0);
      expect(fromCrawl).toEqual(fromDataset);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
