import { normalizedEscapes } from './api-path.js';
import type { Fault, FaultRule } from './fault-rule.js';
import { FaultRuleError } from './fault-rule-error.js';
import { faultRuleProblem } from './fault-rule-problem.js';

/** The faults a running emulator injects: `emulator.faults`. */
export interface FaultPlan {
  /**
   * Adds a rule, after those already added; throws a FaultRuleError for one that cannot work as
   * asked. Returns the rule as stored, a frozen copy: changing the object given changes nothing.
   */
  add(rule: FaultRule): FaultRule;
  /** Removes a rule, given as passed to add() or as add() returned it; false when it is not there. */
  remove(rule: FaultRule): boolean;
  /** Removes every rule. */
  clear(): void;
}

interface ActiveRule {
  /** The object given to add(), by which remove() finds the rule too. */
  readonly given: FaultRule;
  readonly rule: FaultRule;
  /** The rule's string path, its escapes normalised as a request's path is (see `apiPathOf`). */
  readonly prefix: string | undefined;
  /** The rule's RegExp path, copied so that a `g` or `y` flag's lastIndex is the plan's alone. */
  readonly pattern: RegExp | undefined;
  matched: number;
}

/** The faults to inject, in order; the first rule that applies to a request wins. */
export class ActiveFaultPlan {
  private readonly rules: ActiveRule[] = [];
  /** What `emulator.faults` shows callers: adding and removing rules, not matching requests. */
  readonly view: FaultPlan = Object.freeze({
    add: (rule: FaultRule) => this.add(rule),
    remove: (rule: FaultRule) => this.remove(rule),
    clear: () => this.clear(),
  });

  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  add(given: FaultRule): FaultRule {
    // Checked as copied, so that neither a later change nor a getter can bypass the checks.
    const rule = frozenCopyOf(given);
    const problem = faultRuleProblem(rule);
    if (problem) throw new FaultRuleError(problem.field, problem.problem);
    const prefix = typeof rule.path === 'string' ? normalizedEscapes(rule.path) : undefined;
    const pattern = rule.path instanceof RegExp ? new RegExp(rule.path) : undefined;
    this.rules.push({ given, rule, prefix, pattern, matched: 0 });
    return rule;
  }

  remove(rule: FaultRule): boolean {
    const index = this.rules.findIndex((active) => active.rule === rule || active.given === rule);
    if (index >= 0) this.rules.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.rules.length = 0;
  }

  /**
   * The fault of the first rule that fires for this request, if any, counting the request as a
   * match: called once per request. Every matching rule counts the match, the ones after a
   * firing rule included, so that each rule's `after` and `times` count requests whatever the
   * other rules do. `apiPath` is the request's as routing sees it (see `apiPathOf`), so that a
   * rule fires for every spelling of a path the emulator serves alike (`/api//jobs/`).
   */
  faultFor(method: string, apiPath: string, search: string): Fault | undefined {
    let fault: Fault | undefined;
    for (const active of this.rules) {
      const { rule, prefix, pattern } = active;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (prefix !== undefined && !isBelowPath(apiPath + search, prefix)) continue;
      if (pattern) {
        // Every request is tested from the start, whatever the flags.
        pattern.lastIndex = 0;
        if (!pattern.test(`/api${apiPath}${search}`)) continue;
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

/**
 * Whether a request's path and query (below `/api`) is at or below a rule's path, by whole
 * segments and in any case: `/jobs` matches `/jobs`, `/jobs/{id}` and `/jobs?format=Entity`, not
 * `/jobsX`. A rule path that ends with `/` or has a query part (`/query?type=Job`) is a prefix
 * as it is.
 */
function isBelowPath(pathAndQuery: string, rulePath: string): boolean {
  const sent = pathAndQuery.toLowerCase();
  const prefix = rulePath.toLowerCase();
  if (!sent.startsWith(prefix)) return false;
  if (prefix.endsWith('/') || prefix.includes('?')) return true;
  const next = sent.charAt(prefix.length);
  return next === '' || next === '/' || next === '?';
}

/**
 * A frozen copy of a rule and of its fault, each property read once; anything that is not an
 * object is left for the checks to refuse. A RegExp path is copied too (its lastIndex moves).
 */
function frozenCopyOf(rule: FaultRule): FaultRule {
  if (typeof rule !== 'object' || rule === null) return rule;
  const copy: Record<string, unknown> = { ...rule };
  if (typeof copy.fault === 'object' && copy.fault !== null)
    copy.fault = Object.freeze({ ...copy.fault });
  if (copy.path instanceof RegExp) copy.path = new RegExp(copy.path);
  return Object.freeze(copy) as unknown as FaultRule;
}
