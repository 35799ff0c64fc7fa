import { formatPercent } from '../format-percent.js';
import type { MissedJob, ReportTotals } from '../report.js';
import { formatAge } from './format-age.js';
import { formatDuration } from './format-duration.js';

/** What every table shows for an unknown value. */
export const NONE = '—';

/** `2d 4h ago`, or `—` when there was none. */
export const agoText = (seconds: number | null): string =>
  seconds === null ? NONE : `${formatAge(seconds)} ago`;

/** A missed job's RPO: `1d`, and `1d, breached` when its last success is older or unknown. */
export const missedRpoText = (job: MissedJob): string =>
  `${formatDuration(job.rpoSeconds)}${job.rpoBreached ? ', breached' : ''}`;

/** What the missed jobs section says of them: that some stopped running, when they did. */
export const missedJobsNote = (totals: ReportTotals): string =>
  totals.missedJobsBreachingRpo === 0
    ? 'Jobs with no session in the window.'
    : `Jobs with no session in the window; ${totals.missedJobsBreachingRpo} with a schedule breach their RPO.`;

/** `95.3%`, or `—` without finished runs. */
export const percentText = (ratio: number | null): string =>
  ratio === null ? NONE : formatPercent(ratio);

/** The totals table's headers, in the order of `totalsCells`. */
export const TOTALS_HEADERS = [
  'Jobs',
  'Runs',
  'Attempts',
  'Successful',
  'Warning',
  'Failed',
  'Running',
  'Without outcome',
  'Success rate',
  'Jobs breaching RPO',
  'VMs breaching RPO',
] as const;

/** The totals as display text, one cell per `TOTALS_HEADERS` entry; escaping is the renderer's. */
export const totalsCells = (totals: ReportTotals): string[] =>
  [
    totals.jobs,
    totals.runs,
    totals.attempts,
    totals.successfulRuns,
    totals.warningRuns,
    totals.failedRuns,
    totals.runningRuns,
    totals.runsWithoutOutcome,
    percentText(totals.successRate),
    totals.jobsBreachingRpo,
    totals.vmsBreachingRpo ?? NONE,
  ].map(String);
