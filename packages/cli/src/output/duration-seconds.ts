import type { SessionDuration } from '@vbem/model';

/** A session's duration, or its elapsed time while it runs, in whole seconds. */
export const durationSecondsOf = (duration: SessionDuration): number =>
  Math.round((duration.running ? duration.elapsedMs : duration.durationMs) / 1000);
