import type { SessionReport } from '../report.js';

/**
 * Whether a report's jobs come from more than one source (a merge of several EMs): its job and VM
 * tables then name each row's, since two EMs may each have a job of the same name.
 */
export const showsSources = (report: SessionReport): boolean =>
  new Set([...report.jobs, ...report.missedJobs, ...report.vms].map((row) => row.source)).size > 1;
