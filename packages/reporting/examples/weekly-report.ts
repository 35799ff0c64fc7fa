import type { BackupJobSession } from '@vbem/model';
import { buildReport, renderMarkdown, renderText } from '@vbem/reporting';

// Sessions as @vbem/client's sessions() yields them, oldest first (three nights of one job here).
const night = (day: number, result: string, retry = false): BackupJobSession => ({
  Href: `https://em:9398/api/backupSessions/${day}${retry ? 'r' : ''}?format=Entity`,
  Name: `SQL Backup@2026-11-${day} 02:00:00`,
  UID: `urn:veeam:BackupJobSession:${day}${retry ? 'r' : ''}`,
  Links: [
    {
      Href: 'https://em:9398/api/backupServers/1',
      Name: 'vbr01',
      Type: 'BackupServerReference',
      Rel: 'Up',
    },
  ],
  JobUid: 'urn:veeam:Job:7',
  JobName: 'SQL Backup',
  JobType: 'Backup',
  CreationTimeUTC: new Date(`2026-11-${day}T02:${retry ? '30' : '00'}:00Z`),
  EndTimeUTC: new Date(`2026-11-${day}T02:${retry ? '50' : '20'}:00Z`),
  State: 'Stopped',
  Result: result,
  Progress: 100,
  IsRetry: retry,
});

const report = await buildReport(
  {
    sessions: [
      night(17, 'Success'),
      night(18, 'Failed'),
      night(18, 'Success', true),
      night(19, 'Failed'),
    ],
  },
  { now: new Date('2026-11-19T12:00:00Z'), since: '7d', rpo: '24h', timeZone: 'Europe/Berlin' },
);

const job = report.jobs[0];
console.log(
  `${job?.jobName}: ${job?.health}, ${job?.runs} runs in ${job?.attempts} attempts, ${job?.reasons.join('; ')}`,
);
console.log(renderText(report, { width: 80 }).split('\n')[0]);
export const markdown = renderMarkdown(report);
