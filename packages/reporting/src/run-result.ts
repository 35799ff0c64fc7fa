import type { SessionResult } from '@vbem/model';
import type { RunResult, SuccessPolicy } from './report.js';

/**
 * The outcome of a finished session. EM reports Success, Warning or Failed once a session has
 * ended; anything else on a finished session (a value from a newer EM, `None` on a session cut
 * short) counts as Failed: the report cannot vouch for a restore point it knows nothing about.
 */
export function runResultOf(result: SessionResult): RunResult {
  if (result === 'Success') return 'Success';
  if (result === 'Warning') return 'Warning';
  return 'Failed';
}

/** Under `strict` only Success is a success; under `warning-is-success` Warning is one too. */
export const countsAsSuccess = (result: RunResult | null, policy: SuccessPolicy): boolean =>
  result === 'Success' || (result === 'Warning' && policy === 'warning-is-success');

/** The finished-run counts of a job, a group or a whole report. */
export interface RunCounts {
  readonly successfulRuns: number;
  readonly warningRuns: number;
  readonly failedRuns: number;
}

/** Runs that count as a success under the policy, over finished runs; null without finished runs. */
export function successRateOf(counts: RunCounts, policy: SuccessPolicy): number | null {
  const finished = counts.successfulRuns + counts.warningRuns + counts.failedRuns;
  if (finished === 0) return null;
  const successes =
    counts.successfulRuns + (policy === 'warning-is-success' ? counts.warningRuns : 0);
  return successes / finished;
}
