import { InvalidDateError } from './invalid-date-error.js';

/** The timing fields every job and task session has, and its result. */
export interface SessionTimes {
  readonly CreationTimeUTC: Date;
  readonly EndTimeUTC?: Date;
  /** With it, an end before the creation time on a session with no final result is no end (see hasPlaceholderEnd). */
  readonly Result?: string;
}

/** A finished session's duration, or a running session's elapsed time; never negative. */
export type SessionDuration =
  | { readonly running: false; readonly durationMs: number }
  | { readonly running: true; readonly elapsedMs: number };

/**
 * Whether an end time only stands for "none yet": VBR writes 1900-01-01 as the end of a session
 * still running. That is an end before the creation time on a session whose result is not final
 * (`None`, or a value from a newer EM). A session with a final result keeps its end, whatever it
 * is (clock skew). On times already read, for loops that have them (`@vbem/reporting`'s).
 */
export const isPlaceholderEnd = (endMs: number, creationMs: number, result: string): boolean =>
  endMs < creationMs && result !== 'Success' && result !== 'Warning' && result !== 'Failed';

/**
 * isPlaceholderEnd on a session: false without an end, and false when its `Result` is not given
 * (there is nothing to tell a placeholder from clock skew by).
 */
export function hasPlaceholderEnd(session: SessionTimes): boolean {
  const { EndTimeUTC: end, Result: result } = session;
  return (
    end !== undefined &&
    result !== undefined &&
    isPlaceholderEnd(end.getTime(), session.CreationTimeUTC.getTime(), result)
  );
}

/** A session is running while it has no end time, or only VBR's placeholder for none (see hasPlaceholderEnd). */
export const isRunning = (session: SessionTimes): boolean =>
  session.EndTimeUTC === undefined || hasPlaceholderEnd(session);

const timeOf = (date: Date, field: string): number => {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new InvalidDateError(field);
  return time;
};

/**
 * How long a session took, or has been running at `now` (no end, or VBR's placeholder for none).
 * Clock skew between EM, the backup server and this machine can put the end (or `now`) before the
 * start of a finished session; that counts as 0, not as a negative duration.
 */
export function sessionDuration(session: SessionTimes, now: Date = new Date()): SessionDuration {
  const start = timeOf(session.CreationTimeUTC, 'CreationTimeUTC');
  if (session.EndTimeUTC === undefined || hasPlaceholderEnd(session)) {
    return { running: true, elapsedMs: Math.max(0, timeOf(now, 'now') - start) };
  }
  return {
    running: false,
    durationMs: Math.max(0, timeOf(session.EndTimeUTC, 'EndTimeUTC') - start),
  };
}
