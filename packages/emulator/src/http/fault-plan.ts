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

  /** The fault for this request, if a rule applies; counts the match either way. */
  faultFor(method: string, pathAndQuery: string): Fault | undefined {
    const path = pathAndQuery.replace(/^\/api/i, '');
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === 'string' && !path.toLowerCase().startsWith(rule.path.toLowerCase()))
        continue;
      if (rule.path instanceof RegExp && !rule.path.test(pathAndQuery)) continue;
      active.matched++;
      const after = rule.after ?? 0;
      const times = rule.times ?? 1;
      if (active.matched > after && active.matched <= after + times) return rule.fault;
    }
    return undefined;
  }
}
