import { describeSeconds } from '../describe-seconds.js';
import { formatPercent } from '../format-percent.js';
import { checkOptionsObject, optionKeys } from '../options-object.js';
import type { Health, JobReport, RunResult, SessionReport } from '../report.js';
import { checkReportObject } from '../report-object.js';
import { displayWidth } from './display-width.js';
import { failedSourceName } from './failed-source-name.js';
import { formatAge } from './format-age.js';
import { formatDuration } from './format-duration.js';
import { formatInstant } from './format-instant.js';
import {
  GROUP_HEADERS,
  type GroupTable,
  groupCells,
  groupKeyText,
  groupTables,
} from './group-tables.js';
import { jobLabeller } from './job-labels.js';
import { listLimit } from './list-limit.js';
import { maxOf } from './max-of.js';
import { numbersKeptWhole } from './numbers-kept-whole.js';
import { partialNotices } from './partial-notices.js';
import { pushAll } from './push-all.js';
import { flagOption, widthOption } from './render-option-values.js';
import { showsSources } from './shows-sources.js';
import { toSingleLine } from './single-line.js';
import { fitLine, paintLine, type Span, type Style, type StyledLine, span } from './styled-line.js';
import { type TextColumn, textTable } from './text-table.js';
import { topFailureReasons } from './top-failure-reasons.js';

export interface TextRenderOptions {
  /** ANSI colours (default false); the caller decides, from `isTTY` and `NO_COLOR`. */
  readonly color?: boolean | undefined;
  /** Columns every line fits in (default 80); long names are cut with `…`. */
  readonly width?: number | undefined;
  /** Entries each list shows: jobs not ok, missed jobs, VMs breaching RPO, failure reasons (default 10). */
  readonly top?: number | undefined;
}

const OPTION_KEYS = optionKeys<TextRenderOptions>({ color: true, width: true, top: true });

const HEALTH_STYLE: Readonly<Record<Health, Style>> = {
  ok: 'green',
  warning: 'yellow',
  critical: 'red',
};
const RESULT_STYLE: Readonly<Record<RunResult, Style>> = {
  Success: 'green',
  Warning: 'yellow',
  Failed: 'red',
};

// On a narrow terminal names give up width first (the job's down to 8, then the source's), then
// the notes and the result (left out when need be), then the health down to 4; numbers are kept
// whole (numbersKeptWhole).
const JOB_COLUMN: TextColumn = { header: 'Job', align: 'start', shrinks: true };
const SOURCE_COLUMN: TextColumn = {
  header: 'Source',
  align: 'start',
  narrows: { order: 1, min: 8 },
};
const OTHER_JOB_COLUMNS: readonly TextColumn[] = [
  { header: 'Health', align: 'start', narrows: { order: 4, min: 4 } },
  { header: 'Result', align: 'start', narrows: { order: 3, min: 0 } },
  { header: 'Last OK', align: 'end' },
  { header: 'Runs', align: 'end' },
  { header: 'Success', align: 'end' },
  { header: 'Notes', align: 'start', narrows: { order: 2, min: 0 } },
];

