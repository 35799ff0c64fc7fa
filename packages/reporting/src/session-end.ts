import { isFinishedState } from '@vbem/model';

/** What endMsOf says of a session whose State says it finished but that has no end. */
export const UNKNOWN_END_MS = Number.NEGATIVE_INFINITY;

/**
 * The end of a session (as of `now`: see as-of.ts) in ms. +Infinity while it runs: no end, and
 * no State that says it finished. UNKNOWN_END_MS when its State says it finished but EM gives no
 * end (none, or VBR's placeholder, which as-of.ts drops): it ended, nobody knows when. NaN for an
 * invalid Date.
 */
export function endMsOf(session: {
  readonly EndTimeUTC?: Date | undefined;
  readonly State: string;
}): number {
  const end = session.EndTimeUTC;
  if (end !== undefined) return end.getTime();
  return isFinishedState(session.State) ? UNKNOWN_END_MS : Number.POSITIVE_INFINITY;
}
