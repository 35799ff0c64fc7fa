import type { Fault, FaultRule } from './fault-rule.js';
import { FaultRuleError } from './fault-rule-error.js';
import { faultRuleProblem } from './fault-rule-problem.js';

interface ActiveRule {
  readonly rule: FaultRule;
  /** The rule's RegExp path, copied so that a `g` or `y` flag's lastIndex is the plan's alone. */
  readonly pattern: RegExp | undefined;
  matched: number;
}

/** The faults to inject, in order; the first rule that applies to a request wins. */
export class FaultPlan {
  private readonly rules: ActiveRule[] = [];

  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule; throws a FaultRuleError for one that cannot work as asked. */
  add(rule: FaultRule): void {
    const problem = faultRuleProblem(rule);
    if (problem) throw new FaultRuleError(problem.field, problem.problem);
    const pattern = rule.path instanceof RegExp ? new RegExp(rule.path) : undefined;
    this.rules.push({ rule, pattern, matched: 0 });
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
      const { rule, pattern } = active;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === 'string' && !path.toLowerCase().startsWith(rule.path.toLowerCase()))
        continue;
      if (pattern) {
        // Every request is tested from the start, whatever the flags.
        pattern.lastIndex = 0;
        if (!pattern.test(pathAndQuery)) continue;
      }
      active.matched++;
      const after = rule.after ?? 0;
      const times = rule.times ?? 1;
      if (fault === undefined && active.matched > after && active.matched <= after + times)
        fault = rule.fault;
    }
    return fault;
  }
}
