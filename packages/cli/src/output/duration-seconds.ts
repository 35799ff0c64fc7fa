import type { SessionDuration } from '@vbem/model';

/**
 * A session's duration, or its elapsed time while it runs, in whole seconds; null for a finished
 * session whose end EM does not give (its State says it finished, its end is none or VBR's 1900).
 */
export const durationSecondsOf = (duration: SessionDuration): number | null => {
  if (duration.running) return Math.round(duration.elapsedMs / 1000);
  return duration.endUnknown ? null : Math.round(duration.durationMs / 1000);
};
