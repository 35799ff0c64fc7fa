import {
  buildReport,
  type CsvRenderOptions,
  type CsvTable,
  type HtmlRenderOptions,
  type JsonRenderOptions,
  type MarkdownRenderOptions,
  type PrometheusRenderOptions,
  ReportError,
  type ReportInput,
  type ReportOptions,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderPrometheus,
  renderTable,
  renderText,
  reportInputRange,
  type SuccessPolicy,
  type TableRenderOptions,
  type TextColumn,
  type TextRenderOptions,
} from '@vbem/reporting';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleInput } from './report-samples.js';

// Options as a caller often holds them: read from a config or flags, each possibly undefined.
// Compiled with exactOptionalPropertyTypes (tsconfig.test.json), so passing them on to every
// options bag of the package must type-check; at run time each must act as if not given.
interface Config {
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly since?: string | undefined;
  readonly now?: Date | undefined;
  readonly generatedAt?: Date | undefined;
  readonly timeZone?: string | undefined;
  readonly rpo?: string | undefined;
  readonly rpoByJob?: Readonly<Record<string, string>> | undefined;
  readonly policy?: SuccessPolicy | undefined;
  readonly groupBy?: 'backupServer' | 'jobType' | undefined;
  readonly topReasons?: number | undefined;
  readonly table?: CsvTable | undefined;
  readonly bom?: boolean | undefined;
  readonly title?: string | undefined;
  readonly top?: number | undefined;
  readonly pretty?: boolean | undefined;
  readonly prefix?: string | undefined;
  readonly width?: number | undefined;
  readonly color?: boolean | undefined;
  readonly shrinks?: boolean | undefined;
  readonly source?: string | undefined;
  readonly failedSources?: ReportInput['failedSources'];
}
const cfg: Config = {};

const reportOptions: ReportOptions = {
  from: cfg.from,
  to: cfg.to,
  since: cfg.since,
  now: cfg.now,
  generatedAt: cfg.generatedAt,
  timeZone: cfg.timeZone,
  rpo: cfg.rpo,
  policy: cfg.policy,
  groupBy: cfg.groupBy,
  topReasons: cfg.topReasons,
};

/** The sample input's end: its sessions lie in the five days before. */
const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

describe('report options given as undefined are not given', () => {
  beforeEach(() => {
    // `now` undefined means the system clock: fixed, so that two reports can be compared.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('buildReport keeps every default: 7 days to now, UTC, strict, 24h RPO, no groups', async () => {
    const report = await buildReport(sampleInput(), reportOptions);
    expect(report).toEqual(await buildReport(sampleInput()));
    expect(report.window).toMatchObject({
      from: new Date(NOW.getTime() - 7 * DAY).toISOString(),
      to: NOW.toISOString(),
      timeZone: 'UTC',
    });
    expect(report.policy).toBe('strict');
    expect(report.defaultRpoSeconds).toBe(86_400);
    expect(report.groups).toEqual([]);
    expect(report.jobs.length).toBe(3);
    // An RPO object whose per-job overrides are undefined holds every job to the default.
    const withRpo = await buildReport(sampleInput(), {
      rpo: { default: '24h', jobs: cfg.rpoByJob },
    });
    expect(withRpo).toEqual(report);
  });

  it('buildReport reads input parts given as undefined as absent', async () => {
    const { sessions } = sampleInput();
    const input: ReportInput = {
      sessions,
      taskSessions: undefined,
      jobs: undefined,
      source: cfg.source,
      failedSources: cfg.failedSources,
    };
    const report = await buildReport(input, reportOptions);
    expect(report).toEqual(await buildReport({ sessions: sampleInput().sessions }));
    expect(report.vms).toEqual([]);
    expect(report.missedJobs).toEqual([]);
    expect(report.failedSources).toEqual([]);
    expect(report.jobs.every((job) => job.source === null)).toBe(true);
  });

  it('reportInputRange resolves the same window as without options', () => {
    const range = reportInputRange(reportOptions);
    expect(range).toEqual(reportInputRange());
    expect(range.from).toEqual(new Date(NOW.getTime() - 7 * DAY));
    expect(range.sessionsFrom).toEqual(new Date(NOW.getTime() - 8 * DAY));
  });
});

