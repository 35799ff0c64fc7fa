import { describeSeconds } from './describe-seconds.js';
import { formatPercent } from './format-percent.js';
import type { Health, RunResult, SuccessPolicy } from './report.js';
import { countsAsSuccess } from './run-result.js';

/** Below this success rate a job needs a look. */
const SUCCESS_RATE_FLOOR = 0.9;
/** From this many failures since the last success a job is critical even if the latest run did not fail. */
const FAILURE_STREAK_LIMIT = 2;

/** A run that took, or is taking, much longer than the runs before it. */
export interface Slowness {
  /** `finished`: the last finished run; `running`: the run still going. */
  readonly run: 'finished' | 'running';
  readonly seconds: number;
  /** The median of the finished runs before it that it was compared with. */
  readonly usualSeconds: number;
  /**
   * The local weekday (0 Sunday) of the run, when it was compared with the runs before it on that
   * weekday (the runs known reach back a week); otherwise null.
   */
  readonly weekday: number | null;
  /**
   * How long before the run the runs known to it began, when that is less than a week: a weekly
   * pattern (a full backup every Saturday) was not known. Null from a week on.
   */
  readonly historySeconds: number | null;
}

/** What a job's health follows from. */
export interface JobHealthFacts {
  readonly policy: SuccessPolicy;
  readonly lastResult: RunResult | null;
  readonly lastSuccessAgeSeconds: number | null;
  readonly rpoSeconds: number;
  readonly rpoBreached: boolean;
  /**
   * How long before `now` the job's first session given from before the window started; null
   * when none was given, so that the sessions read go back to the window's start only.
   */
  readonly sessionsForSeconds: number | null;
  readonly consecutiveFailures: number;
  /** A run that is neither success nor failure (Warning under `strict`) fell between those failures. */
  readonly failuresInterrupted: boolean;
  readonly successRate: number | null;
  readonly slowness: readonly Slowness[];
}

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

const WEEKDAYS = [
  'Sundays',
  'Mondays',
  'Tuesdays',
  'Wednesdays',
  'Thursdays',
  'Fridays',
  'Saturdays',
] as const;

function describeSlowness(slowness: Slowness): string {
  const { run, seconds, usualSeconds, weekday, historySeconds } = slowness;
  const took =
    run === 'running'
      ? `running for ${describeSeconds(seconds)}`
      : `last run took ${describeSeconds(seconds)}`;
  const usual =
    weekday !== null
      ? `longer than usual on ${WEEKDAYS[weekday]}`
      : historySeconds !== null
        ? `longer than usual (from ${describeSeconds(historySeconds)} of runs, less than a week)`
        : 'longer than usual';
  if (usualSeconds === 0) return `${took}, ${usual}`;
  return `${took}, ${oneDecimal(seconds / usualSeconds)} × ${usual}`;
}

/** A breach just past the RPO would read as equal to it once both are rounded: `more than` then. */
function rpoBreachReason(ageSeconds: number, rpoSeconds: number): string {
  const age = describeSeconds(ageSeconds);
  const rpo = describeSeconds(rpoSeconds);
  return age === rpo
    ? `no successful run for more than ${rpo} (RPO ${rpo})`
    : `no successful run for ${age} (RPO ${rpo})`;
}

/**
 * No success among the sessions read: in the window, or, with sessions given from before it, in
 * all the time they span (the window alone would understate it, and hint at a success before).
 */
function noSuccessReason(sessionsForSeconds: number | null, rpoSeconds: number): string {
  if (sessionsForSeconds === null) return 'no successful run in the window';
  const rpo = describeSeconds(rpoSeconds);
  // Sessions going back less than the RPO: "none in the last 2.5 h" would read as within it.
  if (sessionsForSeconds <= rpoSeconds)
    return `no successful run known (none since the first session read, ${describeSeconds(sessionsForSeconds)} ago; RPO ${rpo})`;
  return `no successful run in the last ${describeSeconds(sessionsForSeconds)} (RPO ${rpo})`;
}

/**
 * A job's health and the reasons for it, critical ones first. Critical: the RPO is breached, the
 * last finished run failed, or two or more runs failed since the last success. Warning: the last
 * run ended with a warning under `strict`, a run is much slower than usual, or the success rate is
 * below 90%, written as the renderers write rates (formatPercent). When the failures since the
 * last success all came in a row, `N failed runs in a row` already says the last run failed, and
 * `last run failed` is left out.
 */
export function assessJobHealth(facts: JobHealthFacts): { health: Health; reasons: string[] } {
  const critical: string[] = [];
  const warning: string[] = [];
  if (facts.rpoBreached) {
    critical.push(
      facts.lastSuccessAgeSeconds === null
        ? noSuccessReason(facts.sessionsForSeconds, facts.rpoSeconds)
        : rpoBreachReason(facts.lastSuccessAgeSeconds, facts.rpoSeconds),
    );
  }
  const failures = facts.consecutiveFailures;
  const failureStreak = failures >= FAILURE_STREAK_LIMIT;
  if (facts.lastResult === 'Failed' && !(failureStreak && !facts.failuresInterrupted)) {
    critical.push('last run failed');
  }
  if (failureStreak) {
    critical.push(
      facts.failuresInterrupted
        ? `${failures} failed runs without a success between them`
        : `${failures} failed runs in a row`,
    );
  }
  if (facts.lastResult === 'Warning' && !countsAsSuccess('Warning', facts.policy)) {
    warning.push('last run ended with a warning');
  }
  for (const slowness of facts.slowness) warning.push(describeSlowness(slowness));
  if (facts.successRate !== null && facts.successRate < SUCCESS_RATE_FLOOR) {
    // As the tables show it; a rate that rounds to the floor is only just below it.
    const rate = formatPercent(facts.successRate);
    const floor = `${SUCCESS_RATE_FLOOR * 100}%`;
    warning.push(
      rate === formatPercent(SUCCESS_RATE_FLOOR)
        ? `success rate ${rate} (just below ${floor})`
        : `success rate ${rate} (below ${floor})`,
    );
  }
  const health: Health = critical.length > 0 ? 'critical' : warning.length > 0 ? 'warning' : 'ok';
  return { health, reasons: [...critical, ...warning] };
}

/** A VM is critical when its RPO is breached or its last task failed, warning when that ended with a warning under `strict`. */
export function assessVmHealth(
  lastResult: RunResult | null,
  rpoBreached: boolean,
  policy: SuccessPolicy,
): Health {
  if (rpoBreached || lastResult === 'Failed') return 'critical';
  if (lastResult === 'Warning' && !countsAsSuccess('Warning', policy)) return 'warning';
  return 'ok';
}
