import { ownString } from '@vbem/model';
import { compareText } from './compare-text.js';
import { normalizeReason } from './normalize-reason.js';
import type { FailureReason } from './report.js';

/**
 * Kinds of failure tracked per VM. Normalizing makes a few kinds per VM the rule; the cap keeps a
 * VM whose messages defeat normalization from growing without bound. Past it, a new kind takes
 * the place of the least frequent one and starts from its count (the Space-Saving algorithm): a
 * frequent reason is never lost, and counts are then at most that many too high.
 */
const MAX_KINDS = 256;
/** A kind's message, as the example shown, cut to this many characters. */
const MAX_EXAMPLE_CHARS = 2000;

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
      return;
    }
    const example = ownString(
      message.length > MAX_EXAMPLE_CHARS ? `${message.slice(0, MAX_EXAMPLE_CHARS)}…` : message,
    );
    let count = 1;
    if (this.byNormalized.size >= MAX_KINDS) {
      const [leastNormalized, least] = this.leastFrequent();
      this.byNormalized.delete(leastNormalized);
      count = least.count + 1;
    }
    this.byNormalized.set(ownString(normalized), { example, count });
  }

  /** The kind with the lowest count; the first such, in insertion order. */
  private leastFrequent(): [string, { readonly count: number }] {
    let least: [string, { readonly count: number }] | undefined;
    for (const entry of this.byNormalized) {
      if (least === undefined || entry[1].count < least[1].count) least = entry;
    }
    return least as [string, { readonly count: number }];
  }

  /**
   * The `limit` most frequent kinds (every kind without one), most frequent first, then by
   * normalized text; each with its first message.
   */
  top(limit = Number.POSITIVE_INFINITY): FailureReason[] {
    return [...this.byNormalized]
      .map(([normalized, { example, count }]) => ({ normalized, example, count }))
      .sort((a, b) => b.count - a.count || compareText(a.normalized, b.normalized))
      .slice(0, limit);
  }
}
