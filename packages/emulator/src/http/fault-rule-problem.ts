import { METHODS } from 'node:http';
import { shownValue } from '@vbem/model';
import { isOptionsBag, unknownKeyOf } from '../unknown-key.js';
import type { AnswerFault, Fault, FaultRule } from './fault-rule.js';

/** What is wrong with a fault rule: the property, and the problem after its name. */
export interface FaultRuleProblem {
  /** `fault.status`, or empty for the rule as a whole. */
  readonly field: string;
  readonly problem: string;
}

type StatusFault = Extract<Fault, { readonly kind: 'status' }>;
// Records, so that the compiler says when a kind or status is added to Fault and not here.
const STATUSES: readonly unknown[] = Object.keys({
  401: true,
  403: true,
  429: true,
  500: true,
  502: true,
  503: true,
  504: true,
} satisfies Record<StatusFault['status'], true>).map(Number);
const ANSWER_FAULTS: readonly unknown[] = Object.keys({
  reset: true,
  truncate: true,
  malformed: true,
  stall: true,
} satisfies Record<AnswerFault['kind'], true>);
const KINDS: readonly unknown[] = Object.keys({
  latency: true,
  status: true,
  'expire-token': true,
  'dead-session': true,
  reset: true,
  truncate: true,
  malformed: true,
  stall: true,
} satisfies Record<Fault['kind'], true>);
const RULE_FIELDS = Object.keys({
  fault: true,
  method: true,
  path: true,
  after: true,
  times: true,
} satisfies Record<keyof FaultRule, true>);
// The fields of each kind of fault, kind included.
const FAULT_FIELDS: Readonly<Record<Fault['kind'], readonly string[]>> = {
  latency: ['kind', 'ms'],
  status: ['kind', 'status', 'retryAfter'],
  'expire-token': ['kind'],
  'dead-session': ['kind'],
  reset: ['kind', 'acted'],
  truncate: ['kind', 'acted'],
  malformed: ['kind', 'acted'],
  stall: ['kind', 'acted'],
};
// setTimeout fires at once, with a warning, for a longer delay.
const MAX_DELAY_MS = 2_147_483_647;
// What Node lets a header value carry.
const HEADER_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;
// The methods Node's HTTP parser hands the emulator: it answers any other 400 itself, and gives
// CONNECT to another event, so that a rule of those could never fire.
const REQUEST_METHODS = METHODS.filter((method) => method !== 'CONNECT');
const BELOW_API = /^\/api(?:[/?]|$)/i;

/**
 * The first problem of a fault rule that would not work as asked (a status fault of 200, a
 * negative latency, a path that can never match), or undefined; for callers without the types too.
 */
