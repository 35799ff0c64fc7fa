import type { SessionFamily, TaskSession } from '@vbem/client';
import { findLink, sessionDuration } from '@vbem/model';
import { durationSecondsOf } from './duration-seconds.js';
import { isoTime } from './iso-time.js';

/** One task session (one VM of a job session) as the CLI prints it: flat, with its duration. */
export interface TaskRow {
  readonly uid: string;
  readonly vmName: string | null;
  /** The job session's name as EM links it (`<job>@<time>`): task sessions carry no job name. */
  readonly jobSessionName: string | null;
  readonly jobSessionUid: string;
  /** The session family (backup or replica job): task sessions carry no job type. */
  readonly family: SessionFamily;
  readonly creationTime: string;
  readonly endTime: string | null;
  readonly state: string;
  readonly result: string;
  readonly reason: string;
  readonly running: boolean;
  /** Seconds from creation to end, or to now while running (never negative); null when it finished with no end, or one before its start. */
  readonly durationSeconds: number | null;
  readonly server: string | null;
}

/** The properties of a TaskRow, in order: the CSV columns. */
export const TASK_ROW_FIELDS = [
  'uid',
  'vmName',
  'jobSessionName',
  'jobSessionUid',
  'family',
  'creationTime',
  'endTime',
  'state',
  'result',
  'reason',
  'running',
  'durationSeconds',
  'server',
] as const satisfies readonly (keyof TaskRow)[];

export function taskRow(task: TaskSession, now: Date): TaskRow {
  const duration = sessionDuration(task, now);
  const family: SessionFamily = task.UID.includes(':ReplicaTaskSession:') ? 'Replica' : 'Backup';
  return {
    uid: task.UID,
    vmName: task.VmDisplayName ?? null,
    jobSessionName:
      findLink(task, { rel: 'Up', type: `${family}JobSessionReference` })?.Name ?? null,
    jobSessionUid: task.JobSessionUid,
    family,
    creationTime: isoTime(task.CreationTimeUTC),
    // VBR's placeholder end (1900-01-01), or any end before the start, is no end.
    endTime:
      duration.running || duration.endUnknown
        ? null
        : task.EndTimeUTC
          ? isoTime(task.EndTimeUTC)
          : null,
    state: task.State,
    result: task.Result,
    reason: task.Reason,
    running: duration.running,
    durationSeconds: durationSecondsOf(duration),
    server: findLink(task, { rel: 'Up', type: 'BackupServerReference' })?.Name ?? null,
  };
}
