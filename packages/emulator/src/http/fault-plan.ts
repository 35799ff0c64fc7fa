import type { Fault, FaultRule } from './fault-rule.js';

interface ActiveRule {
  readonly rule: FaultRule;
  matched: number;
}

/** The faults to inject, in order; the first rule that applies to a request wins. */
export class FaultPlan {
  private readonly rules: ActiveRule[] = [];

  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  add(rule: FaultRule): void {
    if ((rule.after ?? 0) < 0 || (rule.times ?? 1) < 1)
      throw new RangeError('a fault rule needs after >= 0 and times >= 1');
    this.rules.push({ rule, matched: 0 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /**
   * The fault of the first rule that fires for this request, if any. Every matching rule counts
   * the match, the ones after a firing rule included, so that each rule's `after` and `times`
   * count requests whatever the other rules do.
   */
  faultFor(method: string, pathAndQuery: string): Fault | undefined {
    const path = pathAndQuery.replace(/^\/api/i, '');
    let fault: Fault | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === 'string' && !path.toLowerCase().startsWith(rule.path.toLowerCase()))
        continue;
      if (rule.path instanceof RegExp && !rule.path.test(pathAndQuery)) continue;
      active.matched++;
      const after = rule.after ?? 0;
      const times = rule.times ?? 1;
      if (fault === undefined && active.matched > after && active.matched <= after + times)
        fault = rule.fault;
    }
    return fault;
  }
}