const text = (value: string, style?: Style): Span => span(toSingleLine(value), style);
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** A terminal summary of the report, every line at most `width` columns. */
export function renderText(report: SessionReport, options: TextRenderOptions = {}): string {
  checkReportObject(report, 'renderText');
  checkOptionsObject(options, 'renderText', OPTION_KEYS);
  const width = widthOption(options.width);
  const color = flagOption('color', options.color);
  const top = listLimit(options.top);
  const { window } = report;
  const at = (iso: string): string => formatInstant(iso, window.timeZone);
  const from = at(window.from);
  const to = at(window.to);
  const sources = showsSources(report);
  const label = jobLabeller(report);
  const jobColumns = [JOB_COLUMN, ...(sources ? [SOURCE_COLUMN] : []), ...OTHER_JOB_COLUMNS];

  const lines: StyledLine[] = wrapped(
    `Sessions ${from} – ${to} (${window.timeZone}), policy ${report.policy}`,
    width,
    'bold',
  );
  // Before the totals, so that a partial report is not read as a whole one.
  const notices = partialNotices(report);
  if (notices.length > 0) pushAll(lines, wrapped(notices.join(' '), width));
  if (report.empty) {
    pushAll(lines, wrapped(`No job sessions in the window ${from} – ${to}.`, width));
  } else {
    for (const total of totalLines(report, label)) pushAll(lines, wrapped(total, width));
    lines.push([]);
    const rows = report.jobs.map((job) => jobRow(job, label(job), sources));
    pushAll(lines, textTable(numbersKeptWhole(jobColumns, rows), rows, width));
  }

  const notOk = report.jobs.filter((job) => job.health !== 'ok');
  pushAll(
    lines,
    section(
      'Why jobs are not ok',
      null,
      notOk.slice(0, top).map((job) => whyNotOk(job, label(job), sources, width)),
      notOk.length,
      width,
    ),
  );
  for (const table of groupTables(report)) pushAll(lines, groupSection(table, width));
  pushAll(
    lines,
    section(
      'Failed sources',
      'the report is partial',
      report.failedSources.map((source) => `${failedSourceName(source)}: ${source.error}`),
      report.failedSources.length,
      width,
    ),
  );
  const withoutVms = report.sourcesWithoutVms ?? [];
  pushAll(
    lines,
    section(
      'Sources without VMs',
      'their task sessions could not be read; their jobs are in the report, their VMs are not',
      withoutVms.map((source) => `${source.name}: ${source.error}`),
      withoutVms.length,
      width,
    ),
  );
  pushAll(
    lines,
    section(
      'Missed jobs',
      'no session in the window',
      report.missedJobs.slice(0, top).map((job) => {
        const about = [
          job.jobType,
          job.scheduleEnabled ? 'scheduled' : 'schedule disabled',
          ...(sources ? [`on ${job.source ?? '-'}`] : []),
        ].filter((part) => part !== '');
        // Ages and RPOs as the reasons above write them: `RPO 24 h` in both, not `RPO 1d` here.
        const success =
          job.lastSuccessAgeSeconds === null
            ? 'no success seen'
            : `last success ${describeSeconds(job.lastSuccessAgeSeconds)} ago`;
        const rpo = describeSeconds(job.rpoSeconds);
        // The breach first: it is read first when the line is wrapped.
        return `${label(job)} (${about.join(', ')}): ${
          job.rpoBreached ? `RPO ${rpo} breached, ${success}` : `${success} (RPO ${rpo})`
        }`;
      }),
      report.missedJobs.length,
      width,
    ),
  );
  const breachingVms = report.vms.filter((vm) => vm.rpoBreached);
  pushAll(
    lines,
    section(
      'VMs breaching RPO',
      null,
      breachingVms
        .slice(0, top)
        .map(
          (vm) =>
            `${vm.vmName} (${label(vm)}${sources ? `, on ${vm.source ?? '-'}` : ''}): ${
              vm.lastSuccessAgeSeconds === null
                ? 'no success in the window'
                : `last success ${describeSeconds(vm.lastSuccessAgeSeconds)} ago`
            }, RPO ${describeSeconds(vm.rpoSeconds)}`,
        ),
      breachingVms.length,
      width,
    ),
  );
  const { reasons, kinds } = topFailureReasons(report);
  const shownReasons = reasons.slice(0, top);
  const countWidth = maxOf(
    shownReasons.map((reason) => String(reason.count).length),
    0,
  );
  pushAll(
    lines,
    section(
      'Top failure reasons',
      null,
      shownReasons.map(
        (reason) => `${String(reason.count).padStart(countWidth)}  ${reason.example}`,
      ),
      kinds,
      width,
      // A reason is an example message: one line each keeps the counts a column.
      'cut',
    ),
  );

  return `${lines.map((line) => paintLine(fitLine(line, width), color)).join('\n')}\n`;
}

