import {
  formatDuration,
  type JobReport,
  jobLabeller,
  type MissedJob,
  type SessionReport,
  type SuccessPolicy,
} from '@vbem/reporting';
import type { EmFailure } from '../every-em-failed.js';
import { jobNamesNotFound, sameJobName } from '../job-names.js';
import { emFailuresAfter } from './em-failures-text.js';
import { listedWithin } from './listed-within.js';
import { type NagiosState, type PerfDatum, statusText } from './nagios.js';

/** What the check holds the report to. */
export interface CheckRules {
  /** Failed runs not followed by a success, over all jobs, that are still only a warning. */
  readonly maxFailed: number;
  readonly policy: SuccessPolicy;
  /** The window as the user wrote it (`24h`), for messages. */
  readonly since: string;
  /** The RPO as the user wrote it and in seconds. */
  readonly rpo: string;
  readonly rpoSeconds: number;
  /** Jobs asked for with --job: each must exist, and is checked even without a schedule. */
  readonly jobNames: readonly string[];
  /** Several EMs (--all): job names get their EM, and the EM counts are in the perfdata. */
  readonly sources: number;
  /**
   * With --all, the EMs that failed and how (each with its own error, cut by a time limit, or not
   * started); without it, the report's failed sources, each with its error, stand for them.
   */
  readonly emFailures?: readonly EmFailure[];
}

export type Level = 'ok' | 'warning' | 'critical';

/** One job's verdict and why. */
export interface JobVerdict {
  readonly name: string;
  readonly level: Level;
  readonly reasons: readonly string[];
}

export interface CheckOutcome {
  readonly state: NagiosState;
  readonly summary: string;
  /** Empty for UNKNOWN: nothing was judged. */
  readonly perfdata: readonly PerfDatum[];
  /** Every job checked, most urgent first. */
  readonly verdicts: readonly JobVerdict[];
}

/** A summary stops listing jobs past this length, with `and N more`. */
const SUMMARY_BUDGET = 200;
const NAME_BUDGET = 40;
const REASONS_SHOWN = 2;

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

const shortName = (name: string): string =>
  name.length <= NAME_BUDGET ? name : `${name.slice(0, NAME_BUDGET - 1)}…`;

/** Failures since the last success, in words. */
function failureText(job: JobReport, policy: SuccessPolicy): string {
  const count = job.consecutiveFailures;
  if (count === 1 && job.lastResult === 'Failed') return 'last run failed';
  // Under warning-is-success a Warning run ends the count, so the failures are in a row; under
  // strict a Warning run between them does not, and "in a row" could be wrong.
  if (policy === 'warning-is-success' && job.lastResult === 'Failed') {
    return `failed ${count} times in a row`;
  }
  return `${plural(count, 'failed run')} since the last success`;
}

/** How the check names a job: with its EM when there are several, and told apart from its namesakes. */
function namerOf(report: SessionReport, rules: CheckRules): (job: JobReport | MissedJob) => string {
  const label = jobLabeller(report);
  return (job) => (rules.sources > 1 && job.source ? `${job.source}: ${label(job)}` : label(job));
}

function jobVerdict(
  job: JobReport,
  name: string,
  rules: CheckRules,
  failuresCritical: boolean,
): JobVerdict {
  const critical: string[] = [];
  const warning: string[] = [];
  if (job.rpoBreached) {
    critical.push(
      job.lastSuccessAgeSeconds === null
        ? `no success in ${rules.since}`
        : `no success for ${formatDuration(job.lastSuccessAgeSeconds)}`,
    );
  }
  if (job.consecutiveFailures > 0) {
    (failuresCritical ? critical : warning).push(failureText(job, rules.policy));
  }
  const recovered = job.failedRuns - job.consecutiveFailures;
  if (recovered > 0) warning.push(`${plural(recovered, 'failed run')} recovered`);
  if (job.lastResult === 'Warning') warning.push('last run warning');
  const level: Level = critical.length > 0 ? 'critical' : warning.length > 0 ? 'warning' : 'ok';
  return { name, level, reasons: [...critical, ...warning] };
}

/** `A (reason, reason), B (reason) and 3 more`, within the summary budget but at least one. */
const listed = (verdicts: readonly JobVerdict[], budget: number): string =>
  listedWithin(
    verdicts.map((verdict) => ({
      text: `${shortName(verdict.name)} (${verdict.reasons.slice(0, REASONS_SHOWN).join(', ')})`,
    })),
    budget,
  );

/**
 * The EMs that failed, for the status line, where a monitoring system shows it (stderr, which
 * has each EM's whole error, is often lost): their count, and `listed(head)`: `head` then each EM
 * with its own error in the room the status line has left (`and 3 more`); undefined when none failed.
 */
function failedSourcesText(
  report: SessionReport,
  rules: CheckRules,
): { count: string; listed: (head: string) => string } | undefined {
  if (report.failedSources.length === 0) return undefined;
  const failures =
    rules.emFailures !== undefined && rules.emFailures.length > 0
      ? rules.emFailures
      : report.failedSources.map(({ name, error }) => ({ name, error, how: 'failed' as const }));
  const total = Math.max(rules.sources, failures.length);
  return {
    count: `${failures.length} of ${plural(total, 'EM')} failed`,
    listed: (head) => emFailuresAfter(head, failures),
  };
}

