import { checkOptionsObject, optionKeys } from '../options-object.js';
import type { Health, JobReport, RunResult, SessionReport, SuccessPolicy } from '../report.js';
import { checkReportObject } from '../report-object.js';
import { failedSourceName } from './failed-source-name.js';
import { formatDuration } from './format-duration.js';
import { formatInstant } from './format-instant.js';
import {
  GROUP_HEADERS,
  type GroupTable,
  groupCells,
  groupKeyText,
  groupTables,
} from './group-tables.js';
import { dailyOutcomesChart } from './html-daily-outcomes-chart.js';
import { escapeHtml as h } from './html-escape.js';
import { HTML_REPORT_STYLES } from './html-styles.js';
import { type HtmlColumn, htmlTable } from './html-table.js';
import { jobLabeller } from './job-labels.js';
import { limitedRows, listLimit } from './list-limit.js';
import { partialNotices } from './partial-notices.js';
import { textOption } from './render-option-values.js';
import {
  agoText,
  missedJobsNote,
  missedRpoText,
  NONE,
  percentText,
  TOTALS_HEADERS,
  totalsCells,
} from './report-cells.js';
import { showsSources } from './shows-sources.js';
import { topFailureReasons } from './top-failure-reasons.js';

export interface HtmlRenderOptions {
  /** The document's title and heading (default `Session report`). */
  readonly title?: string | undefined;
  /** Entries each list shows: VMs breaching RPO, failure reasons, missed jobs (default 10). */
  readonly top?: number | undefined;
}

const OPTION_KEYS = optionKeys<HtmlRenderOptions>({ title: true, top: true });

/** Nothing may be fetched or run; only the inline stylesheet and inline images may apply. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const POLICY_NOTES: Readonly<Record<SuccessPolicy, string>> = {
  strict: 'only Success counts as a success',
  'warning-is-success': 'Warning counts as a success too',
};
const RESULT_CLASSES: Readonly<Record<RunResult, string>> = {
  Success: 'result-success',
  Warning: 'result-warning',
  Failed: 'result-failed',
};
/** In urgency order, as the job counts are listed. */
const HEALTH_CLASSES: Readonly<Record<Health, string>> = {
  critical: 'health-critical',
  warning: 'health-warning',
  ok: 'health-ok',
};

const TOTALS_COLUMNS = TOTALS_HEADERS.map((header): HtmlColumn => ({ header, kind: 'number' }));
const JOB_COLUMNS: readonly HtmlColumn[] = [
  { header: 'Job', kind: 'text' },
  { header: 'Health', kind: 'label' },
  { header: 'Last result', kind: 'label' },
  { header: 'Last success', kind: 'number' },
  { header: 'Runs', kind: 'number' },
  { header: 'Success', kind: 'number' },
  { header: 'Notes', kind: 'text' },
];

/**
 * The report as one self-contained HTML5 document to open in a browser or send as a mail: a
 * header, the totals, a chart of the daily outcomes, the jobs most urgent first, the totals per
 * group when the report is grouped, then VMs breaching RPO, top failure reasons, missed jobs and
 * failed sources. It fetches nothing and runs nothing (a Content-Security-Policy forbids both),
 * and every server-provided string is escaped text (`escapeHtml`), never part of a URL, style or
 * event attribute.
 */
