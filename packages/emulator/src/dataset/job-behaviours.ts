import type { SeededRandom } from './seeded-random.js';

/** How a job's runs turn out: rates per scheduled run, calibrated so that jobs average the options. */
export interface JobBehaviour {
  /** Chance that the first run fails; the long-run share of failed runs. */
  readonly failure: number;
  /** Failures come in streaks: the chance after a failed run is higher, after a good run lower. */
  readonly failureAfterFailure: number;
  readonly failureAfterSuccess: number;
  readonly retryFailure: number;
  /** Chance that a run that did not fail ends with a warning. */
  readonly warningUnlessFailed: number;
}

/** How much failures stick: 0 means independent runs, 1 means a failing job never recovers. */
const FAILURE_STICKINESS = 0.4;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Per-job rates whose mean is `rate`: each job's log-odds are shifted by its offset, then all by
 * the one constant (found by bisection) that brings the mean back to `rate`.
 */
function calibratedRates(rate: number, offsets: readonly number[]): number[] {
  if (rate <= 0 || rate >= 1 || offsets.length === 0) return offsets.map(() => rate);
  const baseLogOdds = Math.log(rate / (1 - rate));
  const meanAt = (shift: number): number =>
    offsets.reduce((sum, offset) => sum + logistic(baseLogOdds + offset + shift), 0) /
    offsets.length;
  let low = -30;
  let high = 30;
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2;
    if (meanAt(middle) < rate) low = middle;
    else high = middle;
  }
  const shift = (low + high) / 2;
  return offsets.map((offset) => logistic(baseLogOdds + offset + shift));
}

/** Log-odds offset of a job's failure chance: most jobs healthy, some flaky, a few broken. */
function failureOffset(random: SeededRandom): number {
  const draw = random.next();
  if (draw < 0.05) return 2.5 + random.next();
  if (draw < 0.2) return 1 + 0.5 * random.next();
  return -0.5 + 0.5 * random.next();
}

function warningOffset(random: SeededRandom): number {
  return random.chance(0.15) ? 1 + 0.5 * random.next() : -0.3 + 0.6 * random.next();
}

/** One behaviour per job, drawing all failure offsets from `random`, then all warning offsets. */
export function jobBehaviours(
  count: number,
  failureRate: number,
  warningRate: number,
  random: SeededRandom,
): JobBehaviour[] {
  const failures = calibratedRates(
    failureRate,
    Array.from({ length: count }, () => failureOffset(random)),
  );
  const warnings = calibratedRates(
    warningRate,
    Array.from({ length: count }, () => warningOffset(random)),
  );
  return failures.map((failure, index): JobBehaviour => {
    const failureAfterFailure = failure + FAILURE_STICKINESS * (1 - failure);
    const warning = warnings[index] as number;
    return {
      failure,
      failureAfterFailure,
      // Solves failure = stationary share of the two-state chain for the chance after a good run.
      failureAfterSuccess: (1 - FAILURE_STICKINESS) * failure,
      // A retry only reprocesses the failed VMs: it fails less often than a run after a failure.
      retryFailure: (failure + failureAfterFailure) / 2,
      warningUnlessFailed: failure >= 1 ? 0 : Math.min(1, warning / (1 - failure)),
    };
  });
}
