import type { ReportJobSession, ReportTaskSession } from './report-input.js';

/**
 * Whether an end time only stands for "none yet": earlier than the session's creation, on a
 * session with no final result. VBR writes 1900-01-01 as the end of a running session, and a
 * session that reaches a report that way must not count as a finished, failed run. A session
 * with a final result keeps it, whatever its end (its duration is then 0). @vbem/model's
 * hasPlaceholderEnd is the same rule, on the session rather than on times read already.
 */
function isPlaceholderEnd(
  endMs: number,
  creationMs: number,
  result: ReportJobSession['Result'] | ReportTaskSession['Result'],
): boolean {
  return endMs < creationMs && result !== 'Success' && result !== 'Warning' && result !== 'Failed';
}

/**
 * A session as it stood at `nowMs`: one that ended after then was still running, with no end and
 * no result yet. With a `now` in the past, a report reads sessions as EM gives them today; a run
 * that ended after `now` would otherwise be a success (or a failure) it was not yet. A placeholder
 * end (see isPlaceholderEnd) is no end either. The session itself when nothing changes, which is
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
  if (!(endMs > nowMs) && !isPlaceholderEnd(endMs, creationMs, session.Result)) return session;
  const { EndTimeUTC: _end, ...running } = session;
  return { ...running, State: 'Working', Result: 'None' };
}

/** A task session as it stood at `nowMs` (see jobSessionAsOf). */
export function taskSessionAsOf(task: ReportTaskSession, nowMs: number): ReportTaskSession {
  const end = task.EndTimeUTC;
  if (end === undefined) return task;
  const endMs = end.getTime();
  if (!(endMs > nowMs) && !isPlaceholderEnd(endMs, task.CreationTimeUTC.getTime(), task.Result))
    return task;
  const { EndTimeUTC: _end, ...running } = task;
  return { ...running, State: 'InProgress', Result: 'None' };
}
