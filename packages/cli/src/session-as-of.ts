import type { JobSession, TaskSession } from '@vbem/client';

/**
 * A session as it stood at `nowMs`: one that ended after then was still running, with no end and
 * no result yet. A report judged at a past `--to` reads sessions as EM gives them today; without
 * this, a run that ended after `--to` would be a success (or a failure) it was not yet.
 */
export function jobSessionAsOf(session: JobSession, nowMs: number): JobSession {
  if (session.EndTimeUTC === undefined || session.EndTimeUTC.getTime() <= nowMs) return session;
  const { EndTimeUTC: _end, ...running } = session;
  return { ...running, State: 'Working', Result: 'None' };
}

/** A task session as it stood at `nowMs` (see jobSessionAsOf). */
export function taskSessionAsOf(task: TaskSession, nowMs: number): TaskSession {
  if (task.EndTimeUTC === undefined || task.EndTimeUTC.getTime() <= nowMs) return task;
  const { EndTimeUTC: _end, ...running } = task;
  return { ...running, State: 'InProgress', Result: 'None' };
}