/** Jobs named in the totals line of runs without an outcome; the others are counted. */
const JOBS_NAMED_WITHOUT_OUTCOME = 3;

/** `2 runs without outcome (Lost, Nightly)`: the jobs, with their count when more than one. */
function withoutOutcome(
  { totals, jobs }: SessionReport,
  label: (job: JobReport) => string,
): string {
  const named = jobs.filter((job) => job.runsWithoutOutcome > 0);
  const names = named
    .slice(0, JOBS_NAMED_WITHOUT_OUTCOME)
    .map((job) =>
      job.runsWithoutOutcome > 1 ? `${label(job)} ${job.runsWithoutOutcome}` : label(job),
    );
  const more = named.length - names.length;
  const list = [...names, ...(more > 0 ? [`${plural(more, 'more job')}`] : [])].join(', ');
  return `${plural(totals.runsWithoutOutcome, 'run')} without outcome${list === '' ? '' : ` (${list})`}`;
}

function totalLines(report: SessionReport, label: (job: JobReport) => string): string[] {
  const { totals, sourcesWithoutVms } = report;
  const rate =
    totals.successRate === null ? 'n/a (no finished runs)' : formatPercent(totals.successRate);
  return [
    `${plural(totals.jobs, 'job')}, ${plural(totals.runs, 'run')} (${plural(totals.attempts, 'attempt')}): ` +
      `${totals.successfulRuns} success, ${totals.warningRuns} warning, ${totals.failedRuns} failed, ` +
      `${totals.runningRuns} running`,
    `Success rate ${rate}; ` +
      (totals.runsWithoutOutcome > 0 ? `${withoutOutcome(report, label)}; ` : '') +
      `RPO breached by ${plural(totals.jobsBreachingRpo, 'job')}` +
      vmsBreaching(totals.vmsBreachingRpo, (sourcesWithoutVms ?? []).length > 0),
    // Jobs that stopped running breach their RPO too, without a row in the job table.
    ...(totals.missedJobsBreachingRpo === 0
      ? []
      : [
          `RPO also breached by ${plural(totals.missedJobsBreachingRpo, 'scheduled job')} that did not run (see Missed jobs)`,
        ]),
  ];
}

/**
 * The VMs of `RPO breached by 1 job, 2 VMs`. Unknown when a source's VMs are missing (Markdown and
 * HTML show `—`); left out when VMs were not assessed at all (no task sessions given), where 0
 * would read as none breaching and `unknown` as something having failed.
 */
function vmsBreaching(count: number | null, vmsMissing: boolean): string {
  if (count !== null) return `, ${plural(count, 'VM')}`;
  return vmsMissing ? ', VMs unknown' : '';
}

/**
 * `line` as terminal lines: one when it fits the width, else broken at spaces with the lines
 * after the first indented by 2, so that a count at its end is not cut away.
 */
function wrapped(line: string, width: number, style?: Style): StyledLine[] {
  if (displayWidth(toSingleLine(line)) <= width) return [[text(line, style)]];
  return wrapAtSpaces(line, Math.max(width - 2, 1)).map((part, index) => [
    text(index === 0 ? part : `  ${part}`, style),
  ]);
}

function jobRow(job: JobReport, name: string, sources: boolean): Span[] {
  const notes = [
    ...(job.running === null ? [] : [`running ${formatDuration(job.running.elapsedSeconds)}`]),
    ...(job.slowerThanUsual ? ['slower'] : []),
  ];
  return [
    text(name),
    ...(sources ? [text(job.source ?? '-')] : []),
    text(job.health, HEALTH_STYLE[job.health]),
    job.lastResult === null ? span('-') : text(job.lastResult, RESULT_STYLE[job.lastResult]),
    span(job.lastSuccessAgeSeconds === null ? '-' : formatAge(job.lastSuccessAgeSeconds)),
    span(String(job.runs)),
    span(job.successRate === null ? '-' : formatPercent(job.successRate)),
    span(notes.join(', ')),
  ];
}