export function renderHtml(report: SessionReport, options: HtmlRenderOptions = {}): string {
  checkReportObject(report, 'renderHtml');
  checkOptionsObject(options, 'renderHtml', OPTION_KEYS);
  const top = listLimit(options.top);
  const title = h(textOption('title', options.title, 'Session report'));
  const { window } = report;
  const at = (iso: string): string => h(formatInstant(iso, window.timeZone));
  const from = at(window.from);
  const to = at(window.to);
  const policyNote = Object.hasOwn(POLICY_NOTES, report.policy)
    ? ` (${POLICY_NOTES[report.policy]})`
    : '';

  const body: string[] = [
    `<h1>${title}</h1>`,
    `<p class="meta">Window: ${from} – ${to} (${h(window.timeZone)})<br>` +
      `Policy: ${h(report.policy)}${policyNote}<br>` +
      `Generated: ${at(report.generatedAt)}</p>`,
  ];
  body.push(...partialNotices(report).map((notice) => `<p class="notice">${h(notice)}</p>`));
  if (report.empty) {
    body.push(`<p class="empty">No job sessions in the window ${from} – ${to}.</p>`);
  } else {
    body.push(...totalsSection(report), ...chartSection(report), ...jobsSection(report.jobs));
  }
  body.push(...groupTables(report).flatMap(groupSection));

  const breachingVms = report.vms.filter((vm) => vm.rpoBreached);
  const { reasons, kinds } = topFailureReasons(report);
  const sources = showsSources(report);
  const label = jobLabeller(report);
  body.push(
    ...listSection(
      'VMs breaching RPO',
      null,
      [
        { header: 'VM', kind: 'text' },
        { header: 'Job', kind: 'text' },
        ...(sources ? [{ header: 'Source', kind: 'text' } as const] : []),
        { header: 'Last success', kind: 'number' },
        { header: 'RPO', kind: 'number' },
      ],
      breachingVms.map((vm) => [
        h(vm.vmName),
        h(label(vm)),
        ...(sources ? [vm.source === null ? NONE : h(vm.source)] : []),
        vm.lastSuccessAgeSeconds === null
          ? 'none in the window'
          : agoText(vm.lastSuccessAgeSeconds),
        formatDuration(vm.rpoSeconds),
      ]),
      top,
    ),
    ...listSection(
      'Top failure reasons',
      'Alike messages counted together; an example of each.',
      [
        { header: 'Count', kind: 'number' },
        { header: 'Reason', kind: 'text' },
        { header: 'Example', kind: 'text' },
      ],
      reasons.map((reason) => [String(reason.count), h(reason.normalized), h(reason.example)]),
      top,
      kinds,
    ),
    ...listSection(
      'Missed jobs',
      missedJobsNote(report.totals),
      [
        { header: 'Job', kind: 'text' },
        ...(sources ? [{ header: 'Source', kind: 'text' } as const] : []),
        { header: 'Type', kind: 'text' },
        { header: 'Schedule', kind: 'label' },
        { header: 'Last success', kind: 'number' },
        { header: 'RPO', kind: 'number' },
      ],
      report.missedJobs.map((job) => [
        h(label(job)),
        ...(sources ? [job.source === null ? NONE : h(job.source)] : []),
        h(job.jobType),
        job.scheduleEnabled ? 'enabled' : 'disabled',
        agoText(job.lastSuccessAgeSeconds),
        missedRpoText(job),
      ]),
      top,
    ),
    ...listSection(
      'Failed sources',
      'The report is partial: these sources failed.',
      [
        { header: 'Source', kind: 'text' },
        { header: 'Error', kind: 'text' },
      ],
      report.failedSources.map((source) => [failedSourceName(source, h), h(source.error)]),
    ),
    ...listSection(
      'Sources without VMs',
      'Their task sessions could not be read: their jobs are in the report, their VMs are not.',
      [
        { header: 'Source', kind: 'text' },
        { header: 'Error', kind: 'text' },
      ],
      (report.sourcesWithoutVms ?? []).map((source) => [h(source.name), h(source.error)]),
    ),
  );

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${title}</title>`,
    `<style>${HTML_REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    ...body,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function totalsSection({ totals }: SessionReport): string[] {
  return ['<h2>Totals</h2>', htmlTable('totals', TOTALS_COLUMNS, [totalsCells(totals)])];
}

function chartSection({ days }: SessionReport): string[] {
  return days.length === 0 ? [] : ['<h2>Runs per day</h2>', dailyOutcomesChart(days)];
}

function jobsSection(jobs: readonly JobReport[]): string[] {
  const counts = (Object.keys(HEALTH_CLASSES) as Health[]).map(
    (health) => `${jobs.filter((job) => job.health === health).length} ${health}`,
  );
  return [
    '<h2>Jobs</h2>',
    `<p class="note">Most urgent first: ${counts.join(', ')}.</p>`,
    htmlTable('jobs', JOB_COLUMNS, jobs.map(jobRow)),
  ];
}

function jobRow(job: JobReport): string[] {
  const details = [
    h(job.jobType),
    ...(job.backupServer === null ? [] : [`on ${h(job.backupServer)}`]),
    ...(job.source === null ? [] : [`from ${h(job.source)}`]),
  ];
  const notes = [
    ...(job.running === null
      ? []
      : [`<span class="mark">running ${formatDuration(job.running.elapsedSeconds)}</span>`]),
    ...(job.slowerThanUsual ? ['<span class="mark">slower than usual</span>'] : []),
    ...job.reasons.map((reason) => `<span class="reason">${h(reason)}</span>`),
  ];
  return [
    `<span class="job-name">${h(job.jobName)}</span><span class="sub">${details.join(' ')}</span>`,
    `<span class="badge ${HEALTH_CLASSES[job.health]}">${h(job.health)}</span>`,
    job.lastResult === null
      ? NONE
      : `<span class="${RESULT_CLASSES[job.lastResult]}">${h(job.lastResult)}</span>`,
    agoText(job.lastSuccessAgeSeconds),
    String(job.runs),
    percentText(job.successRate),
    notes.join(''),
  ];
}

function groupSection(table: GroupTable): string[] {
  return listSection(
    table.title,
    null,
    [
      { header: table.keyHeader, kind: 'text' },
      ...(table.sources ? [{ header: 'Source', kind: 'text' } as const] : []),
      ...GROUP_HEADERS.map((header): HtmlColumn => ({ header, kind: 'number' })),
    ],
    table.groups.map((group) => [
      h(groupKeyText(group)),
      ...(table.sources ? [group.source === null ? NONE : h(group.source)] : []),
      ...groupCells(group, NONE),
    ]),
  );
}

/** A heading, an optional sentence and a table of at most `top` rows; nothing without rows. */
function listSection(
  title: string,
  intro: string | null,
  columns: readonly HtmlColumn[],
  rows: readonly string[][],
  top = Number.POSITIVE_INFINITY,
  total = rows.length,
): string[] {
  if (rows.length === 0) return [];
  const { shown, sentence } = limitedRows(rows, top, intro, total);
  return [
    `<h2>${title}</h2>`,
    ...(sentence === null ? [] : [`<p class="note">${sentence}</p>`]),
    htmlTable(title.toLowerCase().replaceAll(' ', '-'), columns, shown),
  ];
}
