import { isPlaceholderEnd } from '@vbem/model';
import type { ReportJobSession, ReportTaskSession } from './report-input.js';

/**
 * A session as it stood at `nowMs`: one that ended after then was still running, with no end and
 * no result yet. With a `now` in the past, a report reads sessions as EM gives them today; a run
 * that ended after `now` would otherwise be a success (or a failure) it was not yet. VBR's placeholder
 * end (1900-01-01; see isPlaceholderEnd in @vbem/model) is no end either: such a session must not
 * count as a finished, failed run. The session itself when nothing changes, which is
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
