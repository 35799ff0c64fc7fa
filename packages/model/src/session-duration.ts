import { InvalidDateError } from './invalid-date-error.js';
import { isFinishedState, isRunningState } from './session-state.js';

/** The timing fields every job and task session has, its state and its result. */
export interface SessionTimes {
  readonly CreationTimeUTC: Date;
  readonly EndTimeUTC?: Date;
  /** With it, an end before the creation time on a session with no final result is no end (see isPlaceholderEnd). */
  readonly Result?: string;
  /** With a state known to be running or finished, that state decides, whatever the end and result (see isPlaceholderEnd). */
  readonly State?: string;
}

/**
 * A finished session's duration, or a running session's elapsed time; never negative.
 * `endUnknown` marks a finished session whose end EM does not give (none, or one before its
 * creation time, such as VBR's 1900-01-01): its `durationMs` of 0 measures nothing.
 */
export type SessionDuration =
  | { readonly running: false; readonly durationMs: number; readonly endUnknown?: true }
  | { readonly running: true; readonly elapsedMs: number };

/**
 * Whether an end time only stands for "none yet": VBR writes 1900-01-01 as the end of a session
 * still running, and a final-looking `Result` beside it proves nothing. The `State`, when given
 * and known, decides:
 * - a running state (Starting, Stopping, Working, Pausing, Resuming; a task's InProgress, Pending):
 *   the session runs, so any end it has is none yet (true);
 * - a finished state (Stopped; a task's Completed): the session has ended, so no end is a marker
 *   of running, not even one before its creation time (false);
 * - no state, or one from a newer EM: an end before the creation time on a session whose result
 *   is not final (`None`, or a value from a newer EM). A final result (Success, Warning, Failed)
 *   keeps its end, whatever it is (clock skew).
 *
 * On times already read, for loops that have them (`@vbem/reporting`'s).
 */
export function isPlaceholderEnd(
  endMs: number,
  creationMs: number,
  result: string,
  state?: string,
): boolean {
  if (state !== undefined) {
    if (isFinishedState(state)) return false;
    if (isRunningState(state)) return true;
  }
  return endMs < creationMs && result !== 'Success' && result !== 'Warning' && result !== 'Failed';
}

/** Whether a state is one isPlaceholderEnd decides by. */
const isKnownState = (state: string | undefined): state is string =>
  state !== undefined && (isRunningState(state) || isFinishedState(state));

/**
 * isPlaceholderEnd on a session: false without an end, and false when neither a known `State` nor
 * its `Result` is given (there is nothing to tell a placeholder from clock skew by). Throws
 * InvalidDateError, from JavaScript, for times it compares that are no Dates.
 */
export function hasPlaceholderEnd(session: SessionTimes): boolean {
  const { EndTimeUTC: end, Result: result, State: state } = session;
  if (end === undefined) return false;
  if (isKnownState(state)) return isRunningState(state);
  if (result === undefined) return false;
  checkIsDate(end, 'EndTimeUTC');
  checkIsDate(session.CreationTimeUTC, 'CreationTimeUTC');
  return isPlaceholderEnd(end.getTime(), session.CreationTimeUTC.getTime(), result);
}

/**
 * Whether a session runs: as its `State` says when that is a known one; otherwise while it has no
 * end time, or only VBR's placeholder for none (see isPlaceholderEnd).
 */
export function isRunning(session: SessionTimes): boolean {
  const state = session.State;
  if (isKnownState(state)) return isRunningState(state);
  return session.EndTimeUTC === undefined || hasPlaceholderEnd(session);
}

/**
 * Throws InvalidDateError naming `field` when a JavaScript caller gave what is no Date (a string
 * would fail as a TypeError inside); by its tag, so that a Date of another realm is one.
 */
function checkIsDate(value: unknown, field: string): void {
  if (Object.prototype.toString.call(value) !== '[object Date]') {
    throw new InvalidDateError(field, { value });
  }
}

const timeOf = (date: Date, field: string): number => {
  checkIsDate(date, field);
  const time = date.getTime();
  if (Number.isNaN(time)) throw new InvalidDateError(field);
  return time;
};

/**
 * How long a session took, or has been running at `now` (see isRunning). Clock skew between EM,
 * the backup server and this machine can put the end (or `now`) before the start of a finished
 * session; that counts as 0, not as a negative duration. A finished session without an end, or with
 * one before its start, has `endUnknown` too: VBR's placeholder left beside a final-looking result
 * and clock skew cannot be told apart there, and neither is a measurement.
 *
 * Throws InvalidDateError naming the field (`CreationTimeUTC`, `EndTimeUTC`, `now`) for a Date
 * that holds no time, or, from JavaScript, for what is no Date (`'2026-01-01T00:00:00Z'`).
 */
export function sessionDuration(session: SessionTimes, now: Date = new Date()): SessionDuration {
  const start = timeOf(session.CreationTimeUTC, 'CreationTimeUTC');
  // isRunning reads the end; an invalid Date there is only refused where it is measured.
  if (session.EndTimeUTC !== undefined) checkIsDate(session.EndTimeUTC, 'EndTimeUTC');
  if (isRunning(session)) {
    return { running: true, elapsedMs: Math.max(0, timeOf(now, 'now') - start) };
  }
  const end = session.EndTimeUTC;
  if (end === undefined) return { running: false, durationMs: 0, endUnknown: true };
  const endMs = timeOf(end, 'EndTimeUTC');
  // Finished (isRunning said so) with an end before its start: VBR's placeholder beside a
  // final-looking result, or clock skew; either way no measurement.
  if (endMs < start) return { running: false, durationMs: 0, endUnknown: true };
  return { running: false, durationMs: endMs - start };
}
