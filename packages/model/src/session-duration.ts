import { InvalidDateError } from './invalid-date-error.js';

/** The timing fields every job and task session has. */
export interface SessionTimes {
  readonly CreationTimeUTC: Date;
  readonly EndTimeUTC?: Date;
}

/** A finished session's duration, or a running session's elapsed time; never negative. */
export type SessionDuration =
  | { readonly running: false; readonly durationMs: number }
  | { readonly running: true; readonly elapsedMs: number };

/** A session is running while it has no end time. */
export const isRunning = (session: SessionTimes): boolean => session.EndTimeUTC === undefined;

const timeOf = (date: Date, field: string): number => {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new InvalidDateError(field);
  return time;
};

/**
 * How long a session took, or has been running at `now`. Clock skew between EM, the backup
 * server and this machine can put the end (or `now`) before the start; that counts as 0, not
 * as a negative duration.
 */
export function sessionDuration(session: SessionTimes, now: Date = new Date()): SessionDuration {
  const start = timeOf(session.CreationTimeUTC, 'CreationTimeUTC');
  if (session.EndTimeUTC === undefined) {
    return { running: true, elapsedMs: Math.max(0, timeOf(now, 'now') - start) };
  }
  return {
    running: false,
    durationMs: Math.max(0, timeOf(session.EndTimeUTC, 'EndTimeUTC') - start),
  };
}