export function faultRuleProblem(rule: unknown): FaultRuleProblem | undefined {
  if (!isOptionsBag(rule))
    return { field: '', problem: `must be an object, got ${shownValue(rule)}` };
  const unknown = unknownKeyOf(rule, RULE_FIELDS);
  if (unknown !== undefined)
    return {
      field: unknown,
      problem: `is not a field of a fault rule (${RULE_FIELDS.join(', ')})`,
    };
  const { fault, method, path, after, times } = rule as Record<string, unknown>;
  const problem = faultProblem(fault);
  if (problem) return problem;
  if (
    method !== undefined &&
    !(typeof method === 'string' && REQUEST_METHODS.includes(method.toUpperCase()))
  )
    return {
      field: 'method',
      problem: `must be an HTTP method a request can reach the emulator with (GET, POST, DELETE, PUT, …), got ${shownValue(method)}`,
    };
  if (path !== undefined && !(path instanceof RegExp)) {
    if (typeof path !== 'string' || !path.startsWith('/'))
      return {
        field: 'path',
        problem: `must be a path prefix below /api such as "/jobs", or a RegExp, got ${shownValue(path)}`,
      };
    if (BELOW_API.test(path))
      return {
        field: 'path',
        problem: `must be given below /api: ${shownValue(path.replace(BELOW_API, '/'))}, not ${shownValue(path)}`,
      };
    const [pathPart = '', ...queryParts] = path.split('?');
    if (pathPart.includes('//'))
      return {
        field: 'path',
        problem: `has an empty segment, which no request's path has (the emulator serves /api//jobs as /api/jobs): ${shownValue([pathPart.replace(/\/{2,}/g, '/'), ...queryParts].join('?'))}, not ${shownValue(path)}`,
      };
    if (path.includes('#'))
      return {
        field: 'path',
        problem: `has a fragment (${shownValue(path.slice(path.indexOf('#')))}), which no request sends, so the rule could never fire: ${shownValue(path.slice(0, path.indexOf('#')))}, not ${shownValue(path)}`,
      };
    const sent = asRequestsSendIt(pathPart, queryParts);
    if (sent !== path)
      return {
        field: 'path',
        problem: `is not as a request's URL carries it (spaces, quotes and the like come percent-encoded, dot segments resolved), so the rule could never fire: ${shownValue(sent)}, not ${shownValue(path)}`,
      };
  }
  if (after !== undefined && !(Number.isSafeInteger(after) && (after as number) >= 0))
    return {
      field: 'after',
      problem: `must be a whole number of at least 0, got ${shownValue(after)}`,
    };
  if (
    times !== undefined &&
    times !== Number.POSITIVE_INFINITY &&
    !(Number.isSafeInteger(times) && (times as number) >= 1)
  )
    return {
      field: 'times',
      problem: `must be a whole number of at least 1, or Infinity, got ${shownValue(times)}`,
    };
  return undefined;
}

function faultProblem(fault: unknown): FaultRuleProblem | undefined {
  if (!isOptionsBag(fault))
    return { field: 'fault', problem: `must be an object with a kind, got ${shownValue(fault)}` };
  const { kind, ms, status, retryAfter, acted } = fault as Record<string, unknown>;
  if (!KINDS.includes(kind))
    return {
      field: 'fault.kind',
      problem: `must be one of ${KINDS.join(', ')}, got ${shownValue(kind)}`,
    };
  const fields = FAULT_FIELDS[kind as Fault['kind']];
  // `acted` on a fault without one has a problem of its own, below.
  const unknown = unknownKeyOf(fault, [...fields, 'acted']);
  if (unknown !== undefined)
    return {
      field: `fault.${unknown}`,
      problem: `is not a field of a ${String(kind)} fault (${fields.join(', ')})`,
    };
  if (kind === 'latency' && !(typeof ms === 'number' && ms >= 0 && ms <= MAX_DELAY_MS))
    return {
      field: 'fault.ms',
      problem: `must be a number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${shownValue(ms)}`,
    };
  if (kind === 'status') {
    if (!STATUSES.includes(status))
      return {
        field: 'fault.status',
        problem: `must be one of ${STATUSES.join(', ')}, got ${shownValue(status)}`,
      };
    if (
      retryAfter !== undefined &&
      !(typeof retryAfter === 'string' && HEADER_VALUE.test(retryAfter)) &&
      !(Number.isSafeInteger(retryAfter) && (retryAfter as number) >= 0)
    )
      return {
        field: 'fault.retryAfter',
        problem: `must be a whole number of seconds (5) or a header value as a string ("5", an HTTP date), got ${shownValue(retryAfter)}`,
      };
  }
  if (acted !== undefined) {
    if (!ANSWER_FAULTS.includes(kind))
      return {
        field: 'fault.acted',
        problem: `is for ${ANSWER_FAULTS.join(', ')} only, not ${kind}`,
      };
    if (typeof acted !== 'boolean')
      return { field: 'fault.acted', problem: `must be true or false, got ${shownValue(acted)}` };
  }
  return undefined;
}

/** A path and query as WHATWG URL, and so every request, carries them (`/jobs x` is `/jobs%20x`). */
function asRequestsSendIt(pathPart: string, queryParts: readonly string[]): string {
  const { pathname } = new URL(`http://localhost${pathPart}`);
  if (queryParts.length === 0) return pathname;
  return `${pathname}?${new URL(`http://localhost/?${queryParts.join('?')}`).search.slice(1)}`;
}
