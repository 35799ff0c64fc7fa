import { parseDuration, type ReportOptions } from '@vbem/reporting';

/** What one EM's report crawls: job sessions from `sessionsSince`, task sessions from `since`. */
export interface CrawlWindow {
  /** The report's window start: task sessions are only needed for sessions in the window. */
  readonly since: Date;
  /**
   * The window start minus the largest RPO (the default or any job's): a job's last success may
   * be a session from before the window, and without it a job that succeeded just before the
   * window would be reported as breaching its RPO.
   */
  readonly sessionsSince: Date;
  readonly until: Date;
}

/** The largest RPO of the options, in seconds: the default (24 h when not given) or any job's. */
function largestRpoSeconds(rpo: ReportOptions['rpo'] = '24h'): number {
  if (typeof rpo === 'string') return parseDuration(rpo);
  let largest = parseDuration(rpo.default);
  for (const jobRpo of Object.values(rpo.jobs ?? {})) {
    largest = Math.max(largest, parseDuration(jobRpo));
  }
  return largest;
}

/** The window to crawl: the report's, so that both agree on what "in the window" means, and the RPO before it. */
export function crawlWindow(options: ReportOptions, now: Date): CrawlWindow {
  const until = options.to ?? now;
  const since =
    options.from ?? new Date(until.getTime() - parseDuration(options.since ?? '7d') * 1000);
  const sessionsSince = new Date(since.getTime() - largestRpoSeconds(options.rpo) * 1000);
  return { since, sessionsSince, until };
}
