import { ownString } from '@vbem/model';
import { compareText } from './compare-text.js';
import { normalizeReason } from './normalize-reason.js';
import type { FailureReason } from './report.js';

/**
 * Kinds of failure tracked per VM. Normalizing makes a few kinds per VM the rule; the cap keeps a
 * VM whose messages defeat normalization from growing without bound. Kinds first seen after the
 * cap is reached are not counted.
 */
const MAX_KINDS = 256;

/** Failure and warning reasons of one VM's tasks, grouped by their normalized form. */
export class FailureReasonCounts {
  private readonly byNormalized = new Map<string, { readonly example: string; count: number }>();

  add(reason: string): void {
    const message = reason.trim();
    if (message === '') return;
    const normalized = normalizeReason(message);
    const kind = this.byNormalized.get(normalized);
    if (kind !== undefined) {
      kind.count++;
    } else if (this.byNormalized.size < MAX_KINDS) {
      this.byNormalized.set(ownString(normalized), { example: ownString(message), count: 1 });
    }
  }

  /** The `limit` most frequent kinds, most frequent first, then by normalized text; each with its first message. */
  top(limit: number): FailureReason[] {
    return [...this.byNormalized]
      .map(([normalized, { example, count }]) => ({ normalized, example, count }))
      .sort((a, b) => b.count - a.count || compareText(a.normalized, b.normalized))
      .slice(0, limit);
  }
}
