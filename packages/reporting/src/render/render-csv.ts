import { checkOptionsObject, optionKeys } from '../options-object.js';
import type {
  DayReport,
  GroupReport,
  JobReport,
  MissedJob,
  SessionReport,
  VmReport,
} from '../report.js';
import { ReportError } from '../report-error.js';
import { checkReportObject } from '../report-object.js';
import { type CsvValue, csvRecord } from './csv-cell.js';
import { flagOption } from './render-option-values.js';

export type CsvTable = 'jobs' | 'vms' | 'days' | 'groups' | 'missedJobs';

export interface CsvRenderOptions {
  /** Which part of the report becomes rows (default `jobs`). */
  readonly table?: CsvTable | undefined;
  /**
   * Start with a UTF-8 byte order mark (default false), so that Excel reads non-ASCII names as
   * UTF-8; off by default, since scripts that parse the CSV would read it as part of the header.
   */
  readonly bom?: boolean | undefined;
}

const OPTION_KEYS = optionKeys<CsvRenderOptions>({ table: true, bom: true });

const BYTE_ORDER_MARK = '\uFEFF';

type CsvColumns<Row> = readonly (readonly [header: string, value: (row: Row) => CsvValue])[];

const JOB_COLUMNS: CsvColumns<JobReport> = [
  ['job_uid', (job) => job.jobUid],
  ['job_name', (job) => job.jobName],
  ['job_type', (job) => job.jobType],
  ['backup_server', (job) => job.backupServer],
  ['source', (job) => job.source],
  ['health', (job) => job.health],
  ['reasons', (job) => job.reasons.join('; ')],
  ['runs', (job) => job.runs],
  ['attempts', (job) => job.attempts],
  ['successful_runs', (job) => job.successfulRuns],
  ['warning_runs', (job) => job.warningRuns],
  ['failed_runs', (job) => job.failedRuns],
  ['success_rate', (job) => job.successRate],
  ['last_result', (job) => job.lastResult],
  ['last_run_at', (job) => job.lastRunAt],
  ['last_success_at', (job) => job.lastSuccessAt],
  ['last_success_age_seconds', (job) => job.lastSuccessAgeSeconds],
  ['rpo_seconds', (job) => job.rpoSeconds],
  ['rpo_breached', (job) => job.rpoBreached],
  ['consecutive_failures', (job) => job.consecutiveFailures],
  ['running_since', (job) => job.running?.since ?? null],
  ['running_elapsed_seconds', (job) => job.running?.elapsedSeconds ?? null],
  ['duration_p50_seconds', (job) => job.durations?.p50Seconds ?? null],
  ['duration_p95_seconds', (job) => job.durations?.p95Seconds ?? null],
  ['duration_max_seconds', (job) => job.durations?.maxSeconds ?? null],
  ['duration_samples', (job) => job.durations?.samples ?? null],
  ['slower_than_usual', (job) => job.slowerThanUsual],
  // Last, after the columns of earlier versions: a script may read them by position.
  ['runs_without_outcome', (job) => job.runsWithoutOutcome],
];

const VM_COLUMNS: CsvColumns<VmReport> = [
  ['vm_name', (vm) => vm.vmName],
  ['job_name', (vm) => vm.jobName],
  ['job_uid', (vm) => vm.jobUid],
  ['source', (vm) => vm.source],
  ['health', (vm) => vm.health],
  ['last_result', (vm) => vm.lastResult],
  ['last_run_at', (vm) => vm.lastRunAt],
  ['last_success_at', (vm) => vm.lastSuccessAt],
  ['last_success_age_seconds', (vm) => vm.lastSuccessAgeSeconds],
  ['rpo_seconds', (vm) => vm.rpoSeconds],
  ['rpo_breached', (vm) => vm.rpoBreached],
  ['top_failure_reason', (vm) => vm.failureReasons[0]?.normalized ?? null],
  ['top_failure_example', (vm) => vm.failureReasons[0]?.example ?? null],
  ['top_failure_count', (vm) => vm.failureReasons[0]?.count ?? null],
];

const DAY_COLUMNS: CsvColumns<DayReport> = [
  ['date', (day) => day.date],
  ['successful_runs', (day) => day.successfulRuns],
  ['warning_runs', (day) => day.warningRuns],
  ['failed_runs', (day) => day.failedRuns],
];

const GROUP_COLUMNS: CsvColumns<GroupReport> = [
  ['group_by', (group) => group.by],
  ['group_key', (group) => group.key],
  ['group_source', (group) => group.source],
  ['jobs', (group) => group.jobs],
  ['runs', (group) => group.runs],
  ['failed_runs', (group) => group.failedRuns],
  ['success_rate', (group) => group.successRate],
  ['jobs_breaching_rpo', (group) => group.jobsBreachingRpo],
];

const MISSED_JOB_COLUMNS: CsvColumns<MissedJob> = [
  ['job_uid', (job) => job.jobUid],
  ['job_name', (job) => job.jobName],
  ['job_type', (job) => job.jobType],
  ['source', (job) => job.source],
  ['schedule_enabled', (job) => job.scheduleEnabled],
  ['last_success_at', (job) => job.lastSuccessAt],
  ['last_success_age_seconds', (job) => job.lastSuccessAgeSeconds],
  ['rpo_seconds', (job) => job.rpoSeconds],
  ['rpo_breached', (job) => job.rpoBreached],
];

function csvTable<Row>(columns: CsvColumns<Row>, rows: readonly Row[]): string {
  const header = csvRecord(columns.map(([name]) => name));
  return header + rows.map((row) => csvRecord(columns.map(([, value]) => value(row)))).join('');
}

/**
 * One table of the report as RFC 4180 CSV (CRLF line ends, a header row, snake_case columns):
 * `jobs` (one row per job), `vms` (per VM, with its most frequent failure reason), `days`,
 * `groups` (per group of a grouped report, only the header row when it is not grouped), or
 * `missedJobs` (per job of the job list with no session in the window, only the header row
 * without a job list).
 * Instants stay ISO 8601 UTC, durations seconds, success rates ratios from 0 to 1; text cells are
 * neutralised against formula injection (see `csvCell`). No byte order mark unless `bom` is true.
 * Data only: a partial report (`failedSources`, `sourcesWithoutVms`) reads as a whole one here, so
 * the caller must say so elsewhere, as `vbem report` does (a warning and exit code 3).
 */
export function renderCsv(report: SessionReport, options: CsvRenderOptions = {}): string {
  checkReportObject(report, 'renderCsv');
  checkOptionsObject(options, 'renderCsv', OPTION_KEYS);
  const bom = flagOption('bom', options.bom);
  const csv = tableCsv(report, options.table ?? 'jobs');
  return bom ? `${BYTE_ORDER_MARK}${csv}` : csv;
}

function tableCsv(report: SessionReport, table: CsvTable): string {
  switch (table) {
    case 'jobs':
      return csvTable(JOB_COLUMNS, report.jobs);
    case 'vms':
      return csvTable(VM_COLUMNS, report.vms);
    case 'days':
      return csvTable(DAY_COLUMNS, report.days);
    case 'groups':
      return csvTable(GROUP_COLUMNS, report.groups);
    case 'missedJobs':
      return csvTable(MISSED_JOB_COLUMNS, report.missedJobs);
    default:
      throw new ReportError(
        'invalid-option',
        `table must be jobs, vms, days, groups or missedJobs, not ${JSON.stringify(table satisfies never)}`,
      );
  }
}
