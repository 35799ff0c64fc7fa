import { DATE_TIME_MIN_MS } from '@vbem/model';
import { checkWindowDates } from './day-buckets.js';
import { checkOptionsObject } from './options-object.js';
import { REPORT_OPTION_KEYS, type ReportOptions } from './report-options.js';
import { resolveReportWindow } from './report-window.js';
import { RpoPolicy } from './rpo-policy.js';

/** What a report over some options reads: its window, and from when job sessions count. */
export interface ReportInputRange {
  /** The report's clock: `now`, or the system clock at the call. Give it to `buildReport` too. */
  readonly now: Date;
  /** Where the window starts. */
  readonly from: Date;
  /** Where the window ends (exclusive): no session created from here on counts. */
  readonly to: Date;
  /**
   * Where job and task sessions are needed from: `from` minus the largest RPO (the default or any
   * job's), not before 0001-01-01. A job's or a VM's last success may be a session from before the
   * window, and without it a job that succeeded just before the window would be reported as
   * breaching its RPO.
   * EM selects sessions by creation time, so a success that ran longer than the window (from
   * `from` to `now`) and started before this is missed, and its job reported as breaching. A
   * success that ended before this breaches every RPO anyway: the report then shows no last
   * success rather than its date (crawl further back for either).
   */
  readonly sessionsFrom: Date;
  /**
   * Where job sessions are needed from for what is usual for a run's duration: a week and a day
   * before `from` (`sessionsFrom` when that is earlier), not before 0001-01-01, so that every run
   * of the window is compared with the runs of its weekday a week before (a Saturday's full
   * backup with the last Saturday's; see "Slower than usual"). Job sessions only: task sessions
   * before `sessionsFrom` add nothing.
   */
  readonly historyFrom: Date;
}

/** How far before the window job sessions give what is usual: a week, and a day for its dates. */
const HISTORY_MS = 8 * 86_400_000;

/**
 * The sessions a report with these options needs, for a crawl to fetch no more and no less:
 * job sessions created in `[historyFrom, to)` and task sessions in `[sessionsFrom, to)`; job
 * sessions from `sessionsFrom` when what is usual may be of the window's runs only. Resolves the
 * window as `buildReport` does (same defaults), and throws the same ReportError
 * (`invalid-option`) for a bad window, time zone or RPO, or options that are no object.
 */
export function reportInputRange(options: ReportOptions = {}): ReportInputRange {
  checkOptionsObject(options, 'reportInputRange', REPORT_OPTION_KEYS);
  const { nowMs, fromMs, toMs } = resolveReportWindow(options);
  checkWindowDates(fromMs, toMs, options.timeZone ?? 'UTC');
  const largestRpoMs = new RpoPolicy(options.rpo).largestSeconds * 1000;
  return {
    now: new Date(nowMs),
    from: new Date(fromMs),
    to: new Date(toMs),
    sessionsFrom: new Date(Math.max(DATE_TIME_MIN_MS, fromMs - largestRpoMs)),
    historyFrom: new Date(Math.max(DATE_TIME_MIN_MS, fromMs - Math.max(largestRpoMs, HISTORY_MS))),
  };
}
