import type { SummaryReport } from '@vbem/model';

/** `GET /reports/summary`: links to the five frames. */
export function summaryReport(apiBase: string): SummaryReport {
  const frame = (path: string, name: string) => ({
    Href: `${apiBase}reports/summary/${path}`,
    Name: name,
    Type: 'ReportFrame',
    Rel: 'Down',
  });
  return {
    Links: [
      frame('overview', 'Overview'),
      frame('vms_overview', 'VmsOverview'),
      frame('job_statistics', 'JobStatistics'),
      frame('processed_vms', 'ProcessedVms'),
      frame('repository', 'Repositories'),
    ],
  };
}
