/** The frames of EM's summary report, by the last segment of their path under `reports/summary/`. */
export const SUMMARY_REPORT_FRAMES = {
  overview: 'OverviewReportFrame',
  vms_overview: 'VmsOverviewReportFrame',
  job_statistics: 'JobStatisticsReportFrame',
  processed_vms: 'ProcessedVmsReportFrame',
  repository: 'RepositoryReportFrame',
} as const;
