import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/render-html.js';
import { toSingleLine } from '../src/render/single-line.js';
import type { DayReport, SessionReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import {
  groupedReport,
  HOSTILE_NAMES,
  hostileReport,
  labelLikeServersReport,
  sameNameReport,
  sessionReport,
  smallReport,
  twoSourceReport,
} from './render-fixtures.js';

const CSP_META =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; ' +
  "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">";

const FIXTURES: readonly [string, () => SessionReport][] = [
  ['small', smallReport],
  ['hostile', hostileReport],
  ['empty', sessionReport],
];

/** The elements the report is made of; anything else (img, a, script, iframe…) is a leak. */
const ALLOWED_ELEMENTS = new Set([
  ...['html', 'head', 'meta', 'title', 'style', 'body', 'div', 'h1', 'h2', 'p', 'br', 'span'],
  ...['table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ...['svg', 'g', 'rect', 'line', 'text', 'tspan'],
]);

interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

/**
 * Every tag of the document. Text never holds a raw `<`, so each `<` opens the doctype, an end
 * tag or a start tag whose attributes are all double-quoted; anything else throws, because it
 * would mean a string broke out of text or out of an attribute value.
 */
function tags(html: string): Tag[] {
  const found: Tag[] = [];
  const TAG =
    /<(?:!DOCTYPE html|\/[a-z0-9]+|([a-z0-9]+)((?:\s+[a-zA-Z][a-zA-Z0-9-]*="[^"<]*")*)\s*\/?)>/gy;
  let index = 0;
  for (;;) {
    index = html.indexOf('<', index);
    if (index === -1) return found;
    TAG.lastIndex = index;
    const match = TAG.exec(html);
    if (match === null)
      throw new Error(`not a well-formed tag at ${html.slice(index, index + 60)}`);
    const [, name, attributes = ''] = match;
    if (name !== undefined) {
      const pairs = [...attributes.matchAll(/([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"/g)];
      found.push({
        name,
        attributes: new Map(pairs.map(([, key = '', value = '']) => [key, value])),
      });
    }
    index = TAG.lastIndex;
  }
}

const REFERENCES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};
const decode = (markup: string): string =>
  markup.replace(/&(?:lt|gt|quot|#39|amp);/g, (reference) => REFERENCES[reference] ?? reference);

/** The job names of the job table, in row order, as a browser would show them. */
const jobNames = (html: string): string[] =>
  [...html.matchAll(/<span class="job-name">([^<]*)<\/span>/g)].map(([, name = '']) =>
    decode(name),
  );

/** The rows of the table of `className`, each its cells' text as a browser would show it. */
function tableRows(html: string, className: string): string[][] {
  const start = html.indexOf(`<table class="${className}">`);
  if (start === -1) return [];
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row = '']) =>
    [...row.matchAll(/<t[hd] class="\w+">([^<]*)<\/t[hd]>/g)].map(([, cell = '']) => decode(cell)),
  );
}

/** The chart's day groups: their counts, and the bars drawn for them. */
function chartDays(html: string) {
  return [
    ...html.matchAll(
      /<g class="day" data-date="([^"]*)" data-successful="(\d+)" data-warning="(\d+)" data-failed="(\d+)">(.*?)<\/g>/g,
    ),
  ].map(([, date = '', successful, warning, failed, content = '']) => ({
    date: decode(date),
    successfulRuns: Number(successful),
    warningRuns: Number(warning),
    failedRuns: Number(failed),
    bars: [
      ...content.matchAll(
        /<rect class="(\w+)" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g,
      ),
    ].map(([, series = '', height]) => ({ series, height: Number(height) })),
  }));
}

describe('renderHtml', () => {
  it('names the source a failed backup server is a part of, escaped, so it reads as no EM', () => {
    const report = twoSourceReport();
    report.failedSources = [
      { name: 'em-west', error: 'timeout', source: '<em-east>' },
      { name: 'em-north', error: 'connection refused' },
    ];
    const html = renderHtml(report);
    expect(tableRows(html, 'failed-sources')).toEqual([
      ['Source', 'Error'],
      ['em-west (of <em-east>)', 'timeout'],
      ['em-north', 'connection refused'],
    ]);
    expect(html).toContain('>em-west (of &lt;em-east&gt;)</td>');
  });

  it('charts 200,000 days without overflowing the call stack', () => {
    // Math.max(...days) passes one argument per day: about 125,000 overflow the stack.
    const day: DayReport = { date: '2025-09-17', successfulRuns: 1, warningRuns: 0, failedRuns: 2 };
    const days = Array.from({ length: 200_000 }, () => day);
    const html = renderHtml(sessionReport({ empty: false, days }));
    expect(html).toContain('Failed runs on 200000 of 200000 days, at most 2 a day.');
  }, 60_000); // Far from any timing: what it checks is that nothing overflows the stack.

  it('opens the head with the Content-Security-Policy, then charset and viewport', () => {
    for (const [, fixture] of FIXTURES) {
      const html = renderHtml(fixture());
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n')).toBe(true);
      const head = html.slice(html.indexOf('<head>') + '<head>'.length, html.indexOf('</head>'));
      expect(head.trimStart().startsWith(CSP_META)).toBe(true);
      expect(head).toContain('<meta charset="utf-8">');
      expect(head).toContain(
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
      );
      expect(
        tags(html)
          .filter((tag) => tag.name === 'meta')[0]
          ?.attributes.get('http-equiv'),
      ).toBe('Content-Security-Policy');
    }
  });

  it.each(FIXTURES)('%s report: no script, no event handler, nothing to fetch', (_, fixture) => {
    const html = renderHtml(fixture(), { top: 100 });
    expect(html).not.toMatch(/<script/i);
    const all = tags(html);
    for (const { name, attributes } of all) {
      expect(ALLOWED_ELEMENTS).toContain(name);
      for (const [attribute, value] of attributes) {
        expect(attribute).not.toMatch(
          /^on|^(?:href|src|srcset|style|action|formaction|background)$/i,
        );
        expect(value).not.toMatch(/(?:https?|javascript|ftp|file):|\/\/|url\(/i);
      }
    }
    const styles = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(styles).not.toMatch(/url\(|@import|https?:|\/\//i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  });

  it('keeps hostile names as escaped text, wherever they appear', () => {
    const html = renderHtml(hostileReport(), { top: 100 });
    expect(html).toContain('<span class="job-name">&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(html).toContain(
      '<span class="job-name">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>',
    );
    expect(html).toContain('<span class="job-name">javascript:alert(1)</span>');
    for (const name of HOSTILE_NAMES) {
      if (/[<>&"']/.test(name)) expect(html).not.toContain(name);
    }
    // Each name in the job, VM, missed-job and failed-source tables and as a reason.
    const text = decode(html);
    for (const name of HOSTILE_NAMES) {
      expect(text.split(toSingleLine(name)).length - 1).toBeGreaterThanOrEqual(5);
    }
    // Each name a backup server and a job type of its own, as escaped text in the key column.
    for (const className of ['by-backup-server', 'by-job-type']) {
      const keys = tableRows(html, className)
        .slice(1)
        .map(([key]) => key);
      expect(keys.sort()).toEqual(HOSTILE_NAMES.map(toSingleLine).sort());
    }
    expect(html).toContain('<tr><td class="text">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    // No control or bidi character reaches the document.
    expect(html).not.toMatch(/[^\P{Cc}\n]|[\u202A-\u202E\u2066-\u2069]/u);
  });

  it('tells jobs of one name apart in the VM and missed job tables, as the job table does', () => {
    const html = renderHtml(sameNameReport());
    expect(html).toContain(
      '<span class="job-name">Daily</span><span class="sub">Backup on vbr01</span>',
    );
    expect(html).toContain(
      '<span class="job-name">Daily</span><span class="sub">Backup on vbr02</span>',
    );
    expect(html).toContain('db01</td><td class="text">Daily (vbr01)</td>');
    expect(html).toContain('db01</td><td class="text">Daily (vbr02)</td>');
    expect(html).toContain('<td class="text">Daily (cccccccc)</td><td class="text">Backup</td>');
  });

  it('names the source of each missed job when the jobs come from more than one EM', () => {
    const html = renderHtml(twoSourceReport());
    expect(html).toContain(
      '<td class="text">Weekly archive</td><td class="text">branch</td><td class="text">Backup</td>',
    );
    // One source: no column.
    expect(renderHtml(smallReport())).toContain(
      '<td class="text">Weekly archive</td><td class="text">Backup</td>',
    );
  });

  it('lists the jobs in the order of the report', () => {
    expect(jobNames(renderHtml(smallReport()))).toEqual([
      'Nightly SQL',
      'File server',
      'Replica DC',
    ]);
    expect(jobNames(renderHtml(hostileReport()))).toEqual(HOSTILE_NAMES.map(toSingleLine));
  });

  it('shows health as a coloured badge with its word, and the notes of each job', () => {
    const html = renderHtml(smallReport());
    const rows = html.split('\n').filter((line) => line.includes('class="job-name"'));
    expect(rows[0]).toContain('<span class="badge health-critical">critical</span>');
    expect(rows[0]).toContain('<span class="result-failed">Failed</span>');
    expect(rows[0]).toContain('<td class="number">2d 4h ago</td>');
    expect(rows[0]).toContain('<td class="number">57.1%</td>');
    expect(rows[0]).toContain('<span class="mark">running 3h 20m</span>');
    expect(rows[0]).toContain('<span class="mark">slower than usual</span>');
    expect(rows[0]).toContain('<span class="reason">no success for 2d 4h (RPO 1d)</span>');
    expect(rows[1]).toContain('<span class="badge health-warning">warning</span>');
    expect(rows[2]).toContain('<span class="badge health-ok">ok</span>');
    expect(rows[2]).toContain('<span class="sub">Replica</span>');
  });

  it('has a header, the totals and the lists after the jobs', () => {
    const html = renderHtml(smallReport());
    expect(html).toContain('<title>Session report</title>');
    expect(html).toContain(
      '<p class="meta">Window: 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin)<br>' +
        'Policy: strict (only Success counts as a success)<br>Generated: 2025-09-24 10:00</p>',
    );
    // Failed, not `did not answer`: a source may have answered, with a 401 or a TLS error.
    expect(html).toContain(
      '<p class="notice">Partial report: 1 source failed (see Failed sources below).</p>',
    );
    expect(tableRows(html, 'failed-sources')).toEqual([
      ['Source', 'Error'],
      ['em2.example.com', 'connect ECONNREFUSED 10.0.0.2:9398'],
    ]);
    expect(html).toContain(
      '<h2>Failed sources</h2>\n<p class="note">The report is partial: these sources failed.</p>',
    );
    expect(html).not.toContain('did not answer');
    expect(html).toContain(
      '<tr><td class="number">3</td><td class="number">24</td><td class="number">26</td>',
    );
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map(([, heading]) => heading);
    expect(headings).toEqual([
      'Totals',
      'Runs per day',
      'Jobs',
      'VMs breaching RPO',
      'Top failure reasons',
      'Missed jobs',
      'Failed sources',
    ]);
    expect(html).toContain(
      '<td class="number">5</td><td class="text">Timed out after &lt;n&gt; s</td>',
    );
  });

  it('adds a table per grouping after the jobs: backup servers, then job types', () => {
    const html = renderHtml(groupedReport());
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map(([, heading]) => heading);
    expect(headings.slice(2, 5)).toEqual(['Jobs', 'By backup server', 'By job type']);
    const figures = ['Jobs', 'Runs', 'Failed', 'Success rate', 'Jobs breaching RPO'];
    expect(tableRows(html, 'by-backup-server')).toEqual([
      ['Backup server', ...figures],
      ['vbr01', '2', '21', '6', '66.7%', '1'],
      ['(no server)', '1', '3', '0', '100.0%', '0'],
    ]);
    expect(tableRows(html, 'by-job-type')).toEqual([
      ['Job type', ...figures],
      ['Backup', '2', '21', '6', '66.7%', '1'],
      ['Replica', '1', '3', '0', '100.0%', '0'],
    ]);
    expect(html).toContain('<tr><td class="text">vbr01</td><td class="number">2</td>');
    expect(renderHtml(smallReport())).not.toContain('<h2>By ');
  });

  it('tells the jobs without a backup server apart from a server named like their label', () => {
    const rows = tableRows(renderHtml(labelLikeServersReport()), 'by-backup-server');
    expect(rows.slice(1).map(([key, jobs]) => [key, jobs])).toEqual([
      ['(no server)', '1'],
      ['"(no server)"', '2'],
      ['""(no server)""', '3'],
      ['"(no server)"', '4'],
    ]);
  });

  it('says plainly that the window had no job sessions, without job table or chart', () => {
    const html = renderHtml(sessionReport());
    expect(html).toContain(
      '<p class="empty">No job sessions in the window 2025-09-17 00:00 – 2025-09-24 00:00.</p>',
    );
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<table');
    const withMissedJobs = renderHtml({ ...sessionReport(), missedJobs: smallReport().missedJobs });
    expect(withMissedJobs).toContain('<h2>Missed jobs</h2>');
    expect(withMissedJobs).not.toContain('class="jobs"');
  });

  it('draws one bar group per day whose counts and bar heights match report.days', () => {
    const report = smallReport();
    const html = renderHtml(report);
    const days = chartDays(html);
    expect(days.map(({ bars, ...counts }) => counts)).toEqual(report.days);
    // Every bar is as tall as its count, at one scale for the whole chart.
    const perRun = days.flatMap((day) =>
      day.bars.map((bar) => bar.height / (day[`${bar.series}Runs` as keyof DayReport] as number)),
    );
    expect(perRun).toHaveLength(10);
    for (const scale of perRun) expect(scale).toBeCloseTo(perRun[0] ?? 0, 1);
    expect(html).toContain('role="img"');
    const summary =
      'Runs per day from 2025-09-17 to 2025-09-23: 28 successful, 0 with a warning, 6 failed. ' +
      'Failed runs on 3 of 7 days, at most 2 a day.';
    expect(html).toContain(`aria-label="${summary}"`);
    expect(html).toContain(`<title>${summary}</title>`);
    expect(html).toContain('>Successful</text>');
  });

  it('labels the y axis with whole, nice numbers up to the tallest bar', () => {
    const yTicks = (html: string): number[] =>
      [...html.matchAll(/ text-anchor="end">(\d+)<\/text>/g)].map(([, tick]) => Number(tick));
    expect(yTicks(renderHtml(smallReport()))).toEqual([0, 2, 4, 6, 8, 10]);
    const quiet = smallReport();
    quiet.days = quiet.days.map((day) => ({ ...day, successfulRuns: 1, failedRuns: 0 }));
    expect(yTicks(renderHtml(quiet))).toEqual([0, 1]);
  });

  it('labels fewer dates than days on a long window, and keeps a bar group per day', () => {
    const report = smallReport();
    report.days = Array.from({ length: 92 }, (_, index) => ({
      date: new Date(Date.UTC(2025, 6, 1 + index)).toISOString().slice(0, 10),
      successfulRuns: index % 5,
      warningRuns: index % 2,
      failedRuns: index % 7 === 0 ? 1 : 0,
    }));
    const html = renderHtml(report);
    expect(chartDays(html)).toHaveLength(92);
    const xAxis = html.slice(html.indexOf('<g class="x-axis">'), html.indexOf('</svg>'));
    const labels = [...xAxis.matchAll(/<text /g)].length;
    expect(labels).toBeGreaterThan(5);
    expect(labels).toBeLessThan(30);
    expect(xAxis).toContain('<tspan x="');
    expect(xAxis).toContain('>Tue</tspan>');
    expect(xAxis).toContain('>Jul 1</tspan>');
  });

  it('escapes the title, time zone and policy too, and explains only known policies', () => {
    const report = { ...smallReport(), policy: '<i>any</i>' as 'strict', days: [] };
    report.window = { ...report.window, timeZone: 'UTC' };
    const html = renderHtml(report, { title: 'Weekly <b>backup</b> & "more"' });
    expect(html).toContain(
      '<title>Weekly &lt;b&gt;backup&lt;/b&gt; &amp; &quot;more&quot;</title>',
    );
    expect(html).toContain('<h1>Weekly &lt;b&gt;backup&lt;/b&gt; &amp; &quot;more&quot;</h1>');
    expect(html).toContain('Policy: &lt;i&gt;any&lt;/i&gt;<br>');
    expect(html).not.toContain('<svg');
    expect(renderHtml({ ...smallReport(), policy: 'warning-is-success' })).toContain(
      'Policy: warning-is-success (Warning counts as a success too)<br>',
    );
  });

  it('shows at most `top` rows per list and says how many there are', () => {
    const html = renderHtml(hostileReport(), { top: 3 });
    expect(html).toContain(
      '<p class="note">Jobs with no session in the window. Showing 3 of 20.</p>',
    );
    expect(html).toContain('<h2>VMs breaching RPO</h2>\n<p class="note">Showing 3 of 20.</p>');
    const missed = html.slice(html.indexOf('<table class="missed-jobs">'));
    expect(missed.slice(0, missed.indexOf('</table>')).match(/<tr>/g)).toHaveLength(1 + 3);
    expect(jobNames(html)).toHaveLength(20);
    expect(() => renderHtml(smallReport(), { top: 0 })).toThrow(ReportError);
  });

  it('is deterministic', () => {
    expect(renderHtml(hostileReport())).toBe(renderHtml(hostileReport()));
    expect(renderHtml(smallReport(), { top: 2 })).toBe(renderHtml(smallReport(), { top: 2 }));
  });
});
