import { createHash } from 'node:crypto';
import { summaryFiguresAt } from '../representation/summary-figures-cache.js';
import { summaryReport } from '../representation/summary-report.js';
import type { RequestContext, RouteHandler } from './request-context.js';

/** A stable report definition id per dataset and report, as EM links its web reports. */
function reportId(context: RequestContext, report: string): string {
  const hex = createHash('sha256')
    .update(`${context.state.dataset.options.seed}/${report}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const figures = (context: RequestContext) => summaryFiguresAt(context.state.stops, context.atClock);

export const getSummaryReport: RouteHandler = (context) =>
  context.respond.send(200, 'SummaryReport', summaryReport(context.apiBase));

export const getOverviewFrame: RouteHandler = (context) =>
  context.respond.send(200, 'OverviewReportFrame', figures(context).overview());

export const getVmsOverviewFrame: RouteHandler = (context) =>
  context.respond.send(
    200,
    'VmsOverviewReportFrame',
    figures(context).vmsOverview(reportId(context, 'ProtectedVms')),
  );

export const getJobStatisticsFrame: RouteHandler = (context) =>
  context.respond.send(
    200,
    'JobStatisticsReportFrame',
    figures(context).jobStatistics(reportId(context, 'BackupJobStatus')),
  );

export const getProcessedVmsFrame: RouteHandler = (context) =>
  context.respond.send(200, 'ProcessedVmsReportFrame', figures(context).processedVms());

export const getRepositoryFrame: RouteHandler = (context) =>
  context.respond.send(
    200,
    'RepositoryReportFrame',
    figures(context).repository(reportId(context, 'CapacityPlanning')),
  );
