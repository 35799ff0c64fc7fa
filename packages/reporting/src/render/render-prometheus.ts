import { shownValue } from '@vbem/model';
import { checkOptionsObject, optionKeys } from '../options-object.js';
import type { JobReport, MissedJob, RunResult, SessionReport } from '../report.js';
import { ReportError } from '../report-error.js';
import { checkReportObject } from '../report-object.js';
import { answeredSources } from '../report-sources.js';
import { escapeLabelValue } from './escape-prometheus-label.js';

export interface PrometheusRenderOptions {
  /** Start of every metric name (default `vbem`), a valid metric name itself. */
  readonly prefix?: string | undefined;
}

const OPTION_KEYS = optionKeys<PrometheusRenderOptions>({ prefix: true });

type Labels = readonly (readonly [name: string, value: string])[];

interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

interface JobMetric {
  readonly name: string;
  readonly help: string;
  /** The job's samples, beyond its identifying labels; none when the value is unknown. */
  readonly samples: (job: JobReport) => readonly Sample[];
  /**
   * The samples of a job of the job list with no session in the window, as far as they are known:
   * a job that stops running keeps its series, so that an alert on them does not clear.
   */
  readonly missedSamples?: (job: MissedJob) => readonly Sample[];
}

const METRIC_PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RESULT_CODE: Readonly<Record<RunResult, number>> = { Success: 0, Warning: 1, Failed: 2 };

const one = (value: number | null | undefined): Sample[] =>
  value === null || value === undefined ? [] : [{ labels: [], value }];
const unixSeconds = (iso: string): number => Date.parse(iso) / 1000;
const flag = (value: boolean): number => (value ? 1 : 0);

const JOB_METRICS: readonly JobMetric[] = [
  {
    name: 'job_last_result',
    help: 'Result of the last finished run in the window: 0 success, 1 warning, 2 failed, -1 none.',
    samples: (job) => one(job.lastResult === null ? -1 : RESULT_CODE[job.lastResult]),
    missedSamples: () => one(-1),
  },
  {
    name: 'job_last_success_timestamp_seconds',
    help: 'Unix time of the end of the last run that counts as a success under the policy, in the window or before it; absent without one.',
    samples: (job) => one(job.lastSuccessAt === null ? null : unixSeconds(job.lastSuccessAt)),
    missedSamples: (job) => one(job.lastSuccessAt === null ? null : unixSeconds(job.lastSuccessAt)),
  },
  {
    name: 'job_runs',
    help: 'Runs in the window by result, retries folded into their run.',
    samples: (job) => [
      { labels: [['result', 'success']], value: job.successfulRuns },
      { labels: [['result', 'warning']], value: job.warningRuns },
      { labels: [['result', 'failed']], value: job.failedRuns },
    ],
    missedSamples: () => [
      { labels: [['result', 'success']], value: 0 },
      { labels: [['result', 'warning']], value: 0 },
      { labels: [['result', 'failed']], value: 0 },
    ],
  },
  {
    name: 'job_success_ratio',
    help: 'Finished runs that count as a success under the policy, over finished runs; absent without finished runs.',
    samples: (job) => one(job.successRate),
  },
  {
    name: 'job_consecutive_failures',
    help: 'Failed runs since the last run that counts as a success.',
    samples: (job) => one(job.consecutiveFailures),
  },
  {
    name: 'job_running',
    help: '1 while a run of the job is in progress, else 0.',
    samples: (job) => one(flag(job.running !== null)),
    missedSamples: () => one(0),
  },
  {
    name: 'job_rpo_seconds',
    help: 'The RPO the job is held to.',
    samples: (job) => one(job.rpoSeconds),
    missedSamples: (job) => one(job.rpoSeconds),
  },
  {
    name: 'job_rpo_breached',
    help: '1 when the last success is older than the RPO (or missing), else 0; a job of the job list with no session in the window included.',
    samples: (job) => one(flag(job.rpoBreached)),
    missedSamples: (job) => one(flag(job.rpoBreached)),
  },
  {
    name: 'job_missed',
    help: '1 for a job of the job list with no session in the window, 0 for a job with one.',
    samples: () => one(0),
    missedSamples: () => one(1),
  },
  {
    name: 'job_duration_p50_seconds',
    help: 'Median duration of the finished runs in the window; absent without finished runs.',
    samples: (job) => one(job.durations?.p50Seconds),
  },
  {
    name: 'job_duration_p95_seconds',
    help: '95th percentile duration of the finished runs in the window; absent without finished runs.',
    samples: (job) => one(job.durations?.p95Seconds),
  },
  {
    name: 'job_duration_max_seconds',
    help: 'Longest duration of the finished runs in the window; absent without finished runs.',
    samples: (job) => one(job.durations?.maxSeconds),
  },
];

