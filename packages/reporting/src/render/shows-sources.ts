import type { SessionReport } from '../report.js';
import { answeredSources, sourceCount } from '../report-sources.js';

/**
 * Whether the report is of more than one source (a merge of several EMs, failed ones included):
 * its job, VM and backup server tables then name each row's, since two EMs may each have a job or
 * a server of the same name, and a reader must not take one EM's rows for another's even when
 * only one of them has a job in the report. Not without a named source that answered: its rows'
 * sources would all be `-` (a report of one EM whose failed sources are its backup servers).
 */
export const showsSources = (report: SessionReport): boolean =>
  answeredSources(report).length > 0 && sourceCount(report) > 1;
