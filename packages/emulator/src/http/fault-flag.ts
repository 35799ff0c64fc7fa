import { FaultFlagError } from './fault-flag-error.js';
import type { Fault, FaultRule } from './fault-rule.js';
import { faultRuleProblem } from './fault-rule-problem.js';

/** The keys every kind of fault takes: those of the rule. */
const RULE_KEYS = ['method', 'path', 'path-regexp', 'after', 'times'] as const;
// A record, so that the compiler says when a kind is added to Fault and not here. The first key,
// if any, is the one a bare value sets (`latency:1500`, `status:503`, `reset:acted`).
const FAULT_KEYS: Readonly<Record<Fault['kind'], readonly string[]>> = {
  latency: ['ms'],
  status: ['status', 'retry-after'],
  'expire-token': [],
  'dead-session': [],
  reset: ['acted'],
  truncate: ['acted'],
  malformed: ['acted'],
  stall: ['acted'],
};
const KINDS = Object.keys(FAULT_KEYS);
/**
 * Where one key=value ends: at a comma before `word=` or a bare `acted`. Any other comma belongs
 * to the value before it (a filter's `Name==a,b`, an HTTP date's `Wed, 21 Oct …`).
 */
const SPLIT = /,(?=[a-z][a-z-]*=(?!=)|acted(?:,|$))/;
/** The key that names each field of a rule in a library problem (`fault.retryAfter`). */
const FIELD_KEYS: Readonly<Record<string, string>> = {
  'fault.kind': 'the kind',
  'fault.ms': 'ms',
  'fault.status': 'status',
  'fault.retryAfter': 'retry-after',
  'fault.acted': 'acted',
  method: 'method',
  after: 'after',
  times: 'times',
};
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * The fault rule of a `--fault` flag: `KIND[:VALUE][,key=value…]`, the fault's kind, then what
 * the rule and its fault take, e.g. `latency:1500,method=GET`, `status:503,retry-after=5,path=/jobs,times=3`,
 * `reset:acted,path=/sessionMngr`, `expire-token,after=2`. `:VALUE` sets the kind's own key
 * (`ms` of latency, `status` of status; `acted` alone means `acted=true`). A value may hold a
 * comma (a query's filter, an HTTP date) unless a key follows it. Checked as `faults.add()` checks
 * a rule; anything wrong is a FaultFlagError naming the rule and the key.
 */
export function faultRuleOfFlag(text: string): FaultRule {
  const fail = (problem: string) => new FaultFlagError(text, problem);
  const [kind = '', separator = ''] = /^([^:,]*)([:,]?)/.exec(text)?.slice(1) ?? [];
  if (!KINDS.includes(kind))
    throw fail(
      `the kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)} (the syntax: KIND[:VALUE][,key=value…])`,
    );
  const own = FAULT_KEYS[kind as Fault['kind']];
  const allowed = [...own, ...RULE_KEYS];
  const values = new Map<string, string>();
  const rest = text.slice(kind.length + separator.length);
  if (separator !== '' && rest === '')
    throw fail(`nothing follows ${JSON.stringify(`${kind}${separator}`)}`);
  const items = rest === '' ? [] : rest.split(SPLIT);
  items.forEach((item, index) => {
    const equals = item.indexOf('=');
    let key: string;
    let value: string;
    if (equals >= 0) {
      key = item.slice(0, equals);
      value = item.slice(equals + 1);
    } else if (item === 'acted') {
      [key, value] = ['acted', 'true'];
    } else if (index === 0 && separator === ':' && own[0] !== undefined && own[0] !== 'acted') {
      [key, value] = [own[0], item];
    } else {
      throw fail(
        `${JSON.stringify(item)} is not key=value${own[0] && own[0] !== 'acted' ? ` (a bare value, right after "${kind}:", is its ${own[0]})` : ''}`,
      );
    }
    if (!allowed.includes(key))
      throw fail(`${JSON.stringify(key)} is not a key of a ${kind} fault (${allowed.join(', ')})`);
    if (values.has(key)) throw fail(`${key} is given twice`);
    if (value === '') throw fail(`${key} is empty`);
    values.set(key, value);
  });
  // The library would say `got undefined`; this says how to give it.
  if ((kind === 'latency' || kind === 'status') && !values.has(own[0] as string))
    throw fail(
      `a ${kind} fault needs its ${own[0]}, such as ${kind === 'latency' ? 'latency:1500' : 'status:503'}`,
    );
  if (values.has('path') && values.has('path-regexp'))
    throw fail('give path or path-regexp, not both');
  const rule = { fault: faultOf(kind, values), ...ruleFieldsOf(values, fail) };
  const problem = faultRuleProblem(rule);
  if (problem) {
    const key = FIELD_KEYS[problem.field] ?? (values.has('path-regexp') ? 'path-regexp' : 'path');
    throw fail(`${key} ${problem.problem}`);
  }
  return rule;
}

/** The fault of the kind, its keys as the library's fields; a value is left as text when it is no number, for the check to say so. */
function faultOf(kind: string, values: ReadonlyMap<string, string>): Fault {
  const fault: Record<string, unknown> = { kind };
  const ms = values.get('ms');
  if (ms !== undefined) fault.ms = numberOrText(ms);
  const status = values.get('status');
  if (status !== undefined) fault.status = numberOrText(status);
  // A number of seconds is sent as such; any other text as the header's value (an HTTP date).
  const retryAfter = values.get('retry-after');
  if (retryAfter !== undefined)
    fault.retryAfter = /^\d+$/.test(retryAfter) ? Number(retryAfter) : retryAfter;
  const acted = values.get('acted');
  if (acted !== undefined)
    fault.acted = acted === 'true' ? true : acted === 'false' ? false : acted;
  return fault as unknown as Fault;
}

function ruleFieldsOf(
  values: ReadonlyMap<string, string>,
  fail: (problem: string) => FaultFlagError,
): Omit<FaultRule, 'fault'> {
  const fields: Record<string, unknown> = {};
  const method = values.get('method');
  if (method !== undefined) fields.method = method;
  const path = values.get('path');
  if (path !== undefined) fields.path = path;
  const pattern = values.get('path-regexp');
  if (pattern !== undefined) {
    try {
      fields.path = new RegExp(pattern);
    } catch (error) {
      throw fail(`path-regexp is not a regular expression (${(error as Error).message})`);
    }
  }
  const after = values.get('after');
  if (after !== undefined) fields.after = numberOrText(after);
  const times = values.get('times');
  if (times !== undefined)
    fields.times = times === 'Infinity' ? Number.POSITIVE_INFINITY : numberOrText(times);
  return fields;
}

const numberOrText = (text: string): number | string => (NUMBER.test(text) ? Number(text) : text);
