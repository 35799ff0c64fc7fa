import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build-report.js';
import { mergeReports } from '../src/merge-reports.js';
import { renderCsv } from '../src/render/render-csv.js';
import { renderHtml } from '../src/render/render-html.js';
import { renderJson } from '../src/render/render-json.js';
import { renderMarkdown } from '../src/render/render-markdown.js';
import { renderPrometheus } from '../src/render/render-prometheus.js';
import { renderText } from '../src/render/render-text.js';
import type { SessionReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import { jobReport, sessionReport, vmReport } from './render-fixtures.js';

const now = new Date('2025-10-06T12:00:00Z');
const options = { now, since: '1d' } as const;
const outside = (input: object) => input as Parameters<typeof buildReport>[0];

async function refusal(input: object): Promise<string> {
  const error = await buildReport(outside(input), options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReportError);
  expect((error as ReportError).code).toBe('invalid-input');
  return (error as ReportError).message;
}

/** Two EMs' report: em1 with its VMs, em2 whose task sessions could not be read. */
const twoSources = (): SessionReport =>
  sessionReport({
    empty: false,
    jobs: [jobReport({ jobName: 'Files', source: 'em1' }), jobReport({ source: 'em2' })],
    vms: [vmReport({ source: 'em1' })],
    sources: ['em1', 'em2'],
    sourcesWithoutVms: [{ name: 'em2', error: 'EM answered 500 Internal Server Error' }],
  });

describe('sourcesWithoutVms', () => {
  it('is copied from the input by buildReport, each source once, and absent when there are none', async () => {
    const report = await buildReport(
      {
        sessions: [],
        source: 'em2',
        sourcesWithoutVms: [
          { name: 'em2', error: 'timed out' },
          { name: 'em2', error: 'again' },
        ],
      },
      options,
    );
    expect(report.sourcesWithoutVms).toEqual([{ name: 'em2', error: 'timed out' }]);
    expect(await buildReport({ sessions: [], sourcesWithoutVms: [] }, options)).not.toHaveProperty(
      'sourcesWithoutVms',
    );
    expect(await buildReport({ sessions: [] }, options)).not.toHaveProperty('sourcesWithoutVms');
  });

  it('is refused by buildReport when it is no array of { name, error } strings (from JavaScript)', async () => {
    expect(await refusal({ sessions: [], sourcesWithoutVms: 'em2' })).toBe(
      'input.sourcesWithoutVms is a string, not an array of { name, error }',
    );
    expect(await refusal({ sessions: [], sourcesWithoutVms: [{ name: 'em2' }] })).toBe(
      'input.sourcesWithoutVms[0] ("em2"): error is missing, not a string',
    );
    expect(await refusal({ sessions: [], sourcesWithoutVms: [{ name: null, error: 'x' }] })).toBe(
      'input.sourcesWithoutVms[0]: name is null, not a string',
    );
  });

  it('is carried by mergeReports in the reports’ order, each source once', async () => {
    const east = await buildReport({ sessions: [], source: 'east' }, options);
    const west = await buildReport(
      { sessions: [], source: 'west', sourcesWithoutVms: [{ name: 'west', error: 'timed out' }] },
      options,
    );
    const north = await buildReport(
      { sessions: [], source: 'north', sourcesWithoutVms: [{ name: 'north', error: '500' }] },
      options,
    );
    expect(mergeReports([east, west, north, west]).sourcesWithoutVms).toEqual([
      { name: 'west', error: 'timed out' },
      { name: 'north', error: '500' },
    ]);
    expect(mergeReports([east, east])).not.toHaveProperty('sourcesWithoutVms');
  });

  it('makes the count of VMs breaching their RPO unknown in the report of buildReport, as task sessions were given of part of its sources only', async () => {
    const whole = await buildReport({ sessions: [], taskSessions: [], source: 'east' }, options);
    const part = await buildReport(
      {
        sessions: [],
        taskSessions: [],
        source: 'east',
        sourcesWithoutVms: [{ name: 'west', error: 'timed out' }],
      },
      options,
    );
    expect(whole.totals.vmsBreachingRpo).toBe(0);
    expect(part.totals.vmsBreachingRpo).toBeNull();
  });

  it('makes the merged count of VMs breaching their RPO unknown, as the other sources’ alone would read as the whole', async () => {
    const east = await buildReport({ sessions: [], taskSessions: [], source: 'east' }, options);
    const south = await buildReport({ sessions: [], taskSessions: [], source: 'south' }, options);
    const west = await buildReport(
      {
        sessions: [],
        taskSessions: [],
        source: 'west',
        sourcesWithoutVms: [{ name: 'west', error: 'timed out' }],
      },
      options,
    );
    expect(mergeReports([east, south]).totals.vmsBreachingRpo).toBe(0);
    expect(mergeReports([east, west]).totals.vmsBreachingRpo).toBeNull();
  });

  it('is refused by mergeReports when a report has one that is no array', async () => {
    const east = await buildReport({ sessions: [], source: 'east' }, options);
    const bad = { ...east, sourcesWithoutVms: { name: 'west' } } as unknown as SessionReport;
    expect(() => mergeReports([east, bad])).toThrow(
      new ReportError(
        'invalid-input',
        'report 1 has sourcesWithoutVms an object, not an array of { name, error }',
      ),
    );
  });

  it('is in the JSON as it is', () => {
    expect(JSON.parse(renderJson(twoSources())).sourcesWithoutVms).toEqual([
      { name: 'em2', error: 'EM answered 500 Internal Server Error' },
    ]);
  });

  it('is a section of the text report naming each source and why', () => {
    expect(renderText(twoSources(), { width: 200 })).toContain(
      '\nSources without VMs: their task sessions could not be read; their jobs are in the report, their VMs are not\n  em2: EM answered 500 Internal Server Error\n',
    );
    expect(renderText(sessionReport())).not.toContain('Sources without VMs');
  });

  it('is a section of the Markdown report naming each source and why', () => {
    expect(renderMarkdown(twoSources())).toContain(
      '## Sources without VMs\n\nTheir task sessions could not be read: their jobs are in the report, their VMs are not.\n\n| Source | Error |\n| --- | --- |\n| em2 | EM answered 500 Internal Server Error |\n',
    );
    expect(renderMarkdown(sessionReport())).not.toContain('Sources without VMs');
  });

  it('is a notice at the top of the HTML report and a table naming each source and why', () => {
    const html = renderHtml(twoSources());
    const notice =
      '<p class="notice">VMs missing: the task sessions of 1 source could not be read, their VMs are not in the report (see Sources without VMs below).</p>';
    expect(html).toContain(notice);
    expect(html.indexOf(notice)).toBeLessThan(html.indexOf('<h2>'));
    expect(html).toContain('<h2>Sources without VMs</h2>');
    expect(html).toMatch(
      /<td[^>]*>em2<\/td>\s*<td[^>]*>EM answered 500 Internal Server Error<\/td>/,
    );
    expect(renderHtml(sessionReport())).not.toContain('Sources without VMs');
  });

  it('is a notice at the top of the text and Markdown reports, worded as the HTML words it, before the totals', () => {
    const partial = sessionReport({
      ...twoSources(),
      failedSources: [{ name: 'em3', error: 'down' }],
    });
    const notice =
      'Partial report: 1 source failed (see Failed sources below). VMs missing: the task sessions of 1 source could not be read, their VMs are not in the report (see Sources without VMs below).';
    const text = renderText(partial, { width: 400 }).split('\n');
    expect(text[1]).toBe(notice);
    expect(text[2]).toMatch(/^\d+ jobs?, \d+ runs?/);
    // Wrapped to the width as the other lines are.
    expect(renderText(twoSources()).split('\n').slice(1, 4)).toEqual([
      'VMs missing: the task sessions of 1 source could not be read, their VMs are',
      '  not in the report (see Sources without VMs below).',
      expect.stringMatching(/^\d+ jobs?, \d+ runs?/),
    ]);
    const markdown = renderMarkdown(partial);
    expect(markdown).toContain(`generated 2025-09-24 10:00.\n\n> ${notice}\n\n## Totals\n`);
    // A whole report has none.
    const whole = sessionReport({ ...twoSources(), sourcesWithoutVms: [] });
    expect(renderText(whole)).not.toContain('VMs missing');
    expect(renderMarkdown(whole)).not.toContain('> ');
  });

  it('makes the text report’s count of VMs breaching their RPO unknown when it is, not left out as without task sessions', () => {
    const unknown = sessionReport({
      ...twoSources(),
      totals: { ...sessionReport().totals, vmsBreachingRpo: null },
    });
    expect(renderText(unknown, { width: 200 })).toContain(
      '\nSuccess rate n/a (no finished runs); RPO breached by 0 jobs, VMs unknown\n',
    );
    // No task sessions asked for (`--no-tasks`): no VM count, as before.
    const noTasks = sessionReport({
      empty: false,
      totals: { ...sessionReport().totals, vmsBreachingRpo: null },
    });
    expect(renderText(noTasks, { width: 200 })).toContain('; RPO breached by 0 jobs\n');
  });

  it('is vbem_source_vms_known 0 in Prometheus, 1 for the sources whose VMs are in', () => {
    const known = (report: SessionReport) =>
      renderPrometheus(report)
        .split('\n')
        .filter((line) => line.startsWith('vbem_source_vms_known'));
    expect(known(twoSources())).toEqual([
      'vbem_source_vms_known{source="em1"} 1',
      'vbem_source_vms_known{source="em2"} 0',
    ]);
    // One EM whose tasks failed: its VMs are not assessed at all, and still it says so.
    const alone = sessionReport({
      sources: ['em2'],
      totals: { ...sessionReport().totals, vmsBreachingRpo: null },
      sourcesWithoutVms: [{ name: 'em2', error: 'timed out' }],
    });
    expect(known(alone)).toEqual(['vbem_source_vms_known{source="em2"} 0']);
    // No task sessions asked for (`--no-tasks`): neither 1 nor 0 would be true.
    const noTasks = sessionReport({
      sources: ['em1'],
      totals: { ...sessionReport().totals, vmsBreachingRpo: null },
    });
    expect(known(noTasks)).toEqual([]);
    // A failed source has source_up 0 and no VM gauge.
    const failed = sessionReport({
      sources: ['em1'],
      failedSources: [{ name: 'em3', error: 'down' }],
    });
    expect(known(failed)).toEqual(['vbem_source_vms_known{source="em1"} 1']);
  });

  it('has no place in the CSV, which is of jobs', () => {
    const { sourcesWithoutVms: _, ...without } = twoSources();
    expect(renderCsv(twoSources())).toBe(renderCsv(without));
  });
});