/** The width a group's key keeps while the figures' headers give up theirs. */
const GROUP_KEY_KEPT = 24;
/** A group's source tells rows apart too (two EMs' vbr01): it narrows after the figures' headers. */
const GROUP_SOURCE_COLUMN: TextColumn = {
  ...SOURCE_COLUMN,
  narrows: { order: Number.MAX_SAFE_INTEGER, min: 8 },
};

/** A table of every group, after a blank line and a heading; not cut to `top`, so that it adds up. */
function groupSection(table: GroupTable, width: number): StyledLine[] {
  const rows = table.groups.map((group) => [
    text(groupKeyText(group)),
    ...(table.sources ? [text(group.source ?? '-')] : []),
    ...groupCells(group, '-').map((cell) => span(cell)),
  ]);
  // The key and the source tell the rows apart (vbr-datacenter-01, -02): the figures' wide
  // headers are cut before the key goes below GROUP_KEY_KEPT or the source narrows.
  const widestKey = rows.reduce(
    (widest, row) => Math.max(widest, displayWidth(row[0]?.text ?? '')),
    0,
  );
  const columns: TextColumn[] = [
    {
      header: table.keyHeader,
      align: 'start',
      shrinks: true,
      keeps: Math.min(widestKey, GROUP_KEY_KEPT),
    },
    ...(table.sources ? [GROUP_SOURCE_COLUMN] : []),
    ...GROUP_HEADERS.map((header): TextColumn => ({ header, align: 'end' })),
  ];
  return [
    [],
    [span(table.title, 'bold')],
    ...textTable(numbersKeptWhole(columns, rows), rows, width),
  ];
}

/** An entry of a list: one line, or a first line and lines that continue it (indented more). */
type ListEntry = string | readonly string[];

/**
 * A list after a blank line and a heading (`Title (10 of 25): note`); nothing when it is empty.
 * An entry wider than `width` is wrapped at its spaces, its lines after the first indented more,
 * or with `overflow: 'cut'` cut short, one line an entry (a list of long messages stays a list).
 */
function section(
  title: string,
  note: string | null,
  entries: readonly ListEntry[],
  total: number,
  width: number,
  overflow: 'wrap' | 'cut' = 'wrap',
): StyledLine[] {
  if (entries.length === 0) return [];
  const count = entries.length < total ? ` (${entries.length} of ${total})` : '';
  const heading = `${title}${count}${note === null ? '' : `: ${note}`}`;
  const linesOf = (entry: ListEntry): readonly string[] => {
    if (typeof entry !== 'string') return entry;
    if (overflow === 'cut' || displayWidth(toSingleLine(`  ${entry}`)) <= width) return [entry];
    return wrapAtSpaces(entry, Math.max(width - 4, 1));
  };
  return [
    [],
    ...wrapped(heading, width, 'bold'),
    ...entries.flatMap((entry) =>
      linesOf(entry).map((line, index) => [text(`${index === 0 ? '  ' : '    '}${line}`)]),
    ),
  ];
}

/** A job that is not ok and its reasons: on one line when that fits the width, else a reason a line. */
function whyNotOk(job: JobReport, name: string, sources: boolean, width: number): ListEntry {
  const head = `${name}${sources ? ` on ${job.source ?? '-'}` : ''} (${job.health})`;
  const line = `${head}: ${job.reasons.join('; ')}`;
  if (displayWidth(toSingleLine(`  ${line}`)) <= width) return line;
  // A reason a line, indented by 4, and a reason wider than that wrapped at its spaces.
  return [
    `${head}:`,
    ...job.reasons.flatMap((reason) => wrapAtSpaces(reason, Math.max(width - 4, 1))),
  ];
}

/** Text in lines of at most `width` columns, broken at spaces; a longer word is a line of its own. */
function wrapAtSpaces(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of toSingleLine(text).split(' ')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (line !== '' && displayWidth(joined) > width) {
      lines.push(line);
      line = word;
    } else line = joined;
  }
  lines.push(line);
  return lines;
}
