import type { BackupJobSession, BackupTaskSession } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { durationCell } from '../src/output/duration-cell.js';
import { sessionRow } from '../src/output/session-rows.js';
import { taskRow } from '../src/output/task-rows.js';

const NOW = new Date('2025-09-24T21:00:00Z');
const START = new Date('2025-09-24T20:00:00Z');
/** VBR's end of a session still running. */
const PLACEHOLDER = new Date('1900-01-01T00:00:00Z');

const session: BackupJobSession = {
  Href: 'https://em:9398/api/backupSessions/1?format=Entity',
  Name: 'Nightly@2025-09-24 20:00:00',
  UID: 'urn:veeam:BackupJobSession:1',
  Links: [],
  JobUid: 'urn:veeam:Job:1',
  JobName: 'Nightly',
  JobType: 'Backup',
  CreationTimeUTC: START,
  EndTimeUTC: PLACEHOLDER,
  State: 'Working',
  Result: 'None',
  Progress: 40,
  IsRetry: false,
};

const task: BackupTaskSession = {
  Href: 'https://em:9398/api/backupTaskSessions/2',
  Name: 'fileserver',
  UID: 'urn:veeam:BackupTaskSession:2',
  VmDisplayName: 'fileserver',
  Links: [],
  JobSessionUid: session.UID,
  CreationTimeUTC: START,
  EndTimeUTC: PLACEHOLDER,
  State: 'InProgress',
  Result: 'None',
  Reason: '',
  TotalSize: 0,
};

describe("rows of sessions whose end is VBR's 1900-01-01 placeholder", () => {
  it('show a job session as running for an hour, with no end', () => {
    expect(sessionRow(session, NOW)).toMatchObject({
      endTime: null,
      running: true,
      durationSeconds: 3600,
    });
  });

  it('show a task session as running for an hour, with no end', () => {
    expect(taskRow(task, NOW)).toMatchObject({
      endTime: null,
      running: true,
      durationSeconds: 3600,
    });
  });

  it('show a session whose State says it runs as running, whatever its result', () => {
    expect(sessionRow({ ...session, Result: 'Success' }, NOW)).toMatchObject({
      endTime: null,
      running: true,
      durationSeconds: 3600,
    });
    expect(taskRow({ ...task, Result: 'Warning' }, NOW)).toMatchObject({
      endTime: null,
      running: true,
      durationSeconds: 3600,
    });
  });

  it('show a session whose State says it finished as finished, even with no result', () => {
    expect(sessionRow({ ...session, State: 'Stopped' }, NOW)).toMatchObject({
      endTime: null,
      running: false,
      durationSeconds: null,
    });
    expect(taskRow({ ...task, State: 'Completed' }, NOW)).toMatchObject({
      endTime: null,
      running: false,
      durationSeconds: null,
    });
  });

  it('give a finished session no end and no duration when its end is before its start', () => {
    const skewed = new Date(START.getTime() - 5_000);
    const finished = { ...session, State: 'Stopped', Result: 'Failed' } as const;
    const { EndTimeUTC: _end, ...endless } = finished;
    expect(sessionRow({ ...finished, EndTimeUTC: skewed }, NOW)).toMatchObject({
      endTime: null,
      running: false,
      durationSeconds: null,
    });
    expect(sessionRow(endless, NOW)).toMatchObject({
      endTime: null,
      running: false,
      durationSeconds: null,
    });
    expect(durationCell(sessionRow(endless, NOW))).toBe('-');
    expect(durationCell(sessionRow(session, NOW))).toBe('running 1h');
    expect(durationCell(sessionRow({ ...finished, EndTimeUTC: NOW }, NOW))).toBe('1h');
  });

  it('mark a Pending task as waiting, not running: it has not started', () => {
    expect(durationCell(taskRow(task, NOW))).toBe('running 1h');
    expect(durationCell(taskRow({ ...task, State: 'Pending' }, NOW))).toBe('waiting 1h');
  });
});
