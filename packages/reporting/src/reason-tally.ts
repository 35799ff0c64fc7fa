import { compareText } from './compare-text.js';
import type { FailureReason } from './report.js';

/** Kinds of failure reason the report's overall list keeps; `failureReasonKinds` counts them all. */
export const MAX_REPORT_REASONS = 100;

const byCountThenText = (a: FailureReason, b: FailureReason): number =>
  b.count - a.count || compareText(a.normalized, b.normalized);

/**
 * Failure reasons of many VMs and jobs, alike ones (same normalized text) counted together: the
 * report's overall list. Each keeps the example it was first given.
 */
export class ReasonTally {
  private readonly byNormalized = new Map<string, FailureReason>();

  addAll(reasons: readonly FailureReason[]): void {
    for (const reason of reasons) {
      const seen = this.byNormalized.get(reason.normalized);
      this.byNormalized.set(
        reason.normalized,
        seen === undefined ? { ...reason } : { ...seen, count: seen.count + reason.count },
      );
    }
  }

  /** How many kinds were counted. */
  get kinds(): number {
    return this.byNormalized.size;
  }

  /** The `limit` most frequent kinds, most frequent first, then by normalized text. */
  top(limit = Number.POSITIVE_INFINITY): FailureReason[] {
    return [...this.byNormalized.values()].sort(byCountThenText).slice(0, limit);
  }
}
