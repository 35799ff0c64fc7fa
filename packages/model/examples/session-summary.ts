import {
  type BackupJobSession,
  findLink,
  hrefOfUid,
  isRunning,
  objectTypeDescriptors,
  parseUid,
  SessionResult,
  sessionDuration,
} from '@vbem/model';

// A session as @vbem/xml or @vbem/client hand it to you (here written by hand).
const session: BackupJobSession = {
  Href: 'https://em.example:9398/api/backupSessions/a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6?format=Entity',
  Type: 'BackupJobSession',
  Name: 'Backup Job 3@2025-09-24 20:00:09',
  UID: 'urn:veeam:BackupJobSession:a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6',
  Links: [
    {
      Href: 'https://em.example:9398/api/backupSessions/a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6/taskSessions',
      Type: 'BackupTaskSessionReferenceList',
      Rel: 'Down',
    },
  ],
  JobUid: 'urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e',
  JobName: 'Backup Job 3',
  JobType: 'Backup',
  CreationTimeUTC: new Date('2025-09-24T20:00:09.607Z'),
  EndTimeUTC: new Date('2025-09-24T20:02:54.717Z'),
  State: 'Stopped',
  Result: SessionResult.Success,
  Progress: 100,
  IsRetry: false,
};

const duration = sessionDuration(session);
const tasks = findLink(session, { rel: 'Down', type: 'BackupTaskSessionReferenceList' });

export const summary = {
  id: parseUid(session.UID).id,
  running: isRunning(session),
  seconds: duration.running ? duration.elapsedMs / 1000 : duration.durationMs / 1000,
  tasks: tasks?.Href,
  job: hrefOfUid('https://em.example:9398/api/', session.JobUid, { format: 'Entity' }),
  xmlOrder: objectTypeDescriptors.BackupJobSession.elements.map((field) => field.name).join(' '),
};

console.log(summary);
