import type {
  JobStatisticsReportFrame,
  OverviewReportFrame,
  ProcessedVmsReportFrame,
  RepositoryReportFrame,
  SummaryReport,
  VmsOverviewReportFrame,
} from '@vbem/model';
import { type CallOptions, checkedCallOptions, type ResourceContext } from './resource-context.js';
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
    <Path extends keyof typeof SUMMARY_REPORT_FRAMES>(method: keyof Reports, path: Path) =>
    async (options?: CallOptions) =>
      context.get(
        `reports/summary/${path}`,
        SUMMARY_REPORT_FRAMES[path],
        checkedCallOptions(options, `reports.${method}()`),
      );
  return {
    summary: async (options) =>
      context.get(
        'reports/summary',
        'SummaryReport',
        checkedCallOptions(options, 'reports.summary()'),
      ),
    overview: frame('overview', 'overview'),
    vmsOverview: frame('vmsOverview', 'vms_overview'),
    jobStatistics: frame('jobStatistics', 'job_statistics'),
    processedVms: frame('processedVms', 'processed_vms'),
    repository: frame('repository', 'repository'),
  };
}
