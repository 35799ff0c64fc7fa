import { isFinishedState, isPlaceholderEnd } from '@vbem/model';
import type { ReportJobSession, ReportTaskSession } from './report-input.js';

/**
 * A session as it stood at `nowMs`: one that ended after then was still running, with no end and
 * no result yet. With a `now` in the past, a report reads sessions as EM gives them today; a run
 * that ended after `now` would otherwise be a success (or a failure) it was not yet. A session
 * that isPlaceholderEnd in @vbem/model says is running (a running State such as Working, whatever
 * its end and result; without a known State, VBR's 1900-01-01 end with no final result) is running
 * too: it must not count as a finished run, nor its placeholder as its end. A session whose State
 * says it finished (Stopped) but whose end is before its creation loses that end: it is no
 * duration and no time of success (see endMsOf). The session itself when nothing changes, which is
 * every finished session when `now` is the present. `creationMs` is its creation time, which the
 * caller has read already.
 */
export function jobSessionAsOf(
  session: ReportJobSession,
  nowMs: number,
  creationMs: number,
): ReportJobSession {
  const end = session.EndTimeUTC;
  if (end === undefined) return session;
  const endMs = end.getTime();
  const state = session.State;
  if (endMs > nowMs || isPlaceholderEnd(endMs, creationMs, session.Result, state)) {
    const { EndTimeUTC: _end, ...running } = session;
    return { ...running, State: 'Working', Result: 'None' };
  }
  // Finished (the test above says so) with an end before its start: VBR's placeholder beside a
  // final-looking result, or clock skew. No end is known; a State this package does not know is
  // made a finished one, so that endMsOf does not take the session for running.
  if (endMs < creationMs) {
    const { EndTimeUTC: _end, ...ended } = session;
    return isFinishedState(state) ? ended : { ...ended, State: 'Stopped' };
  }
  return session;
}

/** A task session as it stood at `nowMs` (see jobSessionAsOf). */
export function taskSessionAsOf(task: ReportTaskSession, nowMs: number): ReportTaskSession {
  const end = task.EndTimeUTC;
  if (end === undefined) return task;
  const endMs = end.getTime();
  const creationMs = task.CreationTimeUTC.getTime();
  const state = task.State;
  if (endMs > nowMs || isPlaceholderEnd(endMs, creationMs, task.Result, state)) {
    const { EndTimeUTC: _end, ...running } = task;
    return { ...running, State: 'InProgress', Result: 'None' };
  }
  // Finished (the test above says so) with an end before its start: VBR's placeholder beside a
  // final-looking result, or clock skew. No end is known; a State this package does not know is
  // made a finished one, so that endMsOf does not take the session for running.
  if (endMs < creationMs) {
    const { EndTimeUTC: _end, ...ended } = task;
    return isFinishedState(state) ? ended : { ...ended, State: 'Completed' };
  }
  return task;
}

/**
 * A task that had not finished (as of `now`) when its job session had: it was not processed in
 * that run and never will be (VBR leaves the pending tasks of a stopped job Pending, with its
 * 1900-01-01 end). It counts as a finished run of its VM that failed: the VM got no restore point
 * from it, as a finished session with no final result counts as failed (see runResultOf). It ends
 * when its session did (no end when that is unknown), with its reason, or its session's failure
 * message when it has none.
 */
export function taskOfFinishedSession(
  task: ReportTaskSession,
  sessionEndMs: number,
  sessionFailureMessage: string,
): ReportTaskSession {
  const { EndTimeUTC: _end, ...unended } = task;
  const failed: ReportTaskSession = {
    ...unended,
    State: 'Completed',
    Result: 'Failed',
    Reason: task.Reason.trim() === '' ? sessionFailureMessage : task.Reason,
  };
  return Number.isFinite(sessionEndMs) ? { ...failed, EndTimeUTC: new Date(sessionEndMs) } : failed;
}
