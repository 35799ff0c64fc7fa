import { checkOptionsObject, optionKeys } from '../options-object.js';
import type { JobReport, SessionReport } from '../report.js';
import { checkReportObject } from '../report-object.js';
import { escapeMarkdown as md } from './escape-markdown.js';
import { failedSourceName } from './failed-source-name.js';
import { formatDuration } from './format-duration.js';
import { formatInstant } from './format-instant.js';
import { GROUP_HEADERS, groupCells, groupKeyText, groupTables } from './group-tables.js';
import { jobLabeller } from './job-labels.js';
import { limitedRows, listLimit } from './list-limit.js';
import { type MarkdownColumn, markdownTable } from './markdown-table.js';
import { partialNotices } from './partial-notices.js';
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

export interface MarkdownRenderOptions {
  /** Entries each list shows: missed jobs, VMs breaching RPO, failure reasons (default 10). */
  readonly top?: number | undefined;
}

const OPTION_KEYS = optionKeys<MarkdownRenderOptions>({ top: true });

const right = (header: string): MarkdownColumn => ({ header, align: 'right' });
const left = (header: string): MarkdownColumn => ({ header, align: 'left' });

const TOTALS_COLUMNS = TOTALS_HEADERS.map(right);
const OTHER_JOB_COLUMNS = [
  left('Health'),
  left('Last result'),
  right('Last success'),
  right('Runs'),
  right('Success rate'),
  left('Notes'),
];

/**
 * The report as GitHub-flavoured Markdown: what `renderText` shows, in headings and tables, and
 * each job's health reasons. Every server-provided string is escaped (`escapeMarkdown`).
 */
export function renderMarkdown(report: SessionReport, options: MarkdownRenderOptions = {}): string {
  checkReportObject(report, 'renderMarkdown');
  checkOptionsObject(options, 'renderMarkdown', OPTION_KEYS);
  const top = listLimit(options.top);
  const { window, totals } = report;
  const at = (iso: string): string => formatInstant(iso, window.timeZone);
  const from = at(window.from);
  const to = at(window.to);
  const sources = showsSources(report);
  const label = jobLabeller(report);
  const sourceColumn = sources ? [left('Source')] : [];
  const sourceCell = (source: string | null): string[] =>
    sources ? [source === null ? NONE : md(source)] : [];
  const { reasons, kinds } = topFailureReasons(report);

  const blocks: string[][] = [
    ['# Session report'],
    [
      `Sessions ${from} – ${to} (${md(window.timeZone)}), policy ${md(report.policy)}, ` +
        `generated ${at(report.generatedAt)}.`,
    ],
  ];
  // Before the totals, so that a partial report is not read as a whole one.
  const notices = partialNotices(report);
  if (notices.length > 0) blocks.push([`> ${notices.join(' ')}`]);
  if (report.empty) {
    blocks.push([`No job sessions in the window ${from} – ${to}.`]);
  } else {
    blocks.push(
      ['## Totals'],
      markdownTable(TOTALS_COLUMNS, [totalsCells(totals)]),
      ['## Jobs'],
      markdownTable(
        [left('Job'), ...sourceColumn, ...OTHER_JOB_COLUMNS],
        report.jobs.map((job) => jobRow(job, label(job), sourceCell(job.source))),
      ),
    );
  }

  blocks.push(
    ...groupTables(report).flatMap((table) =>
      section(
        table.title,
        null,
        [
          left(table.keyHeader),
          ...(table.sources ? [left('Source')] : []),
          ...GROUP_HEADERS.map(right),
        ],
        table.groups.map((group) => [
          md(groupKeyText(group)),
          ...(table.sources ? [group.source === null ? NONE : md(group.source)] : []),
          ...groupCells(group, NONE),
        ]),
      ),
    ),
    ...section(
      'Failed sources',
      'The report is partial: these sources failed.',
      [left('Source'), left('Error')],
      report.failedSources.map((source) => [failedSourceName(source, md), md(source.error)]),
    ),
    ...section(
      'Sources without VMs',
      'Their task sessions could not be read: their jobs are in the report, their VMs are not.',
      [left('Source'), left('Error')],
      (report.sourcesWithoutVms ?? []).map((source) => [md(source.name), md(source.error)]),
    ),
    ...section(
      'Missed jobs',
      missedJobsNote(report.totals),
      [
        left('Job'),
        ...sourceColumn,
        left('Type'),
        left('Schedule'),
        right('Last success'),
        right('RPO'),
      ],
      report.missedJobs.map((job) => [
        md(label(job)),
        ...sourceCell(job.source),
        md(job.jobType),
        job.scheduleEnabled ? 'enabled' : 'disabled',
        agoText(job.lastSuccessAgeSeconds),
        missedRpoText(job),
      ]),
      top,
    ),
    ...section(
      'VMs breaching RPO',
      null,
      [left('VM'), left('Job'), ...sourceColumn, right('Last success'), right('RPO')],
      report.vms
        .filter((vm) => vm.rpoBreached)
        .map((vm) => [
          md(vm.vmName),
          md(label(vm)),
          ...sourceCell(vm.source),
          agoText(vm.lastSuccessAgeSeconds),
          formatDuration(vm.rpoSeconds),
        ]),
      top,
    ),
    ...section(
      'Top failure reasons',
      null,
      [right('Count'), left('Reason'), left('Example')],
      reasons.map((reason) => [String(reason.count), md(reason.normalized), md(reason.example)]),
      top,
      kinds,
    ),
  );
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

/** A job's cells; `source` is its Source cell, or none when the report has one source. */
function jobRow(job: JobReport, name: string, source: readonly string[]): string[] {
  const notes = [
    ...(job.running === null ? [] : [`running for ${formatDuration(job.running.elapsedSeconds)}`]),
    ...(job.slowerThanUsual ? ['slower than usual'] : []),
    ...job.reasons.map(md),
  ];
  return [
    md(name),
    ...source,
    md(job.health),
    job.lastResult === null ? NONE : md(job.lastResult),
    agoText(job.lastSuccessAgeSeconds),
    String(job.runs),
    percentText(job.successRate),
    notes.join('; '),
  ];
}

/** A heading, an optional sentence and a table of at most `top` rows; nothing without rows. */
function section(
  title: string,
  intro: string | null,
  columns: readonly MarkdownColumn[],
  rows: readonly string[][],
  top = Number.POSITIVE_INFINITY,
  total = rows.length,
): string[][] {
  if (rows.length === 0) return [];
  const { shown, sentence } = limitedRows(rows, top, intro, total);
  return [
    [`## ${title}`],
    ...(sentence === null ? [] : [[sentence]]),
    markdownTable(columns, shown),
  ];
}
