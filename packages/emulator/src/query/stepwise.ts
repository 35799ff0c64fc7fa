import { setImmediate } from 'node:timers/promises';

/**
 * A computation that pauses (yields) between steps of a few milliseconds each, so that a caller
 * may answer other requests in between, and returns its result at the end.
 */
export type Stepwise<Result> = Generator<undefined, Result, undefined>;

/** How long a computation runs before it lets the event loop take another turn. */
export const TURN_MS = 20;

/** The result of `steps`, computed at once. */
export function completed<Result>(steps: Stepwise<Result>): Result {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The result of `steps`, computed about `TURN_MS` at a time, one turn of the event loop after
 * another; undefined, and the rest never computed, once `isAbandoned` says nobody waits for it.
 */
export async function completedInTurns<Result>(
  steps: Stepwise<Result>,
  isAbandoned: () => boolean,
): Promise<Result | undefined> {
  let turnEnd = performance.now() + TURN_MS;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() < turnEnd) continue;
    await setImmediate();
    if (isAbandoned()) return undefined;
    turnEnd = performance.now() + TURN_MS;
  }
}
