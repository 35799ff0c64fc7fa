import type { JobSession } from '@vbem/client';
import { findLink, sessionDuration } from '@vbem/model';
import { durationSecondsOf } from './duration-seconds.js';
import { isoTime } from './iso-time.js';

/** One job session as the CLI prints it: flat, with its duration and backup server. */
export interface SessionRow {
  readonly uid: string;
  readonly jobName: string;
  readonly jobType: string;
  readonly creationTime: string;
  readonly endTime: string | null;
  readonly state: string;
  readonly result: string;
  readonly isRetry: boolean;
  readonly running: boolean;
  /** Seconds from creation to end, or to now while running (never negative); null when it finished with no end, or one before its start. */
  readonly durationSeconds: number | null;
  readonly server: string | null;
}

/** The properties of a SessionRow, in order: the CSV columns. */
export const SESSION_ROW_FIELDS = [
  'uid',
  'jobName',
  'jobType',
  'creationTime',
  'endTime',
  'state',
  'result',
  'isRetry',
  'running',
  'durationSeconds',
  'server',
] as const satisfies readonly (keyof SessionRow)[];

export function sessionRow(session: JobSession, now: Date): SessionRow {
  const duration = sessionDuration(session, now);
  return {
    uid: session.UID,
    jobName: session.JobName,
    jobType: session.JobType,
    creationTime: isoTime(session.CreationTimeUTC),
    // VBR's placeholder end (1900-01-01), or any end before the start, is no end.
    endTime:
      duration.running || duration.endUnknown
        ? null
        : session.EndTimeUTC
          ? isoTime(session.EndTimeUTC)
          : null,
    state: session.State,
    result: session.Result,
    isRetry: session.IsRetry,
    running: duration.running,
    durationSeconds: durationSecondsOf(duration),
    server: findLink(session, { rel: 'Up', type: 'BackupServerReference' })?.Name ?? null,
  };
}
