export { buildReport } from './build-report.js';
export { mergeReports } from './merge-reports.js';
export { parseDuration } from './parse-duration.js';
export { type CsvValue, csvCell, csvRecord } from './render/csv-cell.js';
export { formatDuration } from './render/format-duration.js';
export { inertJson } from './render/inert-json.js';
export { type JobRow, jobLabeller } from './render/job-labels.js';
export { type CsvRenderOptions, type CsvTable, renderCsv } from './render/render-csv.js';
export { type HtmlRenderOptions, renderHtml } from './render/render-html.js';
export { type JsonRenderOptions, renderJson } from './render/render-json.js';
export { type MarkdownRenderOptions, renderMarkdown } from './render/render-markdown.js';
export { type PrometheusRenderOptions, renderPrometheus } from './render/render-prometheus.js';
export {
  type NarrowStep,
  renderTable,
  type TableRenderOptions,
  type TextColumn,
} from './render/render-table.js';
export { renderText, type TextRenderOptions } from './render/render-text.js';
export { toSingleLine } from './render/single-line.js';
export type {
  DayReport,
  DurationStats,
  FailedSource,
  FailureReason,
  GroupReport,
  Health,
  JobReport,
  MissedJob,
  ReportTotals,
  ReportWindow,
  RunningSession,
  RunResult,
  SessionReport,
  SourceWithoutVms,
  SuccessPolicy,
  VmReport,
} from './report.js';
export { ReportError } from './report-error.js';
export type {
  ReportInput,
  ReportJob,
  ReportJobSession,
  ReportTaskSession,
  Source,
} from './report-input.js';
export { type ReportInputRange, reportInputRange } from './report-input-range.js';
export type { ReportOptions } from './report-options.js';
