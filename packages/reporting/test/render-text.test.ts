import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/display-width.js';
import { renderMarkdown } from '../src/render/render-markdown.js';
import { renderText } from '../src/render/render-text.js';
import type { GroupReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import {
  groupedReport,
  HOSTILE_NAMES,
  hostileReport,
  jobReport,
  labelLikeServersReport,
  sameNameReport,
  sessionReport,
  smallReport,
  twoSourceReport,
} from './render-fixtures.js';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
// Only the SGR sequences renderText writes itself: bold, red, green, yellow, reset.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ESC is the point.
const OWN_SGR = /\u001b\[(?:0|1|31|32|33)m/g;
// Controls but LF (the line separator), and the bidi controls that reorder text.
const UNSAFE = /[^\P{Cc}\n]|[\u202A-\u202E\u2066-\u2069]/u;

describe('renderText', () => {
  it('names the source a failed backup server is a part of, so it reads as no EM', () => {
    const report = twoSourceReport();
    report.failedSources = [
      { name: 'em-west', error: 'timeout', source: 'em-east' },
      { name: 'em-north', error: 'connection refused' },
    ];
    expect(renderText(report, { width: 100 })).toContain(
      '\nFailed sources: the report is partial\n  em-west (of em-east): timeout\n' +
        '  em-north: connection refused\n',
    );
  });

  it('renders a report of 200,000 jobs and failed sources without overflowing the call stack', () => {
    // push(...rows) passes one argument per row: about 125,000 overflow the stack.
    const count = 200_000;
    const job = jobReport({ jobName: 'Row' });
    const report = sessionReport({
      empty: false,
      jobs: Array.from({ length: count }, () => job),
      failedSources: Array.from({ length: count }, () => ({ name: 'em', error: 'down' })),
    });
    const text = renderText(report, { top: count });
    expect(text.split('\n').filter((line) => line.startsWith('Row ')).length).toBe(count);
    expect(text).toContain('  em: down\n');
  }, 60_000); // Far from any timing: what it checks is that nothing overflows the stack.

  it('shows a last success under two days old in hours, so that a breach of a 1d RPO shows', () => {
    const report = sessionReport({
      empty: false,
      jobs: [jobReport({ jobName: 'SQL', lastSuccessAgeSeconds: 88_200, rpoBreached: true })],
    });
    const row = renderText(report, { width: 100 })
      .split('\n')
      .find((line) => line.startsWith('SQL '));
    expect(row).toMatch(/ 24h 30m /);
  });

  it('summarises a report: header, totals, job table and lists', () => {
    expect(renderText(smallReport())).toBe(
      lines(
        'Sessions 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin), policy strict',
        'Partial report: 1 source failed (see Failed sources below).',
        '3 jobs, 24 runs (26 attempts): 17 success, 1 warning, 6 failed, 1 running',
        'Success rate 70.8%; RPO breached by 1 job, 1 VM',
        '',
        'Job          Health    Result   Last OK  Runs  Success  Notes',
        'Nightly SQL  critical  Failed     2d 4h    14    57.1%  running 3h 20m, slower',
        'File server  warning   Warning   8h 20m     7    85.7%',
        'Replica DC   ok        Success       1h     3   100.0%',
        '',
        'Why jobs are not ok',
        '  Nightly SQL (critical): 2 failed runs in a row; no success for 2d 4h (RPO 1d)',
        '  File server (warning): last run ended with a warning',
        '',
        'Failed sources: the report is partial',
        '  em2.example.com: connect ECONNREFUSED 10.0.0.2:9398',
        '',
        'Missed jobs: no session in the window',
        // Wrapped, not cut: the end of a line can be what it is there to say.
        '  Weekly archive (Backup, schedule disabled): RPO 24 h breached, last success',
        '    10.3 d ago',
        '',
        'VMs breaching RPO',
        '  sql01 (Nightly SQL): last success 52 h ago, RPO 24 h',
        '',
        'Top failure reasons',
        '  5  Timed out after 900 s',
        '  4  Failed to create VM snapshot on host esx01',
      ),
    );
  });

  it('adds a table of totals per backup server, then per job type, after why jobs are not ok', () => {
    const output = renderText(groupedReport());
    const start = output.indexOf('\nBy backup server\n');
    expect(output.slice(start, output.indexOf('\nFailed sources', start))).toBe(
      lines(
        '',
        'By backup server',
        'Backup server  Jobs  Runs  Failed  Success rate  Jobs breaching RPO',
        'vbr01             2    21       6         66.7%                   1',
        '(no server)       1     3       0        100.0%                   0',
        '',
        'By job type',
        'Job type  Jobs  Runs  Failed  Success rate  Jobs breaching RPO',
        'Backup       2    21       6         66.7%                   1',
        'Replica      1     3       0        100.0%                   0',
      ),
    );
    // Nothing else moves: without the groups it is the ungrouped report.
    expect(output.slice(0, start) + output.slice(output.indexOf('\nFailed sources'))).toBe(
      renderText(smallReport()),
    );
    expect(renderText(smallReport())).not.toMatch(/^By /m);
  });

  it('tells the jobs without a backup server apart from a server named like their label', () => {
    const output = renderText(labelLikeServersReport());
    const start = output.indexOf('\nBy backup server\n');
    expect(output.slice(start, output.indexOf('\nBy job type', start))).toBe(
      lines(
        '',
        'By backup server',
        'Backup server    Jobs  Runs  Failed  Success rate  Jobs breaching RPO',
        '(no server)         1     3       0        100.0%                   0',
        '"(no server)"       2     3       0        100.0%                   0',
        '""(no server)""     3     3       0        100.0%                   0',
        '"(no server)"       4     3       0        100.0%                   0',
      ),
    );
  });

  it('names the source of each backup server when they come from several EMs', () => {
    const report = groupedReport();
    const server = report.groups.find((group) => group.key === 'vbr01');
    report.groups = ['em-paris', 'em-tokyo'].map((source) => ({
      ...(server as GroupReport),
      source,
    }));
    const output = renderText(report);
    const start = output.indexOf('\nBy backup server\n');
    expect(output.slice(start, output.indexOf('\nFailed sources', start))).toBe(
      lines(
        '',
        'By backup server',
        'Backup server  Source    Jobs  Runs  Failed  Success rate  Jobs breaching RPO',
        'vbr01          em-paris     2    21       6         66.7%                   1',
        'vbr01          em-tokyo     2    21       6         66.7%                   1',
      ),
    );
  });

  it('shows every group, whatever `top`, a success rate without finished runs as a dash', () => {
    const report = groupedReport();
    report.groups = [
      ...HOSTILE_NAMES.slice(0, 12).map((key) => ({
        by: 'jobType' as const,
        key,
        source: null,
        jobs: 1,
        runs: 0,
        failedRuns: 0,
        successRate: null,
        jobsBreachingRpo: 1,
      })),
    ];
    const output = renderText(report, { top: 2, width: 400 });
    const [, heading, header, ...rest] = output
      .slice(output.indexOf('\nBy job type\n'))
      .split('\n');
    expect([heading, header]).toEqual([
      'By job type',
      expect.stringMatching(/^Job type +Jobs +Runs +Failed +Success rate +Jobs breaching RPO$/),
    ]);
    expect(rest.indexOf('')).toBe(12);
    for (const row of rest.slice(0, 12)) expect(row).toMatch(/ {2}1 {2,}0 {2,}0 {2,}- {2,}1$/);
    expect(rest[0]).toMatch(/^<script>alert\(1\)<\/script> /);
    expect(output).not.toContain('By backup server');
  });

  it('puts a reason a line when a job and its reasons do not fit the width', () => {
    const why = (width: number) => {
      const lines = renderText(smallReport(), { width }).split('\n');
      const start = lines.indexOf('Why jobs are not ok');
      return lines.slice(start + 1, lines.indexOf('', start));
    };
    expect(why(80)).toEqual([
      '  Nightly SQL (critical): 2 failed runs in a row; no success for 2d 4h (RPO 1d)',
      '  File server (warning): last run ended with a warning',
    ]);
    expect(why(60)).toEqual([
      '  Nightly SQL (critical):',
      '    2 failed runs in a row',
      '    no success for 2d 4h (RPO 1d)',
      '  File server (warning): last run ended with a warning',
    ]);
    // Narrower than a reason: it wraps at its spaces, and nothing is cut.
    expect(why(26)).toEqual([
      '  Nightly SQL (critical):',
      '    2 failed runs in a row',
      '    no success for 2d 4h',
      '    (RPO 1d)',
      '  File server (warning):',
      '    last run ended with a',
      '    warning',
    ]);
  });

  it('names the source of each job when the jobs come from more than one EM', () => {
    // Wide enough for the missed job's line whole.
    expect(renderText(twoSourceReport(), { width: 100 })).toBe(
      lines(
        'Sessions 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin), policy strict',
        '3 jobs, 24 runs (26 attempts): 17 success, 1 warning, 6 failed, 1 running',
        'Success rate 70.8%; RPO breached by 1 job, 1 VM',
        '',
        'Job                   Source  Health  Result   Last OK  Runs  Success  Notes',
        'Linux Servers Backup  hq      ok      Success       1h     1   100.0%',
        'Linux Servers Backup  branch  ok      Success       1h     1   100.0%',
        '',
        'Missed jobs: no session in the window',
        '  Weekly archive (Backup, scheduled, on branch): last success 30 h ago (RPO 48 h)',
      ),
    );
    // One source: no column.
    expect(renderText(smallReport())).not.toMatch(/Source/);
  });

  it('tells jobs of one name apart by their backup server, else by the start of their id', () => {
    const text = renderText(sameNameReport(), { width: 100 });
    expect(text).toMatch(/^Daily \(vbr01\) +ok /m);
    expect(text).toMatch(/^Daily \(vbr02\) +ok /m);
    expect(text).toMatch(/^Weekly +ok /m);
    expect(text).toContain(
      '  Daily (cccccccc) (Backup, scheduled): RPO 24 h breached, no success seen',
    );
    expect(text).toContain('  db01 (Daily (vbr01)): last success 55.6 h ago, RPO 24 h');
    expect(text).toContain('  db01 (Daily (vbr02)): last success 55.6 h ago, RPO 24 h');
  });

  it('says plainly that the window had no job sessions instead of an empty table', () => {
    expect(renderText(sessionReport())).toBe(
      lines(
        'Sessions 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin), policy strict',
        'No job sessions in the window 2025-09-17 00:00 – 2025-09-24 00:00.',
      ),
    );
  });

  it('says in the totals how many scheduled jobs that did not run breach their RPO', () => {
    const report = smallReport();
    const line = 'RPO also breached by 2 scheduled jobs that did not run (see Missed jobs)';
    expect(renderText(report)).not.toContain('RPO also breached');
    report.totals = { ...report.totals, missedJobsBreachingRpo: 2 };
    expect(renderText(report)).toContain(`\n${line}\n`);
    expect(renderMarkdown(report)).toContain('; 2 with a schedule breach their RPO.');
  });

  it('still lists missed jobs and failed sources of an empty window', () => {
    const report = sessionReport({
      missedJobs: [
        {
          jobUid: 'u',
          jobName: 'Nightly',
          jobType: '',
          scheduleEnabled: true,
          backupServer: null,
          source: null,
          lastSuccessAt: null,
          lastSuccessAgeSeconds: null,
          rpoSeconds: 86_400,
          rpoBreached: true,
        },
      ],
      failedSources: [{ name: 'em1', error: 'timeout' }],
    });
    expect(renderText(report)).toBe(
      lines(
        'Sessions 2025-09-17 00:00 – 2025-09-24 00:00 (Europe/Berlin), policy strict',
        'Partial report: 1 source failed (see Failed sources below).',
        'No job sessions in the window 2025-09-17 00:00 – 2025-09-24 00:00.',
        '',
        'Failed sources: the report is partial',
        '  em1: timeout',
        '',
        'Missed jobs: no session in the window',
        '  Nightly (scheduled): RPO 24 h breached, no success seen',
      ),
    );
  });

  it('shows at most `top` entries per list and says how many there are', () => {
    const output = renderText(hostileReport(), { top: 2 });
    expect(output).toContain('\nMissed jobs (2 of 20): no session in the window\n');
    expect(output).toContain('\nVMs breaching RPO (2 of 20)\n');
    expect(output).toContain('\nTop failure reasons (2 of 20)\n');
  });

  it('shows a job without runs to its name, success or finished runs with dashes', () => {
    const report = smallReport();
    report.jobs = [
      jobReport({
        jobName: 'New job',
        lastResult: null,
        lastSuccessAgeSeconds: null,
        successRate: null,
        runs: 0,
      }),
    ];
    expect(renderText(report).split('\n').slice(5, 7)).toEqual([
      'Job      Health  Result  Last OK  Runs  Success  Notes',
      'New job  ok      -             -     0        -',
    ]);
  });

  it('colours health, results and headings only when asked', () => {
    expect(renderText(smallReport())).not.toContain('\u001b');
    const coloured = renderText(smallReport(), { color: true });
    expect(coloured).toContain('\u001b[31mcritical\u001b[0m  \u001b[31mFailed\u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m   \u001b[33mWarning\u001b[0m');
    expect(coloured).toContain('\u001b[32mok\u001b[0m        \u001b[32mSuccess\u001b[0m');
    expect(coloured).toContain('\u001b[1mTop failure reasons\u001b[0m');
    expect(coloured.replace(OWN_SGR, '')).toBe(renderText(smallReport()));
  });

  it.each([80, 60, 40, 20, 1])('fits every line in %i columns, hostile names included', (width) => {
    for (const report of [smallReport(), hostileReport()]) {
      for (const color of [false, true]) {
        const output = renderText(report, { width, color });
        for (const line of output.replace(OWN_SGR, '').split('\n')) {
          expect(displayWidth(line)).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('fits 80 columns by default, cutting long and wide names with …', () => {
    const report = smallReport();
    report.jobs = [
      jobReport({ jobName: 'x'.repeat(200) }),
      jobReport({ jobName: '備份作業'.repeat(30) }),
      jobReport({ jobName: '👨‍👩‍👧‍👦🔥'.repeat(30) }),
    ];
    // The job column gets what the others leave of 80 columns: 39, once the Notes column, which
    // has nothing in it, is left out.
    const table = renderText(report).split('\n').slice(5, 9);
    expect(table).toEqual([
      `Job${' '.repeat(36)}  Health  Result   Last OK  Runs  Success`,
      `${'x'.repeat(38)}…  ok      Success       1h     1   100.0%`,
      `${'備份作業'.repeat(4)}備份作…  ok      Success       1h     1   100.0%`,
      `${'👨‍👩‍👧‍👦🔥'.repeat(9)}👨‍👩‍👧‍👦…  ok      Success       1h     1   100.0%`,
    ]);
    expect(table.map(displayWidth)).toEqual([80, 80, 80, 80]);
  });

  it('keeps numbers whole at 40 columns: names, notes, the result and the health give up width first', () => {
    const narrow = renderText(smallReport(), { width: 40 }).split('\n');
    // The heading and the totals are wrapped at spaces: no count is cut away.
    expect(narrow.slice(0, narrow.indexOf(''))).toEqual([
      'Sessions 2025-09-17 00:00 – 2025-09-24',
      '  00:00 (Europe/Berlin), policy strict',
      'Partial report: 1 source failed (see',
      '  Failed sources below).',
      '3 jobs, 24 runs (26 attempts): 17',
      '  success, 1 warning, 6 failed, 1',
      '  running',
      'Success rate 70.8%; RPO breached by 1',
      '  job, 1 VM',
    ]);
    const start = narrow.findIndex((line) => line.startsWith('Job '));
    const table = narrow.slice(start, start + 4);
    expect(table).toEqual([
      'Job       Health  Last OK  Runs  Success',
      'Nightly…  criti…    2d 4h    14    57.1%',
      'File se…  warni…   8h 20m     7    85.7%',
      'Replica…  ok           1h     3   100.0%',
    ]);
    // Group tables too: a number's header is cut, never the number.
    const text = renderText(groupedReport(), { width: 40 });
    expect(text).toContain('\nvbr01           2    21     6   66.7%  1\n');
    expect(text).toContain('\n(no server)     1     3     0  100.0%  0\n');
    expect(text).toContain('\nReplica      1     3       0   100.0%  0\n');
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    // Wider, the result is cut before it is left out.
    const fifty = renderText(smallReport(), { width: 50 }).split('\n');
    expect(fifty[fifty.findIndex((line) => line.startsWith('Job ')) + 1]).toBe(
      'Nightly…  critical  Failed    2d 4h    14    57.1%',
    );
  });

  it("cuts the figures' headers before a group key that tells the rows apart", () => {
    const report = groupedReport();
    report.groups = ['vbr-datacenter-01', 'vbr-datacenter-02', 'vbr-datacenter-03'].map((key) => ({
      by: 'backupServer',
      key,
      source: null,
      jobs: 1,
      runs: 1,
      failedRuns: 0,
      successRate: 1,
      jobsBreachingRpo: 0,
    }));
    for (const width of [60, 70]) {
      const lines = renderText(report, { width }).split('\n');
      const rows = lines.filter((line) => line.startsWith('vbr-'));
      expect(rows.map((row) => row.slice(0, 17))).toEqual([
        'vbr-datacenter-01',
        'vbr-datacenter-02',
        'vbr-datacenter-03',
      ]);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
    // Past 24 columns a key still gives up width after the headers, and at 40 columns first.
    report.groups = report.groups.map((group) => ({
      ...group,
      key: `${group.key}-${'x'.repeat(30)}`,
    }));
    const sixty = renderText(report, { width: 60 })
      .split('\n')
      .filter((line) => line.startsWith('vbr-'));
    expect(sixty[0]?.slice(0, 24)).toBe('vbr-datacenter-01-xxxxx…');
  });

  it("cuts the figures' headers before the source of a group, which tells rows apart too", () => {
    const report = groupedReport();
    report.groups = ['em-profile-number-0', 'em-profile-number-1'].map((source) => ({
      by: 'backupServer',
      key: 'vbr-datacenter-01',
      source,
      jobs: 1,
      runs: 1,
      failedRuns: 0,
      successRate: 1,
      jobsBreachingRpo: 0,
    }));
    const lines = renderText(report, { width: 80 }).split('\n');
    const rows = lines.filter((line) => line.startsWith('vbr-'));
    expect(rows.map((row) => row.slice(0, 40))).toEqual([
      'vbr-datacenter-01  em-profile-number-0  ',
      'vbr-datacenter-01  em-profile-number-1  ',
    ]);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it('fits arbitrary Unicode names in the width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 120 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 120 }),
        (names, width) => {
          const report = smallReport();
          report.jobs = names.map((jobName) => jobReport({ jobName }));
          report.failedSources = names.map((name) => ({ name, error: name }));
          for (const line of renderText(report, { width }).split('\n')) {
            expect(displayWidth(line)).toBeLessThanOrEqual(width);
          }
        },
      ),
    );
  });

  it('keeps hostile names inert: no line breaks, escape sequences or bidi overrides of theirs', () => {
    const plain = renderText(hostileReport(), { width: 400 });
    const coloured = renderText(hostileReport(), { width: 400, color: true });
    expect(plain).not.toMatch(UNSAFE);
    expect(coloured.replace(OWN_SGR, '')).toBe(plain);
    // Header, partial notice, totals, blank, table header; 20 jobs; blank, heading and 20 failed sources; four
    // lists of 10 shown with a blank and a heading each (jobs not ok, missed jobs, VMs, reasons);
    // two group tables (servers, job types) of 20 groups with a blank, heading and table header
    // each; the empty string after the last line.
    expect(plain.split('\n')).toHaveLength(6 + 20 + 22 + 4 * 12 + 2 * 23 + 1);
    // The jobs come from several sources: a Source column between the name and the health.
    expect(plain).toMatch(/\nfirst line second line {2,}\S[^\n]* {2,}critical/);
    expect(plain).toMatch(
      /\ncolour \uFFFD\[31mred\uFFFD\[0m \uFFFD\]8;;http:\/\/evil\uFFFDlink {2,}\S[^\n]* {2,}critical/,
    );
    // A group key is one line of inert text too, its figures after it.
    expect(plain).toMatch(/\ncr lf end {2,}1 {2,}1 {2,}0 {2,}100\.0% {2,}1\n/);
    expect(plain).toMatch(/\nbidi \uFFFDevil\uFFFD {2,}1 {2,}1 /);
    for (const name of HOSTILE_NAMES.filter((name) => !/[\p{Cc}\u202E]/u.test(name))) {
      expect(plain).toContain(name);
    }
  });

  it('refuses a width or top that is not a whole number of 1 or more', () => {
    expect(() => renderText(smallReport(), { width: 0 })).toThrow(
      new ReportError('invalid-option', 'width must be a whole number of 1 or more, not 0'),
    );
    expect(() => renderText(smallReport(), { width: 79.5 })).toThrow(ReportError);
    expect(() => renderText(smallReport(), { top: 0 })).toThrow(ReportError);
  });

  it('refuses a report whose time zone the runtime does not know', () => {
    const report = sessionReport();
    report.window.timeZone = '<script>alert(1)</script>';
    expect(() => renderText(report)).toThrow(ReportError);
  });
});
