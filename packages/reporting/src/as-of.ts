import type { ReportJobSession, ReportTaskSession } from './report-input.js';

/**
 * A session as it stood at `nowMs`: one that ended after then was still running, with no end and
 * no result yet. With a `now` in the past, a report reads sessions as EM gives them today; a run
 * that ended after `now` would otherwise be a success (or a failure) it was not yet. The session
 * itself when nothing changes, which is every session when `now` is the present.
 */
export function jobSessionAsOf(session: ReportJobSession, nowMs: number): ReportJobSession {
  const end = session.EndTimeUTC;
  if (end === undefined || !(end.getTime() > nowMs)) return session;
  const { EndTimeUTC: _end, ...running } = session;
  return { ...running, State: 'Working', Result: 'None' };
}

/** A task session as it stood at `nowMs` (see jobSessionAsOf). */
export function taskSessionAsOf(task: ReportTaskSession, nowMs: number): ReportTaskSession {
  const end = task.EndTimeUTC;
  if (end === undefined || !(end.getTime() > nowMs)) return task;
  const { EndTimeUTC: _end, ...running } = task;
  return { ...running, State: 'InProgress', Result: 'None' };
}