// job_uid keeps series unique: two jobs of one name on one server would otherwise collide, and
// node_exporter rejects a textfile with duplicate series. job_name, not job: Prometheus gives every
// scraped series its target's job label and renames a series' own to exported_job.
const jobLabels = (job: JobReport | MissedJob): Labels => [
  ['job_name', job.jobName],
  ['job_uid', job.jobUid],
  ['job_type', job.jobType],
  ['backup_server', job.backupServer ?? ''],
  ['source', job.source ?? ''],
];

/** The labels of the missed jobs' own two families: a job's, but for `backup_server`. */
const missedJobLabels = (job: MissedJob): Labels =>
  jobLabels(job).filter(([name]) => name !== 'backup_server');

function byLabels(a: Labels, b: Labels): number {
  for (const [index, [, value]] of a.entries()) {
    const other = b[index]?.[1] ?? '';
    if (value !== other) return value < other ? -1 : 1;
  }
  return 0;
}

const labelText = (labels: Labels): string =>
  labels.map(([label, value]) => `${label}="${escapeLabelValue(value)}"`).join(',');

/** A sample as written: its labels already in text (`a="1",b="2"`), empty without any. */
interface WrittenSample {
  readonly labels: string;
  readonly value: number;
}

function family(name: string, help: string, samples: readonly WrittenSample[]): string {
  const lines = samples
    .filter((sample) => Number.isFinite(sample.value))
    .map(
      (sample) => `${name}${sample.labels === '' ? '' : `{${sample.labels}}`} ${sample.value}\n`,
    );
  if (lines.length === 0) return '';
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${lines.join('')}`;
}

const unlabelled = (samples: readonly Sample[]): WrittenSample[] =>
  samples.map((sample) => ({ labels: labelText(sample.labels), value: sample.value }));

/** The failed sources that are EMs (not part of another source), by name. */
const failedEms = (report: SessionReport): Set<string> =>
  new Set(
    report.failedSources
      .filter((failed) => failed.source === undefined)
      .map((failed) => failed.name),
  );

/**
 * A sample per named source, sorted by source then backup server: a failed one keeps a series (0)
 * that alerts can be routed by, where its job series are gone. A failed part of a source that
 * answered (a backup server its EM could not reach) is labelled with that source and
 * `backup_server`, as the job series are, so that it reads neither as an EM nor as one named like
 * it. Rows without a source add none: there is no name to route by, and a report of one unnamed
 * source would gain a series that says nothing.
 */
function sourceSamples(report: SessionReport): WrittenSample[] {
  const failed = failedEms(report);
  // A name both answered and failed itself is down.
  const up = new Map<string, number>([
    ...answeredSources(report).map((name) => [name, 1] as const),
    ...[...failed].map((name) => [name, 0] as const),
  ]);
  const servers = new Map<string, Labels>();
  for (const { name, source } of report.failedSources) {
    if (source !== undefined) {
      servers.set(JSON.stringify([source, name]), [
        ['source', source],
        ['backup_server', name],
      ]);
    }
  }
  return [
    ...[...up].map(([name, value]) => ({ labels: [['source', name]] as Labels, value })),
    ...[...servers.values()].map((labels) => ({ labels, value: 0 })),
  ]
    .sort((a, b) => byLabels(a.labels, b.labels))
    .map(({ labels, value }) => ({ labels: labelText(labels), value }));
}

/**
 * A sample per named source whose VMs the report assessed, sorted by name: 0 for those whose task
 * sessions could not be read (`sourcesWithoutVms`), 1 for the others that answered. None when no
 * VMs were assessed (`vbem report --no-tasks`): 1 would say they were in the report, 0 that their
 * tasks failed. Failed sources have `source_up` 0 instead.
 */
function vmsKnownSamples(report: SessionReport): WrittenSample[] {
  const without = new Set((report.sourcesWithoutVms ?? []).map((source) => source.name));
  if (without.size === 0 && report.totals.vmsBreachingRpo === null) return [];
  const failed = failedEms(report);
  const known = new Map<string, number>([
    ...answeredSources(report)
      .filter((name) => !failed.has(name))
      .map((name) => [name, 1] as const),
    ...[...without].map((name) => [name, 0] as const),
  ]);
  return [...known]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ labels: labelText([['source', name]]), value }));
}

/**
 * The report as Prometheus text exposition format 0.0.4, for node_exporter's textfile collector:
 * two report gauges, `source_up` per named source (1 answered, 0 failed; none for a report without
 * a source) and per failed backup server of a source that answered (0, labelled `source` and
 * `backup_server`), `source_vms_known` per named source that answered (1 when its VMs are in the report, 0
 * when its task sessions could not be read; none when no VMs were assessed), then per job gauges labelled `job_name`, `job_uid`, `job_type`, `backup_server`
 * and `source` (empty when the report does not say; not `job`, which Prometheus sets itself), of
 * the jobs and, as far as they are known, of the missed jobs (`job_missed` 1), then the missed jobs'
 * own two families. Every metric is a gauge, counts included, as they are of
 * the window rather than ever-growing. Families come in a fixed order, jobs sorted by their
 * labels, and a sample whose value is unknown is left out rather than written as NaN. A grouped
 * report's groups add no series: every job series has `job_type`, `backup_server` and `source`
 * labels, so that `sum by (source, backup_server) (vbem_job_runs)` gives the group totals.
 */
export function renderPrometheus(
  report: SessionReport,
  options: PrometheusRenderOptions = {},
): string {
  checkReportObject(report, 'renderPrometheus');
  checkOptionsObject(options, 'renderPrometheus', OPTION_KEYS);
  const prefix = options.prefix ?? 'vbem';
  if (typeof prefix !== 'string' || !METRIC_PREFIX.test(prefix)) {
    throw new ReportError(
      'invalid-option',
      `prefix must be a metric name ([a-zA-Z_][a-zA-Z0-9_]*), not ${shownValue(prefix)}`,
    );
  }
  // Each job's labels are escaped once, not once for each of its samples.
  // A missed job has the job series that are known of it, with the same labels.
  const jobs = [
    ...report.jobs.map((job) => ({
      labels: jobLabels(job),
      samples: (metric: JobMetric) => metric.samples(job),
    })),
    ...report.missedJobs.map((job) => ({
      labels: jobLabels(job),
      samples: (metric: JobMetric) => metric.missedSamples?.(job) ?? [],
    })),
  ]
    .sort((a, b) => byLabels(a.labels, b.labels))
    .map(({ labels, samples }) => ({ labels: labelText(labels), samples }));
  // The missed jobs' own families keep the labels they had before `job_missed`, without
  // `backup_server`: a new label would make their series new ones and reset alerts on them.
  const missed = report.missedJobs
    .map((job) => ({ job, labels: missedJobLabels(job) }))
    .sort((a, b) => byLabels(a.labels, b.labels))
    .map(({ job, labels }) => ({ job, labels: labelText(labels) }));

  return [
    family(
      `${prefix}_report_generated_timestamp_seconds`,
      'Unix time the report was built at.',
      unlabelled(one(unixSeconds(report.generatedAt))),
    ),
    family(
      `${prefix}_report_failed_sources`,
      'Sources (EMs, backup servers) that failed to answer; the report lacks their jobs.',
      unlabelled(one(report.failedSources.length)),
    ),
    family(
      `${prefix}_source_up`,
      'Per named source (EM): 1 when it answered, 0 when it failed and the report lacks its jobs; per backup server a source that answered could not reach (labelled backup_server too): 0.',
      sourceSamples(report),
    ),
    family(
      `${prefix}_source_vms_known`,
      'Per named source (EM) that answered: 1 when its VMs are in the report, 0 when its task sessions could not be read and the report lacks its VMs; absent when no VMs were assessed.',
      vmsKnownSamples(report),
    ),
    ...JOB_METRICS.map((metric) =>
      family(
        `${prefix}_${metric.name}`,
        metric.help,
        jobs.flatMap(({ labels, samples }) =>
          samples(metric).map((sample) => ({
            labels: sample.labels.length === 0 ? labels : `${labels},${labelText(sample.labels)}`,
            value: sample.value,
          })),
        ),
      ),
    ),
    family(
      `${prefix}_missed_job_rpo_breached`,
      'Jobs of the job list with no session in the window: 1 when the last success before it is older than the RPO, or none was seen, else 0.',
      missed.map(({ job, labels }) => ({ labels, value: flag(job.rpoBreached) })),
    ),
    family(
      `${prefix}_missed_job_last_success_timestamp_seconds`,
      'Jobs of the job list with no session in the window: Unix time of the last success seen before it; absent without one.',
      missed.flatMap(({ job, labels }) =>
        job.lastSuccessAt === null ? [] : [{ labels, value: unixSeconds(job.lastSuccessAt) }],
      ),
    ),
  ].join('');
}
