import type {
  JobStatisticsReportFrame,
  OverviewReportFrame,
  ProcessedVmsReportFrame,
  RepositoryReportFrame,
  SummaryReport,
  VmsOverviewReportFrame,
} from '@vbem/model';
import type { CallOptions, ResourceContext } from './resource-context.js';
import { SUMMARY_REPORT_FRAMES } from './summary-report-frames.js';

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
  const frame =
    <Path extends keyof typeof SUMMARY_REPORT_FRAMES>(path: Path) =>
    (options?: CallOptions) =>
      context.get(`reports/summary/${path}`, SUMMARY_REPORT_FRAMES[path], options);
  return {
    summary: (options) => context.get('reports/summary', 'SummaryReport', options),
    overview: frame('overview'),
    vmsOverview: frame('vms_overview'),
    jobStatistics: frame('job_statistics'),
    processedVms: frame('processed_vms'),
    repository: frame('repository'),
  };
}