/**
 * The check's state from a session report (built over a window at least as long as the RPO, under
 * `rules.policy`), by these rules:
 *
 * - failed runs = the sum over jobs of `consecutiveFailures`: failed runs in the window not followed
 *   by a run that counts as a success.
 * - CRITICAL: a job breaches its RPO (no success in the window, or the last one is older than the
 *   RPO), or failed runs > maxFailed; then every job with such failures is critical.
 * - WARNING: failed runs within maxFailed (1..maxFailed); a failed run that a later success
 *   recovered; the last finished run ended with a warning (under either policy); a job with a
 *   schedule (or asked for with --job) and no session in the window, CRITICAL when its last success
 *   before the window is older than the RPO or none was seen; an EM that failed, named with its
 *   own error on the status line.
 * - OK otherwise. UNKNOWN when a job asked for with --job exists on no EM.
 */
export function assessCheck(report: SessionReport, rules: CheckRules): CheckOutcome {
  const missingNames = jobNamesNotFound(report, rules.jobNames);
  const sources = failedSourcesText(report, rules);
  if (missingNames.length > 0) {
    const noJob = `no job named ${missingNames.map((name) => JSON.stringify(name)).join(', ')}`;
    return {
      state: 'UNKNOWN',
      summary: sources === undefined ? noJob : `${sources.listed(`${noJob} (${sources.count}: `)})`,
      perfdata: [],
      verdicts: [],
    };
  }

  const failedRuns = report.jobs.reduce((sum, job) => sum + job.consecutiveFailures, 0);
  const failuresCritical = failedRuns > rules.maxFailed;
  const nameOf = namerOf(report, rules);
  const verdicts: JobVerdict[] = report.jobs.map((job) =>
    jobVerdict(job, nameOf(job), rules, failuresCritical),
  );
  const missed = report.missedJobs.filter(
    (job) => job.scheduleEnabled || rules.jobNames.some((name) => sameJobName(name, job.jobName)),
  );
  for (const job of missed) {
    const name = nameOf(job);
    const noRun = `no run in ${rules.since}`;
    if (!job.rpoBreached) {
      verdicts.push({ name, level: 'warning', reasons: [noRun] });
      continue;
    }
    // A job that stopped running breaches its RPO as surely as one that fails.
    const age = job.lastSuccessAgeSeconds;
    verdicts.push({
      name,
      level: 'critical',
      reasons: [age === null ? 'no success seen' : `no success for ${formatDuration(age)}`, noRun],
    });
  }
  const order: Readonly<Record<Level, number>> = { critical: 0, warning: 1, ok: 2 };
  // Stable: within a level the report's urgency order stays, missed jobs after the jobs that ran.
  verdicts.sort((a, b) => order[a.level] - order[b.level]);

  const critical = verdicts.filter((verdict) => verdict.level === 'critical');
  const warning = verdicts.filter((verdict) => verdict.level === 'warning');
  const total = verdicts.length;
  const failedSources = report.failedSources.map((source) => source.name);

  let state: NagiosState;
  let summary: string;
  if (critical.length > 0) {
    state = 'CRITICAL';
    summary = `${critical.length} of ${plural(total, 'job')} critical: ${listed(critical, SUMMARY_BUDGET)}`;
    if (warning.length > 0) summary += `; ${warning.length} warning`;
    // The count first: a long list is cut at its budget, never the count.
    if (sources) summary = sources.listed(`${summary}; ${sources.count}: `);
  } else if (warning.length > 0) {
    state = 'WARNING';
    summary = `${warning.length} of ${plural(total, 'job')} warning: ${listed(warning, SUMMARY_BUDGET)}`;
    if (sources) summary = sources.listed(`${summary}; ${sources.count}: `);
  } else if (sources) {
    state = 'WARNING';
    summary = sources.listed(`${sources.count}, ${plural(total, 'job')} ok on the others: `);
  } else {
    state = 'OK';
    summary =
      total === 0
        ? `no jobs ran in ${rules.since}`
        : `${total === 1 ? '1 job' : `all ${total} jobs`} ok (RPO ${rules.rpo}, no failed runs)`;
  }

  const ages = [...report.jobs, ...missed].map((job) => job.lastSuccessAgeSeconds);
  const oldest =
    ages.length === 0 || ages.some((age) => age === null)
      ? null
      : // A loop, not Math.max(...ages): one argument per job overflows the stack at ~125,000 jobs.
        Math.round((ages as number[]).reduce((oldest, age) => Math.max(oldest, age), 0));
  const perfdata: PerfDatum[] = [
    { label: 'jobs', value: total, min: 0 },
    { label: 'ok', value: total - critical.length - warning.length, min: 0 },
    { label: 'warning', value: warning.length, min: 0 },
    { label: 'critical', value: critical.length, min: 0 },
    { label: 'missed', value: missed.length, warn: 0, min: 0 },
    { label: 'failed_runs', value: failedRuns, warn: 0, crit: rules.maxFailed, min: 0 },
    {
      label: 'oldest_success_age',
      value: oldest,
      ...(oldest === null ? {} : { uom: 's' }),
      crit: rules.rpoSeconds,
      min: 0,
    },
  ];
  if (rules.sources > 1) {
    perfdata.push(
      { label: 'ems', value: rules.sources, min: 0 },
      { label: 'ems_failed', value: failedSources.length, warn: 0, min: 0 },
    );
  }
  return { state, summary: statusText(summary), perfdata, verdicts };
}
