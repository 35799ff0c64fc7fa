import type { ReportInput, ReportJobSession, ReportTaskSession } from '../src/report-input.js';

const HOUR = 60 * 60 * 1000;
const END = Date.parse('2026-11-20T12:00:00Z');

const serverLink = (name: string) => ({
  Href: `https://em/api/backupServers/${name}`,
  Name: name,
  Type: 'BackupServerReference',
  Rel: 'Up',
});

/**
 * A small, realistic input: three jobs over five days on two servers, with a failure retried to
 * success, a failure streak, a warning, a running session, task sessions with failure reasons,
 * and one job that never ran.
 */
export function sampleInput(): ReportInput {
  const sessions: ReportJobSession[] = [];
  const tasks: ReportTaskSession[] = [];
  const jobs = [
    { uid: 'urn:veeam:Job:1', name: 'SQL Backup', type: 'Backup', server: 'vbr01' },
    { uid: 'urn:veeam:Job:2', name: 'Fileserver Replication', type: 'Replica', server: 'vbr01' },
    { uid: 'urn:veeam:Job:3', name: 'Exchange Backup', type: 'Backup', server: 'vbr02' },
  ];
  let id = 0;
  const add = (
    job: (typeof jobs)[number],
    start: number,
    minutes: number | undefined,
    result: string,
    retry = false,
  ) => {
    const uid = `urn:veeam:${job.type === 'Replica' ? 'Replica' : 'Backup'}JobSession:${++id}`;
    sessions.push({
      UID: uid,
      JobUid: job.uid,
      JobName: job.name,
      JobType: job.type,
      CreationTimeUTC: new Date(start),
      ...(minutes === undefined ? {} : { EndTimeUTC: new Date(start + minutes * 60_000) }),
      State: minutes === undefined ? 'Working' : 'Stopped',
      Result: result,
      Links: [serverLink(job.server)],
      IsRetry: retry,
    });
    for (const vm of ['app01', 'db01']) {
      tasks.push({
        UID: `urn:veeam:BackupTaskSession:${id}-${vm}`,
        VmDisplayName: vm,
        JobSessionUid: uid,
        CreationTimeUTC: new Date(start + 60_000),
        ...(minutes === undefined ? {} : { EndTimeUTC: new Date(start + minutes * 60_000 - 1000) }),
        State: minutes === undefined ? 'InProgress' : 'Completed',
        Result:
          result === 'Failed' && vm === 'db01'
            ? 'Failed'
            : result === 'Failed'
              ? 'Success'
              : result,
        Reason:
          result === 'Failed' && vm === 'db01'
            ? `Error: Failed to connect to the host [esx0${id % 3}.example.com].`
            : '',
      });
    }
  };
  for (let day = 4; day >= 0; day--) {
    const night = END - day * 24 * HOUR - 10 * HOUR;
    const sql = jobs[0] as (typeof jobs)[number];
    if (day === 2) {
      add(sql, night, 40, 'Failed');
      add(sql, night + 50 * 60_000, 35, 'Success', true);
    } else {
      add(sql, night, 30 + day, 'Success');
    }
    add(
      jobs[1] as (typeof jobs)[number],
      night + HOUR,
      day === 0 ? undefined : 20,
      day === 3 ? 'Warning' : 'Success',
    );
    add(jobs[2] as (typeof jobs)[number], night + 2 * HOUR, 60, day <= 1 ? 'Failed' : 'Success');
  }
  sessions.sort((a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime());
  tasks.sort((a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime());
  return {
    sessions,
    taskSessions: tasks,
    jobs: [
      ...jobs.map((job) => ({
        UID: job.uid,
        Name: job.name,
        JobType: job.type,
        ScheduleEnabled: true,
      })),
      {
        UID: 'urn:veeam:Job:4',
        Name: 'Archive Copy',
        JobType: 'BackupCopy',
        ScheduleEnabled: true,
      },
    ],
    source: 'em01.example.com',
  };
}