describe('render options given as undefined are not given', () => {
  const report = () =>
    buildReport(sampleInput(), { now: NOW, rpo: '24h', groupBy: 'backupServer' });

  it('renderText fits 80 columns without colour and shows 10 entries per list', async () => {
    const options: TextRenderOptions = { color: cfg.color, width: cfg.width, top: cfg.top };
    const r = await report();
    const text = renderText(r, options);
    expect(text).toBe(renderText(r));
    expect(text).not.toContain('\u001b[');
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('renderMarkdown, renderHtml, renderJson, renderCsv and renderPrometheus keep their defaults', async () => {
    const r = await report();
    const markdown: MarkdownRenderOptions = { top: cfg.top };
    expect(renderMarkdown(r, markdown)).toBe(renderMarkdown(r));
    const html: HtmlRenderOptions = { title: cfg.title, top: cfg.top };
    expect(renderHtml(r, html)).toBe(renderHtml(r));
    expect(renderHtml(r, html)).toContain('<h1>Session report</h1>');
    const json: JsonRenderOptions = { pretty: cfg.pretty };
    expect(renderJson(r, json)).toBe(renderJson(r));
    expect(renderJson(r, json).trimEnd()).not.toContain('\n');
    const csv: CsvRenderOptions = { table: cfg.table, bom: cfg.bom };
    expect(renderCsv(r, csv)).toBe(renderCsv(r));
    expect(renderCsv(r, csv).startsWith('job_uid,')).toBe(true);
    const prometheus: PrometheusRenderOptions = { prefix: cfg.prefix };
    expect(renderPrometheus(r, prometheus)).toBe(renderPrometheus(r));
    expect(renderPrometheus(r, prometheus)).toContain('vbem_report_generated_timestamp_seconds');
  });

  it('renderTable: a column whose shrinks is undefined does not shrink; 80 columns, no colour', () => {
    const columns: readonly TextColumn[] = [
      { header: 'Name', align: 'start', shrinks: cfg.shrinks },
      { header: 'Value', align: 'end' },
    ];
    const rows = [['x'.repeat(100), '1']];
    const options: TableRenderOptions = { width: cfg.width, color: cfg.color };
    const table = renderTable(columns, rows, options);
    expect(table).toBe(
      renderTable(
        [
          { header: 'Name', align: 'start' },
          { header: 'Value', align: 'end' },
        ],
        rows,
      ),
    );
    expect(table).not.toContain('\u001b[');
    expect(Math.max(...table.split('\n').map((line) => line.length))).toBe(80);
  });
});

describe('render options given as null, which take no default', () => {
  it('are refused by every renderer, naming it, with a ReportError rather than a TypeError', async () => {
    const r = await buildReport(sampleInput(), { now: NOW });
    const nullOptions = null as unknown as Record<string, never>;
    const renderers = {
      renderText: () => renderText(r, nullOptions),
      renderMarkdown: () => renderMarkdown(r, nullOptions),
      renderHtml: () => renderHtml(r, nullOptions),
      renderJson: () => renderJson(r, nullOptions),
      renderCsv: () => renderCsv(r, nullOptions),
      renderPrometheus: () => renderPrometheus(r, nullOptions),
      renderTable: () => renderTable([], [], nullOptions),
    };
    for (const [name, render] of Object.entries(renderers)) {
      expect(render).toThrow(
        new ReportError('invalid-option', `${name}: options is null, not an object or undefined`),
      );
    }
  });
});

describe('a renderer given something other than a report', () => {
  it('refuses it, naming the renderer, with a ReportError rather than a TypeError', async () => {
    const renderers = {
      renderText,
      renderMarkdown,
      renderHtml,
      renderJson,
      renderCsv,
      renderPrometheus,
    } as Record<string, (report: unknown) => string>;
    const notAwaited = buildReport(sampleInput(), { now: NOW });
    for (const [name, render] of Object.entries(renderers)) {
      for (const [given, what] of [
        [null, 'null'],
        [{}, 'an object'],
        [notAwaited, 'a promise (await buildReport)'],
      ] as const) {
        expect(() => render(given)).toThrow(
          new ReportError(
            'invalid-input',
            `${name}: report is ${what}, not a report of buildReport`,
          ),
        );
      }
    }
    await notAwaited;
  });
});
