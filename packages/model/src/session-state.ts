/**
 * Whether a session's `State` says it still runs: a job, replica or restore session's Starting,
 * Stopping, Working, Pausing or Resuming, a task session's InProgress or Pending. One list for
 * every kind of session: no state name means running for one kind and finished for another.
 */
export const isRunningState = (state: string): boolean =>
  state === 'Working' ||
  state === 'InProgress' ||
  state === 'Starting' ||
  state === 'Stopping' ||
  state === 'Pausing' ||
  state === 'Resuming' ||
  state === 'Pending';

/**
 * Whether a session's `State` says it has finished: a job, replica or restore session's Stopped,
 * a task session's Completed. A state neither this nor isRunningState knows (from a newer EM)
 * says neither.
 */
export const isFinishedState = (state: string): boolean =>
  state === 'Stopped' || state === 'Completed';
