import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unknownOptionMessage } from '../src/cli-command.js';
import type { CliIo } from '../src/cli-io.js';
import { tableWidth } from '../src/cli-io.js';
import { instantOf } from '../src/option-values.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-11-25T12:00:00Z');

/** `vbem argv…` in-process, with no EM and no terminal. */
const vbem = (
  argv: readonly string[],
  env: Record<string, string> = {},
  terminal?: { columns: number | undefined },
) => vbemInProcess(argv, { env, now: NOW, ...(terminal && { terminal }) });

describe('extra positional arguments are usage errors, not ignored', () => {
  it.each([
    [['sessions', '--demo', '--result', 'Failed', 'Warning'], 'Warning'],
    [['tasks', '--demo', '--vm', 'sql01', 'sql02'], 'sql02'],
    [['report', '--demo', '--format', 'html', 'weekly.html'], 'weekly.html'],
    [['query', 'Job', '--demo', 'extra'], 'extra'],
    [['sessions', 'show', 'id', 'other', '--demo'], 'other'],
    [['doctor', '--demo', 'now'], 'now'],
    [['emulator', '--port', '0', 'x'], 'x'],
  ])('vbem %j: exit 2', async (argv) => {
    const run = await vbem(argv);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/too many arguments/);
    expect(run.stdout).toBe('');
  });

  it('an empty filter value is refused, not taken for no filter', async () => {
    for (const argv of [
      ['sessions', '--demo', '--result', ''],
      ['sessions', '--demo', '--result', ','],
      ['sessions', '--demo', '--job', ''],
      ['tasks', '--demo', '--vm', ' '],
      ['report', '--demo', '--output', ''],
    ]) {
      const run = await vbem(argv);
      expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/empty|names nothing|needs a file name/);
      expect(run.stdout).toBe('');
    }
    const toStdout = await vbem(['report', '--demo', '--output', '-', '--format', 'csv']);
    expect(toStdout.code, toStdout.stderr).toBe(0);
    expect(toStdout.stdout).toMatch(/^job_uid,job_name/);
  });

  it('--demo refuses flags that name an EM or credentials, and checks --timeout as for an EM', async () => {
    for (const [argv, message] of [
      [['sessions', '--demo', '--url', 'https://em.example.com:9398'], /it takes no --url/],
      [
        ['sessions', '--demo', '--profile', 'prod', '--insecure'],
        /it takes no --insecure, --profile/,
      ],
      [['sessions', '--demo', '--timeout', 'abc'], /--timeout: "abc" is not a number/],
    ] as const) {
      const run = await vbem(argv);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const check = await vbem(['check', '--demo', '--all']);
    expect(check.code).toBe(3);
    expect(check.stdout).toMatch(
      /^VBEM UNKNOWN - --demo connects to the embedded emulator: it takes no --all/,
    );
    const json = await vbem(['sessions', '--demo', '--api-format', 'json', '--limit', '1']);
    expect(json.code, json.stderr).toBe(0);
  });

  it("options after `sessions show` are show's own: the listing's are refused there", async () => {
    for (const [flags, message] of [
      [['--format', 'csv'], /argument 'csv' is invalid. Allowed choices are table, json/],
      [['--limit', '3'], /unknown option '--limit'/],
      [['--result', 'Failed'], /unknown option '--result'/],
    ] as const) {
      const run = await vbem([
        'sessions',
        'show',
        '--demo',
        '00000000-0000-0000-0000-000000000000',
        ...flags,
      ]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    // Show's own --format is taken: JSON, not the listing's default table.
    const listed = await vbem(['sessions', '--demo', '--format', 'json', '--limit', '1']);
    const [first] = JSON.parse(listed.stdout) as { uid: string }[];
    const shown = await vbem(['sessions', 'show', first?.uid ?? '', '--demo', '--format', 'json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ uid: first?.uid });
    // Before show, they are the listing's, and refused too rather than ignored.
    for (const [flags, message] of [
      [['--format', 'json'], /^vbem: --format goes after show/],
      [
        ['--since', '1d'],
        /^vbem: --since is an option of vbem sessions, not of vbem sessions show/,
      ],
    ] as const) {
      const id = '00000000-0000-0000-0000-000000000000';
      const run = await vbem(['sessions', '--demo', ...flags, 'show', id]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('CSV listings have their header, the JSON keys, even with no rows', async () => {
    for (const command of ['sessions', 'tasks']) {
      const json = await vbem([
        command,
        '--demo',
        '--since',
        '7d',
        '--format',
        'json',
        '--limit',
        '1',
      ]);
      const keys = Object.keys((JSON.parse(json.stdout) as object[])[0] ?? {});
      expect(keys.length).toBeGreaterThan(5);
      const csv = await vbem([
        command,
        '--demo',
        '--since',
        '7d',
        '--format',
        'csv',
        '--limit',
        '1',
      ]);
      expect(csv.stdout.split('\r\n')[0]).toBe(keys.join(','));
      const none = await vbem([command, '--demo', '--job', 'No such job', '--format', 'csv']);
      expect(none.code, none.stderr).toBe(0);
      expect(none.stdout).toBe(`${keys.join(',')}\r\n`);
    }
  });

  it('check: UNKNOWN (3) with a status line', async () => {
    const run = await vbem(['check', '--demo', '--job', 'sql', 'backup']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^VBEM UNKNOWN - too many arguments[^\n]*\n$/);
  });
});

describe('query --page-size', () => {
  it("is refused past the largest page, in the flag's name", async () => {
    const run = await vbem(['query', 'Job', '--demo', '--page-size', '100001']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^vbem: --page-size: "100001" is not a whole number from 1 to 100000\n/,
    );
  });
});

describe('a window before the year 0001', () => {
  it('is a usage error naming --since, before anything is fetched', async () => {
    const run = await vbem(['sessions', '--demo', '--to', '0001-01-01T12:00:00Z']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(
      /^vbem: --since 24h before 0001-01-01T12:00:00.000Z reaches before the year 0001\n/,
    );
    expect(run.stdout).toBe('');
  });
});

describe('a filter value EM could not receive', () => {
  it.each([
    ['sessions', '--demo', '--job', 'tab\there'],
    ['report', '--demo', '--job', 'line\nbreak'],
  ])(
    'vbem %j: a usage error (exit 2) naming the value, before anything is fetched',
    async (...argv) => {
      const run = await vbem(argv);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /^vbem: invalid value "[^"]*" for JobName: it contains U\+000[9A]/,
      );
      expect(run.stdout).toBe('');
    },
  );
});

describe('--concurrency', () => {
  it.each([['0'], ['65'], ['many'], ['-1']])(
    'vbem report --concurrency %s: a usage error (exit 2) naming the option and the value',
    async (value) => {
      const run = await vbem(['report', '--demo', `--concurrency=${value}`]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^vbem: --concurrency: "${value}" is not a whole number from 1 to 64$`, 'm'),
      );
      expect(run.stdout).toBe('');
    },
  );

  it.each([['sessions'], ['tasks'], ['doctor'], ['report']])(
    'vbem %s --concurrency without --all: a usage error (exit 2), not silently ignored',
    async (command) => {
      const run = await vbem([command, '--demo', '--concurrency', '8']);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /^vbem: --concurrency sets how many EMs --all reads at once: it needs --all$/m,
      );
      expect(run.stdout).toBe('');
    },
  );

  it('vbem check --concurrency without --all: UNKNOWN (exit 3), as for its other usage errors', async () => {
    const run = await vbem(['check', '--demo', '--concurrency', '8']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toMatch(
      /^VBEM UNKNOWN - --concurrency sets how many EMs --all reads at once: it needs --all/,
    );
  });

  it('the default alone, without --all: no error', async () => {
    const run = await vbem(['sessions', '--demo', '--limit', '1', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('is in the help of report and check, with its range and default', async () => {
    for (const command of ['report', 'check']) {
      const run = await vbem([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /--concurrency <n> +with --all, EMs read at once \(1 to 64\) \(default:\s+"4"\)/,
      );
    }
  });
});

describe('a terminal that reports no width', () => {
  it('tableWidth: 0 or a negative width is unknown (80); a tiny one is raised to 40', () => {
    const width = (columns: number | undefined) =>
      tableWidth({ stdout: { write: () => true, isTTY: true, columns } } as unknown as CliIo);
    expect(width(undefined)).toBe(80);
    expect(width(0)).toBe(80);
    expect(width(-1)).toBe(80);
    expect(width(10)).toBe(40);
    expect(width(132)).toBe(132);
  });

  it('sessions and report print their tables, not blank lines', async () => {
    for (const argv of [
      ['sessions', '--demo', '--since', '1d'],
      ['report', '--demo', '--no-tasks'],
      // `-` is stdout: the terminal's width, as without --output.
      ['report', '--demo', '--no-tasks', '--output', '-'],
    ]) {
      const run = await vbem(argv, { NO_COLOR: '1' }, { columns: 0 });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Job [^\n]*\n[^\n]*Backup/);
      expect(run.stdout.replace(/\s/g, '').length).toBeGreaterThan(500);
      expect(run.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    }
  });
});

describe('time-window flags', () => {
  it('instantOf: strict ISO 8601 with a zone, fields that exist', () => {
    for (const [flag, value, instant] of [
      ['--from', '2026-11-20T06:00:00Z', '2026-11-20T06:00:00.000Z'],
      ['--from', '2026-11-20T06:00Z', '2026-11-20T06:00:00.000Z'],
      ['--from', '2026-11-20T07:30:15.250+01:30', '2026-11-20T06:00:15.250Z'],
      ['--to', '2024-02-29T00:00:00-0500', '2024-02-29T05:00:00.000Z'],
      // The years 0 to 99 are not 1900 to 1999 (Date.UTC's reading); 0001 is the model's first.
      ['--from', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
      ['--from', '0099-12-31T23:59:59+01:00', '0099-12-31T22:59:59.000Z'],
    ] as const) {
      expect(instantOf(flag, value)?.toISOString(), value).toBe(instant);
    }
    // A window is applied to the millisecond: digits past it are cut (a copied output time's too).
    expect(instantOf('--from', '2026-06-16T08:33:10.659559+02:00')?.toISOString()).toBe(
      '2026-06-16T06:33:10.659Z',
    );
    // Outside the years EM's dates take, as written or once the offset is applied.
    for (const value of ['0000-12-31T00:00:00Z', '0001-01-01T00:30:00+01:00']) {
      expect(() => instantOf('--to', value), value).toThrow(
        `--to: ${JSON.stringify(value)} is outside the years 0001 to 9999 (UTC)`,
      );
    }
    for (const value of [
      '1Z',
      '2026Z',
      '2026-11-20Z',
      '2026-11-20T00:00:00',
      'Fri, 20 Nov 2026 00:00:00 +0000',
    ]) {
      expect(() => instantOf('--from', value), value).toThrow(
        `--from: ${JSON.stringify(value)} is not an ISO time with a zone, e.g. 2026-11-20T06:00:00Z`,
      );
    }
    // In the form, but no such date or time: said so, not that the form is wrong.
    for (const value of [
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-20T24:00:00Z',
      '2026-11-20T23:60:00Z',
      '2026-11-20T23:59:60Z',
    ]) {
      expect(() => instantOf('--from', value), value).toThrow(
        `--from: ${JSON.stringify(value)} names a date or time that does not exist (2026-02-30, 24:00)`,
      );
    }
    expect(() => instantOf('--from', '2026-11-20T00:00:00+25:00')).toThrow(
      '--from: "2026-11-20T00:00:00+25:00" has a zone offset that does not exist (+25:00)',
    );
  });

  it('sessions --to alone counts --since back from --to, as report does', async () => {
    const run = await vbem([
      'sessions',
      '--demo',
      '--to',
      '2026-11-20T00:00:00Z',
      '--format',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const times = (JSON.parse(run.stdout) as { creationTime: string }[]).map(
      (row) => row.creationTime,
    );
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((time) => time >= '2026-11-19T00:00' && time < '2026-11-20T00:00')).toBe(
      true,
    );
  });

  it('report --to in the past judges ages and RPOs at --to, not now', async () => {
    const run = await vbem([
      'report',
      '--demo',
      '--to',
      '2026-11-20T00:00:00Z',
      '--format',
      'json',
      '--no-tasks',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      generatedAt: string;
      jobs: {
        lastSuccessAt: string | null;
        lastSuccessAgeSeconds: number | null;
        running: { since: string } | null;
      }[];
    };
    // Made now, judged at --to.
    expect(report.generatedAt).toBe(NOW.toISOString());
    // A run that ended after --to was still running then: no success, no result from after it.
    expect(report.jobs.some((job) => job.running !== null)).toBe(true);
    for (const job of report.jobs) {
      expect(job.lastSuccessAt === null || job.lastSuccessAt <= '2026-11-20T00:00:00.000Z').toBe(
        true,
      );
    }
    const ages = report.jobs.filter((job) => job.lastSuccessAt !== null);
    expect(ages.length).toBeGreaterThan(0);
    for (const job of ages) {
      const ageMs = Date.parse('2026-11-20T00:00:00Z') - Date.parse(job.lastSuccessAt as string);
      expect(job.lastSuccessAgeSeconds).toBe(Math.max(0, ageMs) / 1000);
    }
  });

  it.each([
    ['markdown', 'generated 2026-11-25 12:00'],
    ['html', 'Generated: 2026-11-25 12:00'],
    ['prometheus', `vbem_report_generated_timestamp_seconds ${NOW.getTime() / 1000}\n`],
  ])(
    'report --to in the past says, as %s, that it was generated now, not at --to',
    async (format, said) => {
      const run = await vbem([
        'report',
        '--demo',
        '--to',
        '2026-11-20T00:00:00Z',
        '--format',
        format,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(said);
    },
  );

  it.each(['sessions', 'report'])(
    '%s: --from with --since is refused; an impossible --from is refused; messages name the flags typed',
    async (command) => {
      const both = await vbem([
        command,
        '--demo',
        '--from',
        '2026-11-20T00:00:00Z',
        '--since',
        '1h',
      ]);
      expect(both.code).toBe(2);
      expect(both.stderr).toMatch(
        /^vbem: --from and --since both set where the window starts: give one of them\n/,
      );
      const impossible = await vbem([command, '--demo', '--from', '2026-02-30T00:00:00Z']);
      expect(impossible.code).toBe(2);
      expect(impossible.stderr).toMatch(
        /--from: "2026-02-30T00:00:00Z" names a date or time that does not exist/,
      );
      const future = await vbem([command, '--demo', '--from', '2030-01-01T00:00:00Z']);
      expect(future.code).toBe(2);
      expect(future.stderr).toMatch(
        /^vbem: --from \(2030-01-01T00:00:00.000Z\) is after now \(2026-11-25T12:00:00.000Z\)\n/,
      );
      const reversed = await vbem([
        command,
        '--demo',
        '--from',
        '2026-11-20T00:00:00Z',
        '--to',
        '2026-11-19T00:00:00Z',
      ]);
      expect(reversed.code).toBe(2);
      expect(reversed.stderr).toMatch(/^vbem: --from must be before --to\n/);
    },
  );
});

describe('report options are checked before connecting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbem-cl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Nothing listens on port 1: an option checked after connecting would fail with the connection.
  const nowhere = ['--url', 'http://127.0.0.1:1', '--username', 'u'];

  it('--tz, --rpo, --since and an existing --output fail before the password and the connection', async () => {
    const existing = join(dir, 'exists.txt');
    writeFileSync(existing, 'old');
    for (const [flags, message] of [
      [['--tz', 'Mars/Olympus'], /^vbem: --tz: "Mars\/Olympus" is not an IANA time zone/],
      [['--rpo', 'soon'], /^vbem: --rpo: "soon" is not a duration/],
      [['--since', 'soon'], /^vbem: --since: "soon" is not a duration/],
      [['--output', existing], /^vbem: .*exists\.txt exists; not overwriting it/],
      [['--format', 'csv', '--csv-table', 'groups'], /^vbem: --csv-table groups needs --group-by/],
      [['--csv-table', 'vms'], /^vbem: --csv-table goes with --format csv\n/],
      [['--csv-bom', '--format', 'json'], /^vbem: --csv-bom goes with --format csv\n/],
      [['--since', '3661d'], /^vbem: the window .* is longer than 3660 days/],
      [
        [
          '--from',
          '0001-01-01T00:00:00Z',
          '--to',
          '0001-01-02T00:00:00Z',
          '--tz',
          'America/Los_Angeles',
        ],
        /^vbem: the window .* must lie within the years 0001 to 9999 in America\/Los_Angeles/,
      ],
    ] as const) {
      // No password anywhere: asking for it first would be a different error.
      const run = await vbem(['report', ...nowhere, ...flags]);
      expect(run.stderr).toMatch(message);
      // A usage error, but for the file that exists: that one is not the command line's fault.
      expect(run.code, run.stderr).toBe(flags[0] === '--output' ? 1 : 2);
    }
    expect(readFileSync(existing, 'utf8')).toBe('old');
  });

  it('a missing directory names the target path, not the temporary file', async () => {
    const target = join(dir, 'missing', 'weekly.html');
    const run = await vbem(['report', ...nowhere, '--output', target], { VBEM_PASSWORD: 'x' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      `vbem: cannot write ${target}: the directory ${join(dir, 'missing')} does not exist\n`,
    );
    expect(run.stderr).not.toMatch(/\.tmp/);
  });

  it('--force keeps the mode of the file it replaces', async () => {
    const target = join(dir, 'private.txt');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const run = await vbem(['report', '--demo', '--no-tasks', '--output', target, '--force']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^Sessions /);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});

describe('report --group-by', () => {
  const report = (...flags: string[]) => vbem(['report', '--demo', '--no-tasks', ...flags]);

  it('adds the totals per group to the text report', async () => {
    const [plain, grouped] = await Promise.all([report(), report('--group-by', 'jobType')]);
    expect(grouped.code, grouped.stderr).toBe(0);
    const section = grouped.stdout.slice(grouped.stdout.indexOf('\n\nBy job type\n') + 2);
    const [heading, header, ...rows] = (section.split('\n\n')[0] ?? '').trimEnd().split('\n');
    expect(heading).toBe('By job type');
    expect(header).toMatch(/^Job type +Jobs +Runs +Failed +Success rate +Jobs breaching RPO$/);
    for (const row of rows) expect(row).toMatch(/^\w+ +\d+ +\d+ +\d+ +\d+\.\d% +\d+$/);
    // The groups share out every job of the totals line.
    const jobs = rows.reduce((sum, row) => sum + Number(row.split(/ +/)[1]), 0);
    expect(grouped.stdout).toMatch(new RegExp(`\n${jobs} jobs, `));
    expect(plain.stdout).not.toContain('By job type');
  });

  it('writes the groups as CSV with --csv-table groups, the jobs by default', async () => {
    const groups = await report(
      '--group-by',
      'backupServer',
      '--format',
      'csv',
      '--csv-table',
      'groups',
    );
    expect(groups.code, groups.stderr).toBe(0);
    const [header, ...rows] = groups.stdout.trimEnd().split('\r\n');
    expect(header).toBe(
      'group_by,group_key,group_source,jobs,runs,failed_runs,success_rate,jobs_breaching_rpo',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^backupServer,/);
    const jobs = await report('--group-by', 'backupServer', '--format', 'csv');
    expect(jobs.stdout).toMatch(/^job_uid,job_name,/);
  });

  it('starts the CSV with a UTF-8 byte order mark with --csv-bom, without one by default', async () => {
    const withBom = await report('--format', 'csv', '--csv-bom');
    expect(withBom.code, withBom.stderr).toBe(0);
    expect(withBom.stdout).toMatch(/^\uFEFFjob_uid,job_name,/);
    const without = await report('--format', 'csv');
    expect(without.stdout).toMatch(/^job_uid,job_name,/);
    // The mark alone: the header row follows it unchanged.
    expect(withBom.stdout.slice(1).split('\r\n')[0]).toBe(without.stdout.split('\r\n')[0]);
  });

  it('writes the missed jobs as CSV with --csv-table missedJobs', async () => {
    const run = await report('--format', 'csv', '--csv-table', 'missedJobs');
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
    expect(header).toBe(
      'job_uid,job_name,job_type,source,schedule_enabled,last_success_at,' +
        'last_success_age_seconds,rpo_seconds,rpo_breached',
    );
    for (const row of rows) expect(row).toMatch(/^urn:veeam:Job:/);
  });

  it('refuses --csv-table groups without --group-by: exit 2, nothing on stdout', async () => {
    const run = await report('--format', 'csv', '--csv-table', 'groups');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^vbem: --csv-table groups needs --group-by backupServer or --group-by jobType\n/,
    );
    expect(run.stdout).toBe('');
  });
});

describe('vbem emulator: mistakes are usage errors, a busy port says so', () => {
  it.each([
    [['--port', '70000'], '--port: "70000" is not a whole number from 0 to 65535'],
    [['--jobs', '0'], '--jobs: "0" is not a whole number of at least 1'],
    [
      ['--jobs', '2', '--running', '3'],
      "--running 3 needs at least as many jobs, each running session being its own job's, and --jobs 2 is fewer",
    ],
    [
      ['--seed', '99999999999999999999'],
      '--seed: "99999999999999999999" is not a whole number from -9007199254740991 to 9007199254740991',
    ],
    [
      ['--seed', '-1.5'],
      '--seed: "-1.5" is not a whole number from -9007199254740991 to 9007199254740991',
    ],
    [['--jobs', '-3'], '--jobs: "-3" is not a whole number of at least 1'],
    [
      ['--em-version', '11'],
      "option '--em-version <n>' argument '11' is invalid. Allowed choices are 12, 13.",
    ],
  ])('vbem emulator %j: exit 2', async (flags, message) => {
    const run = await vbem(['emulator', '--port', '0', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^vbem: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`),
    );
    expect(run.stderr).not.toMatch(/bug/);
  });

  it('a dataset too large is a usage error, not a bug', async () => {
    const run = await vbem(['emulator', '--port', '0', '--jobs', '100000', '--days', '1000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vbem: --jobs × --days × --sessions must not exceed/);
    expect(run.stderr).not.toMatch(/bug/);
  });

  it('a port in use: exit 1 with a hint', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const run = await vbem(['emulator', '--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `vbem: port ${port} on 127.0.0.1 is in use (EADDRINUSE)\nhint: give another --port, or --port 0 for a free one\n`,
      );
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});

describe('usage errors show the usage line', () => {
  it("commander's errors and vbem's own: exit 2, `vbem:` and the error, then the command's usage line", async () => {
    for (const [argv, error, usage] of [
      [['sessions', '--limit'], "vbem: option '--limit <n>' argument missing", 'vbem sessions'],
      [['sessions', '--bogus'], "vbem: unknown option '--bogus'", 'vbem sessions'],
      [['sessions', 'show'], "vbem: missing required argument 'id'", 'vbem sessions show'],
      [
        ['report', '--format', 'pdf'],
        "vbem: option '--format <format>' argument 'pdf' is invalid",
        'vbem report',
      ],
      [
        ['report', '--demo', '--since', 'yesterday'],
        'vbem: --since: "yesterday" is not a duration',
        'vbem report',
      ],
      [['nonsense'], "vbem: unknown command 'nonsense'", 'vbem'],
      [['sessions', '--demo', '--password=x'], 'vbem: --password is not accepted', 'vbem sessions'],
    ] as const) {
      const run = await vbem(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.startsWith(error), run.stderr).toBe(true);
      expect(run.stderr).toMatch(
        new RegExp(
          `\\nUsage: ${usage} \\[options\\].*\\n\\(run '${usage} --help' for the options\\)\\n$`,
        ),
      );
    }
  });

  it('bare vbem: the help on stderr, exit 2 (a command is missing)', async () => {
    const run = await vbem([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: vbem \[options\] \[command\]/);
    const help = await vbem(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: vbem \[options\] \[command\]/);
  });
});

describe('--job', () => {
  it('takes a name with a comma whole; repeat it for several jobs', async () => {
    const one = await vbem(['check', '--demo', '--job', 'SQL Backup, nightly']);
    expect(one.stdout).toBe('VBEM UNKNOWN - no job named "SQL Backup, nightly"\n');
    const two = await vbem(['check', '--demo', '--job', 'A, B', '--job', 'C']);
    expect(two.stdout).toBe('VBEM UNKNOWN - no job named "A, B", "C"\n');
  });

  it('report: warns of a name that no job has, and still reports the others', async () => {
    const run = await vbem(['report', '--demo', '--job', 'SQL Backup', '--job', 'Nope']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^vbem: warning: no job named "Nope"$/m);
    expect(run.stderr).not.toMatch(/SQL Backup/);
    expect(run.stdout).toMatch(/^SQL Backup /m);
  });

  it('report --verbose says what it reads and how much it read', async () => {
    const run = await vbem(['report', '--demo', '--verbose', '--since', '2d']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^vbem: demo: reading the job list, the job sessions still running from before \S+Z, then job sessions created from then and task sessions from \S+Z to \S+Z$/m,
    );
    expect(run.stderr).toMatch(
      /^vbem: demo: \d+ job sessions in \d+ pages?, \d+ task sessions, 0 still running from before, 24 jobs in the job list$/m,
    );
    const quiet = await vbem(['report', '--demo', '--since', '2d']);
    expect(quiet.stderr).toBe('');
  });

  it('report: fails when no --job name is a job, rather than print an empty report', async () => {
    const run = await vbem(['report', '--demo', '--job', 'Nope', '--job', 'nope 2']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^vbem: no job named "Nope", "nope 2"$/m);
  });

  it('report: --csv-table vms with --no-tasks is a usage error, not a header alone', async () => {
    const run = await vbem([
      'report',
      '--demo',
      '--format',
      'csv',
      '--csv-table',
      'vms',
      '--no-tasks',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--csv-table vms needs the task sessions that --no-tasks leaves out/,
    );
  });

  it('matches names in any case, for the sessions and the job list alike', async () => {
    // An RPO of 1 h: the job's last success is older, whichever list it is found in.
    const exact = await vbem([
      'check',
      '--demo',
      '--job',
      'SQL Backup',
      '--rpo',
      '1h',
      '--since',
      '1h',
    ]);
    const lower = await vbem([
      'check',
      '--demo',
      '--job',
      'sql backup',
      '--rpo',
      '1h',
      '--since',
      '1h',
    ]);
    expect(exact.stdout).toMatch(/^VBEM CRITICAL - /);
    expect(lower.stdout).toBe(exact.stdout);
    const report = await vbem([
      'report',
      '--demo',
      '--job',
      'sql backup',
      '--since',
      '1h',
      '--format',
      'json',
    ]);
    const missed = (JSON.parse(report.stdout) as { missedJobs: { jobName: string }[] }).missedJobs;
    expect(missed.map((job) => job.jobName)).toEqual(['SQL Backup']);
  });
});

describe('the password advice', () => {
  it('never suggests a password typed into the shell (export VBEM_PASSWORD=…): read -rs, a file or stdin', async () => {
    const help = await vbem(['--help']);
    const refused = await vbem(['sessions', '--url', 'https://em1:9398', '--password', 'x']);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const text of [help.stdout, refused.stderr, readme]) {
      expect(text).not.toMatch(/export VBEM_PASSWORD=/);
      expect(text).toMatch(/read -rs VBEM_PASSWORD/);
      expect(text).toMatch(/--password-file/);
    }
  });
});

describe('a value typed with an unknown option is never shown', () => {
  const SECRET = 'hunter22-canary';
  // Misspelt or imagined password flags, with the value attached or as the next word.
  const typos = [
    [`--pasword=${SECRET}`],
    [`--pass=${SECRET}`],
    [`--passwd=${SECRET}`],
    [`--pwd=${SECRET}`],
    [`--Password=${SECRET}`],
    [`-p${SECRET}`],
    ['--pasword', SECRET],
    ['--pwd', SECRET],
  ];
  const commands = [
    ['sessions'],
    ['sessions', 'show', 'urn:veeam:BackupJobSession:00000000-0000-0000-0000-000000000000'],
    ['tasks'],
    ['query', 'Job'],
    ['report'],
    ['doctor'],
    ['emulator'],
    ['check'],
  ];

  it.each(commands.map((command) => [command.slice(0, 2).join(' '), command] as const))(
    'vbem %s: a usage error that names the option alone',
    async (_name, command) => {
      for (const typo of typos) {
        for (const argv of [
          [...command, ...typo, '--url', 'https://em1:9398'],
          // Before the command's own words, and with a word after it that the command does not take.
          [command[0] ?? '', ...typo, ...command.slice(1), 'extra'],
        ]) {
          const run = await vbem(argv);
          expect(run.code, argv.join(' ')).toBe(command[0] === 'check' ? 3 : 2);
          expect(`${run.stdout}${run.stderr}`, argv.join(' ')).not.toContain(SECRET);
          const name = (typo[0] ?? '').replace(/=.*/, '').replace(/^(-[a-z]).+/, '$1');
          expect(run.stderr, argv.join(' ')).toContain(`unknown option '${name}'`);
        }
      }
    },
  );

  it('before the command too, and says why the value is missing', async () => {
    const run = await vbem([`--pwd=${SECRET}`, 'report', '--demo']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vbem: unknown option '--pwd' \(value not shown\)\n/);
    expect(run.stderr).not.toContain(SECRET);
    const check = await vbem(['check', '--demo', `--pasword=${SECRET}`]);
    expect(check.stdout).toBe("VBEM UNKNOWN - unknown option '--pasword' (value not shown)\n");
    // Before the name `check`: still the check's UNKNOWN, not 2 (CRITICAL to a monitoring system).
    const early = await vbem([`--pwd=${SECRET}`, 'check', '--demo']);
    expect(early.code).toBe(3);
    expect(early.stdout).toBe("VBEM UNKNOWN - unknown option '--pwd' (value not shown)\n");
    expect(`${early.stdout}${early.stderr}`).not.toContain(SECRET);
  });

  it('an option is not taken for the value of the option before it, nor quoted', async () => {
    for (const argv of [
      ['report', '--demo', '--since', `--pwd=${SECRET}`],
      ['report', '--demo', '--format', '--pasword', SECRET],
      ['sessions', '--demo', '--job', `-p${SECRET}`],
      ['check', '--demo', '--policy', `--pwd=${SECRET}`],
    ]) {
      const run = await vbem(argv);
      expect(run.code, argv.join(' ')).toBe(argv[0] === 'check' ? 3 : 2);
      expect(`${run.stdout}${run.stderr}`, argv.join(' ')).not.toContain(SECRET);
      expect(run.stderr).toMatch(/argument missing: the word after it is an option \(not shown\)/);
    }
    // A negative number is a value, refused by the option's own check.
    const negative = await vbem(['check', '--demo', '--max-failed', '-1']);
    expect(negative.stdout).toMatch(/"-1" is not a whole number/);
  });

  it("a message that does not read as commander's says less", () => {
    expect(unknownOptionMessage(`error: unknown option "--pwd=${SECRET}"`)).toBe(
      'error: unknown option (not shown)',
    );
  });

  it('a mistyped option without a value still gets its suggestion', async () => {
    const run = await vbem(['report', '--demo', '--sinse', '7d']);
    expect(run.stderr).toMatch(/unknown option '--sinse'\n\(Did you mean --since\?\)/);
  });
});

describe('sessions show', () => {
  it('sessions show --tasks --format json lists its task sessions as the rows of vbem tasks', async () => {
    const tasks = await vbem(['tasks', '--demo', '--format', 'json', '--result', 'Failed']);
    expect(tasks.code, tasks.stderr).toBe(0);
    const rows = JSON.parse(tasks.stdout) as { uid: string; jobSessionUid: string }[];
    const jobSessionUid = rows[0]?.jobSessionUid ?? '';
    const shown = await vbem([
      'sessions',
      'show',
      jobSessionUid,
      '--demo',
      '--tasks',
      '--format',
      'json',
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    const { taskSessions } = JSON.parse(shown.stdout) as { taskSessions: { uid: string }[] };
    const byUid = (a: { uid: string }, b: { uid: string }) => a.uid.localeCompare(b.uid);
    const ofThatSession = await vbem(['tasks', '--demo', '--format', 'json', '--since', '2d']);
    const expected = (JSON.parse(ofThatSession.stdout) as (typeof rows)[number][]).filter(
      (row) => row.jobSessionUid === jobSessionUid,
    );
    expect(taskSessions.length).toBeGreaterThan(0);
    expect([...taskSessions].sort(byUid)).toEqual(expected.sort(byUid));
  });
});
