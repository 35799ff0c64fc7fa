import type {
  JobStatisticsReportFrame,
  OverviewReportFrame,
  ProcessedVmsReportFrame,
  RepositoryReportFrame,
  SummaryReport,
  VmsOverviewReportFrame,
} from '@vbem/model';
import type { CallOptions, ResourceContext } from './resource-context.js';

/** EM's summary report (`/reports/summary`) and each of its frames. */
export interface Reports {
  summary(options?: CallOptions): Promise<SummaryReport>;
  overview(options?: CallOptions): Promise<OverviewReportFrame>;
  vmsOverview(options?: CallOptions): Promise<VmsOverviewReportFrame>;
  jobStatistics(options?: CallOptions): Promise<JobStatisticsReportFrame>;
  processedVms(options?: CallOptions): Promise<ProcessedVmsReportFrame>;
  repository(options?: CallOptions): Promise<RepositoryReportFrame>;
}

export function reports(context: ResourceContext): Reports {
  return {
    summary: (options) => context.get('reports/summary', 'SummaryReport', options),
    overview: (options) => context.get('reports/summary/overview', 'OverviewReportFrame', options),
    vmsOverview: (options) =>
      context.get('reports/summary/vms_overview', 'VmsOverviewReportFrame', options),
    jobStatistics: (options) =>
      context.get('reports/summary/job_statistics', 'JobStatisticsReportFrame', options),
    processedVms: (options) =>
      context.get('reports/summary/processed_vms', 'ProcessedVmsReportFrame', options),
    repository: (options) =>
      context.get('reports/summary/repository', 'RepositoryReportFrame', options),
  };
}
