import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import {
  formatEmDateTime,
  parseEmDateTime,
  subMillisecondTicks,
  TICKS_PER_MILLISECOND,
  withSubMillisecondTicks,
} from '@vbem/model';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_REPORT_EXIT_CODE } from '../src/commands/report.js';
import { runVbem, VBEM_BIN } from './helpers/run-vbem.js';

let em: RunningEmulator;
let dir: string;
const env = { VBEM_PASSWORD: 'emulator' };
const on = () => ['--url', em.url, '--username', 'emulator'];
/** An EM 13 time (six fraction digits) one microsecond later, written the same way. */
function microsecondAfter(time: string): string {
  const date = parseEmDateTime(time);
  if (date === undefined) throw new Error(`not an EM time: ${time}`);
  const ticks = subMillisecondTicks(date) + 10;
  const later =
    ticks >= TICKS_PER_MILLISECOND
      ? withSubMillisecondTicks(new Date(date.getTime() + 1), ticks - TICKS_PER_MILLISECOND)
      : withSubMillisecondTicks(date, ticks);
  return formatEmDateTime(later, { microseconds: true }) as string;
}
const isoHoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** A row of `vbem tasks --format json`. */
interface TaskRowJson {
  uid: string;
  vmName: string | null;
  jobSessionName: string | null;
  family: string;
  creationTime: string;
  endTime: string | null;
  state: string;
  result: string;
  reason: string;
  running: boolean;
  durationSeconds: number;
}

/** `vbem args…` against the emulator at `url`, as a child to interrupt: its output so far and its exit code. */
function startVbem(url: string, args: readonly string[]) {
  const child = spawn(
    process.execPath,
    [VBEM_BIN, args[0] as string, '--url', url, '--username', 'emulator', ...args.slice(1)],
    {
      env: { PATH: process.env.PATH ?? '', VBEM_PASSWORD: 'emulator', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // As a shell reports it: 128 + the signal's number for a process a signal ended.
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) =>
      resolve(code ?? (signal === null ? null : 128 + constants.signals[signal])),
    ),
  );
  return { child, exit, stdout: () => stdout, stderr: () => stderr };
}

/** An emulator slow to answer queries, whose logoff and its one retry lose their connection. */
const startEmulatorRefusingLogoff = () =>
  startEmulator({
    onWarning: () => {},
    faults: [
      { fault: { kind: 'latency', ms: 300 }, path: '/query', times: Number.POSITIVE_INFINITY },
      { fault: { kind: 'reset' }, method: 'DELETE', path: '/logonSessions', times: 2 },
    ],
  });

/** Waits, at most 10 s, until a logon session is open on `emulator`: the run has started. */
async function logonOpenOn(emulator: RunningEmulator): Promise<void> {
  for (let waited = 0; emulator.stats().openLogonSessions === 0 && waited < 10_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  em = await startEmulator({ onWarning: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'vbem-e2e-'));
});
afterAll(async () => {
  await em.close();
  rmSync(dir, { recursive: true, force: true });
});

const schema = JSON.parse(
  readFileSync(
    new URL('../../../schemas/report/session-report.schema.json', import.meta.url),
    'utf8',
  ),
);

// A test here starts the CLI up to 8 times, each a Node process that loads every package: on a
// loaded 2-core machine one start took up to ~8 s, and 30 s timed out in CI.
describe('vbem, end to end as a subprocess', { timeout: 90_000 }, () => {
  it('--help documents every command with examples, and exits 0', async () => {
    const help = await runVbem(['--help']);
    expect(help.code).toBe(0);
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect((await runVbem(['--version'])).stdout.trim()).toBe(version);
    for (const command of ['sessions', 'tasks', 'query', 'report', 'check', 'doctor', 'emulator']) {
      expect(help.stdout).toContain(command);
      const own = await runVbem([command, '--help']);
      expect(own.code, command).toBe(0);
      expect(own.stdout, command).toMatch(/Examples:/);
    }
  });

  it('usage errors exit 2 with the usage line', async () => {
    const unknown = await runVbem(['sessions', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
    const badValue = await runVbem(['sessions', ...on(), '--since', 'yesterday'], { env });
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/--since: "yesterday" is not a duration/);
    const password = await runVbem(['sessions', ...on(), '--password', 'hunter2']);
    expect(password.code).toBe(2);
    expect(password.stderr).toMatch(/visible to every user/);
    expect(password.stderr).not.toContain('hunter2');
  });

  it('sessions: table, json, ndjson and csv agree, newest first', async () => {
    const json = await runVbem(['sessions', ...on(), '--since', '7d', '--format', 'json'], { env });
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as {
      uid: string;
      creationTime: string;
      running: boolean;
      durationSeconds: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    const times = rows.map((row) => row.creationTime);
    expect(times).toEqual([...times].sort().reverse());
    // To the microsecond, as EM 13 writes them: the oldest row's own time as --from finds it.
    expect(times.filter((time) => !/\.\d{6}Z$/.test(time))).toEqual([]);
    const oldest = rows.at(-1) as { uid: string; creationTime: string };
    const from = await runVbem(
      [
        'sessions',
        ...on(),
        '--from',
        oldest.creationTime,
        '--to',
        new Date(Date.parse(oldest.creationTime) + 1).toISOString(),
        '--format',
        'json',
      ],
      { env },
    );
    expect(from.code, from.stderr).toBe(0);
    expect((JSON.parse(from.stdout) as { uid: string }[]).map((row) => row.uid)).toEqual([
      oldest.uid,
    ]);
    // To the microsecond both ways: one microsecond later as --from, or its own time as --to,
    // leaves it out.
    const later = microsecondAfter(oldest.creationTime);
    const oldestMs = Date.parse(oldest.creationTime);
    for (const [start, end] of [
      [later, new Date(oldestMs + 60_000).toISOString()],
      [new Date(oldestMs - 60_000).toISOString(), oldest.creationTime],
    ] as const) {
      const run = await runVbem(
        ['sessions', ...on(), '--from', start, '--to', end, '--format', 'json'],
        { env },
      );
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as { uid: string }[]).map((row) => row.uid)).not.toContain(
        oldest.uid,
      );
    }
    const within = await runVbem(
      [
        'sessions',
        ...on(),
        '--from',
        '2026-01-01T00:00:00.0001Z',
        '--to',
        '2026-01-01T00:00:00.0009Z',
      ],
      { env },
    );
    expect(within.code).toBe(2);
    expect(within.stderr).toMatch(/--from must be at least a millisecond before --to/);
    expect(rows.every((row) => row.durationSeconds >= 0)).toBe(true);
    // --limit reads back from the end of the window until it has enough: the same newest rows,
    // from fewer requests than the whole window (40 days, a few pages a family).
    const queries = () => em.stats().requestsByRoute['GET /query'] ?? 0;
    const list = async (...flags: string[]) => {
      const before = queries();
      const run = await runVbem(
        ['sessions', ...on(), '--since', '40d', '--format', 'json', ...flags],
        {
          env,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      const uids = (JSON.parse(run.stdout) as { uid: string }[]).map((row) => row.uid);
      return { uids, requests: queries() - before };
    };
    const whole = await list();
    const limited = await list('--limit', '3');
    expect(limited.uids).toEqual(whole.uids.slice(0, 3));
    expect(limited.requests).toBeLessThan(whole.requests);
    const ndjson = await runVbem(['sessions', ...on(), '--since', '7d', '--format', 'ndjson'], {
      env,
    });
    const lines = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { uid: string });
    expect(lines.map((row) => row.uid)).toEqual(rows.map((row) => row.uid));
    const csv = await runVbem(['sessions', ...on(), '--since', '7d', '--format', 'csv'], { env });
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'uid,jobName,jobType,creationTime,endTime,state,result,isRetry,running,durationSeconds,server',
    );
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(rows.length + 1);
    const table = await runVbem(['sessions', ...on(), '--since', '7d'], { env });
    expect(table.stdout.split('\n')[0]).toMatch(
      /^Created \(UTC\)\s+Job\s+Type\s+Result\s+Duration\s+Server\s+Retry/,
    );
    expect(table.stdout).toMatch(/running \d/);
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('sessions filters by result, state and job; sessions show lists the VMs', async () => {
    const failed = await runVbem(
      ['sessions', ...on(), '--since', '30d', '--result', 'failed,Warning', '--format', 'json'],
      { env },
    );
    const rows = JSON.parse(failed.stdout) as { uid: string; result: string; jobName: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.result === 'Failed' || row.result === 'Warning')).toBe(true);
    const first = rows[0];
    const show = await runVbem(['sessions', 'show', first?.uid ?? '', ...on(), '--tasks'], { env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(first?.jobName ?? '');
    expect(show.stdout).toMatch(/VM\s+Result\s+Duration\s+Reason/);
    const missing = await runVbem(
      ['sessions', 'show', '00000000-0000-0000-0000-000000000000', ...on()],
      { env },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^vbem: no backup or replica job session has the id/);
  });

  it('tasks: table, json, ndjson and csv agree, newest first; running ones are marked', async () => {
    // A fixed window: rows near a moving `--since` edge could differ from one run to the next.
    const window = ['--from', isoHoursAgo(48), '--to', isoHoursAgo(-1)];
    const args = ['tasks', ...on(), ...window];
    const json = await runVbem([...args, '--format', 'json'], { env });
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as TaskRowJson[];
    expect(rows.length).toBeGreaterThan(0);
    const times = rows.map((row) => row.creationTime);
    expect(times).toEqual([...times].sort().reverse());
    const running = rows.filter((row) => row.running);
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((row) => row.endTime === null && row.durationSeconds >= 0)).toBe(true);
    expect(rows.every((row) => row.durationSeconds >= 0)).toBe(true);
    const ndjson = await runVbem([...args, '--format', 'ndjson'], { env });
    const lines = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TaskRowJson);
    // A running task's duration grows between the runs; everything else is the same.
    const settled = (row: TaskRowJson) => ({
      ...row,
      durationSeconds: row.running ? 0 : row.durationSeconds,
    });
    expect(lines.map(settled)).toEqual(rows.map(settled));
    const csv = await runVbem([...args, '--format', 'csv'], { env });
    const records = csv.stdout.trim().split('\r\n');
    expect(records[0]).toBe(
      'uid,vmName,jobSessionName,jobSessionUid,family,creationTime,endTime,state,result,reason,running,durationSeconds,server',
    );
    expect(records.slice(1).map((record) => record.split(',')[0])).toEqual(
      rows.map((row) => row.uid),
    );
    const table = await runVbem(args, { env });
    const [header, ...cells] = table.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    expect(header).toEqual(['Created (UTC)', 'VM', 'Job session', 'Result', 'Duration', 'Reason']);
    expect(cells.map((cell) => [cell[1], cell[2]])).toEqual(
      rows.map((row) => [row.vmName, row.jobSessionName]),
    );
    expect(cells.map((cell) => cell[3])).toEqual(
      rows.map((row) => (row.running ? row.state : row.result)),
    );
    // A running task's time says so; a Pending one's that it waits (it has not started).
    expect(cells.map((cell) => /^(running|waiting) \d/.exec(cell[4] ?? '')?.[1])).toEqual(
      rows.map((row) =>
        row.running ? (row.state === 'Pending' ? 'waiting' : 'running') : undefined,
      ),
    );
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('tasks filters by result, VM, job and family; a bad --result is a usage error', async () => {
    const window = ['--from', isoHoursAgo(7 * 24), '--to', isoHoursAgo(-1)];
    const list = async (...flags: string[]) => {
      const run = await runVbem(['tasks', ...on(), ...window, '--format', 'json', ...flags], {
        env,
      });
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as TaskRowJson[];
    };
    const all = await list();
    const failed = await list('--result', 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((row) => row.result === 'Failed' && row.reason.trim() !== '')).toBe(true);
    expect(failed.map((row) => row.uid)).toEqual(
      all.filter((row) => row.result === 'Failed').map((row) => row.uid),
    );
    const [first, second] = [...new Set(all.map((row) => row.vmName))];
    const vms = await list('--vm', first ?? '', '--vm', second ?? '');
    expect(vms.length).toBeGreaterThan(0);
    expect(vms.map((row) => row.uid)).toEqual(
      all.filter((row) => row.vmName === first || row.vmName === second).map((row) => row.uid),
    );
    // Many names, which as one filter would pass the emulator's 4,096 characters (the client
    // splits them): the same rows, in any case.
    const many = Array.from({ length: 170 }, (_, index) => ['--vm', `absent-vm-${index}`]).flat();
    const manyVms = await list(...many, '--vm', (first ?? '').toUpperCase(), '--vm', second ?? '');
    expect(manyVms.map((row) => row.uid)).toEqual(vms.map((row) => row.uid));
    const job = em.dataset.jobs.find((each) => each.jobType === 'Backup')?.name ?? '';
    const ofJob = await list('--job', job);
    expect(ofJob.length).toBeGreaterThan(0);
    expect(ofJob.map((row) => row.uid)).toEqual(
      all.filter((row) => row.jobSessionName?.startsWith(`${job}@`)).map((row) => row.uid),
    );
    const replicas = await list('--family', 'replica');
    expect(replicas.length).toBeGreaterThan(0);
    expect(replicas.map((row) => row.uid)).toEqual(
      all.filter((row) => row.family === 'Replica').map((row) => row.uid),
    );
    const logons = em.stats().logons;
    const bad = await runVbem(['tasks', ...on(), '--result', 'Failed,Broken'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--result: "Broken" is not one of None, Success, Warning, Failed/);
    expect(bad.stdout).toBe('');
    expect(em.stats().logons).toBe(logons);
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it("tasks: a running task's duration is never negative, even when EM's clock is ahead", async () => {
    const ahead = new Date(Date.now() + 3_600_000);
    const skewed = await startEmulator({
      onWarning: () => {},
      now: () => ahead,
      dataset: { days: 2, now: ahead },
    });
    try {
      const args = [
        'tasks',
        '--url',
        skewed.url,
        '--username',
        'emulator',
        '--state',
        'InProgress,Pending',
      ];
      const window = ['--to', new Date(ahead.getTime() + 60_000).toISOString()];
      const json = await runVbem([...args, ...window, '--format', 'json'], { env });
      expect(json.code, json.stderr).toBe(0);
      const rows = JSON.parse(json.stdout) as TaskRowJson[];
      // Started after this machine's now: 0 s so far, not minus an hour.
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.running && row.durationSeconds === 0)).toBe(true);
      const table = await runVbem([...args, ...window], { env });
      expect(table.stdout.trimEnd().split('\n').slice(1)).toHaveLength(rows.length);
      // A Pending task reads `waiting`, an InProgress one `running`: which there are depends on
      // the hour the dataset is made at.
      expect(table.stdout.match(/(?:running|waiting) 0s/g)).toHaveLength(rows.length);
      expect(skewed.stats().openLogonSessions).toBe(0);
    } finally {
      await skewed.close();
    }
  });

  it('query: typed output of the query service, raw filters', async () => {
    const jobs = await runVbem(['query', 'job', ...on(), '--format', 'json'], { env });
    expect(jobs.code, jobs.stderr).toBe(0);
    const list = JSON.parse(jobs.stdout) as { Name: string; UID: string }[];
    expect(list.map((job) => job.Name).sort()).toEqual(
      em.dataset.jobs.map((job) => job.name).sort(),
    );
    const failedNewestFirst = [
      'query',
      'BackupTaskSession',
      ...on(),
      '--filter',
      'Result==Failed',
      '--sort',
      'CreationTime:desc',
      '--format',
      'ndjson',
    ];
    const failed = await runVbem(failedNewestFirst, { env });
    const tasks = failed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { Result: string; CreationTimeUTC: string });
    expect(tasks.every((task) => task.Result === 'Failed')).toBe(true);
    const times = tasks.map((task) => task.CreationTimeUTC);
    expect(times).toEqual([...times].sort().reverse());
    // --limit: the newest three, in pages no larger than the limit; the crawl stops there (it
    // reads at most one page ahead) instead of reading the other pages of three.
    expect(tasks.length).toBeGreaterThan(9);
    const queriesBefore = em.stats().requestsByRoute['GET /query'] ?? 0;
    const newest = await runVbem([...failedNewestFirst, '--limit', '3'], { env });
    expect(newest.code, newest.stderr).toBe(0);
    expect(
      newest.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(tasks.slice(0, 3));
    expect((em.stats().requestsByRoute['GET /query'] ?? 0) - queriesBefore).toBeLessThanOrEqual(2);
    const bad = await runVbem(['query', 'Vm', ...on()], { env });
    expect(bad.code).toBe(2);
    const badFilter = await runVbem(['query', 'Job', ...on(), '--filter', 'Name=='], { env });
    expect(badFilter.code).toBe(1);
    expect(badFilter.stderr.split('\n')[0]).toMatch(/^vbem: .*400/);
  });

  it('report: every format, JSON valid against schemas/report, file written atomically', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const json = await runVbem(['report', ...on(), '--since', '7d', '--format', 'json'], { env });
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe(''); // no progress off a terminal
    expect(validate(JSON.parse(json.stdout)), JSON.stringify(validate.errors)).toBe(true);
    for (const [format, pattern] of [
      ['text', /jobs, \d+ runs/],
      ['markdown', /^# /m],
      ['csv', /^job_uid,job_name/],
      ['html', /^<!DOCTYPE html>/i],
      ['prometheus', /^# HELP vbem_/m],
    ] as const) {
      const run = await runVbem(['report', ...on(), '--format', format, '--no-tasks'], { env });
      expect(run.code, `${format}: ${run.stderr}`).toBe(0);
      expect(run.stdout, format).toMatch(pattern);
    }
    const file = join(dir, 'report.html');
    const first = await runVbem(['report', ...on(), '--format', 'html', '--output', file], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/<\/html>\s*$/);
    const again = await runVbem(['report', ...on(), '--format', 'html', '--output', file], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists; not overwriting/);
    expect(again.stderr).toMatch(/--force/);
    writeFileSync(file, 'old');
    const forced = await runVbem(
      ['report', ...on(), '--format', 'html', '--output', file, '--force'],
      { env },
    );
    expect(forced.code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('a text report into a pipe keeps every job name whole', async () => {
    const json = await runVbem(['report', '--demo', '--format', 'json']);
    const names = (JSON.parse(json.stdout) as { jobs: { jobName: string }[] }).jobs.map(
      (job) => job.jobName,
    );
    expect(Math.max(...names.map((name) => name.length))).toBeGreaterThan(20);
    const text = await runVbem(['report', '--demo']);
    expect(text.code, text.stderr).toBe(0);
    for (const name of names) expect(text.stdout).toContain(name);
    expect(text.stdout).not.toContain('…');
  });

  it('--demo works with no EM and no credentials', async () => {
    const run = await runVbem(['report', '--demo', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { jobs: unknown[] };
    expect(report.jobs.length).toBe(24);
    const sessions = await runVbem(['sessions', '--demo', '--result', 'Failed', '--since', '7d']);
    expect(sessions.code).toBe(0);
  });

  it('errors are one line plus a hint, with a non-zero exit; --debug adds detail without secrets', async () => {
    const wrong = await runVbem(['sessions', ...on(), '--debug'], {
      env: { VBEM_PASSWORD: 'not-the-password' },
    });
    expect(wrong.code).toBe(1);
    const [line, hint] = wrong.stderr.split('\n');
    expect(line).toMatch(/^vbem: POST .*sessionMngr.* answered 401/);
    expect(hint).toMatch(/^hint: /);
    expect(wrong.stderr).toMatch(/"status": 401/);
    expect(wrong.stderr).not.toContain('not-the-password');
    expect(wrong.stderr).not.toContain(Buffer.from('emulator:not-the-password').toString('base64'));
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const refused = await runVbem(
      ['sessions', '--url', `http://127.0.0.1:${closedPort}`, '--username', 'x'],
      { env },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^vbem: .*ECONNREFUSED/);
    // The doctor of that --url and --username, which the doctor takes.
    expect(refused.stderr).toMatch(
      /\nhint: run 'vbem doctor --url http:\/\/127\.0\.0\.1:\d+ --username x' to check the connection\n/,
    );
  });

  it.runIf(existsSync('/dev/full'))(
    'a full disk on stdout: one line, logged off, exit 1 (UNKNOWN, 3, for check)',
    async () => {
      for (const [command, exitCode] of [
        [['report', '--no-tasks'], 1],
        [['sessions', '--since', '7d'], 1],
        [['check'], 3],
      ] as const) {
        const before = em.stats().logoffs;
        const child = spawn(process.execPath, [VBEM_BIN, ...command, ...on()], {
          env: { PATH: process.env.PATH ?? '', VBEM_PASSWORD: 'emulator', NO_COLOR: '1' },
          stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
        });
        let stderr = '';
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
        });
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(stderr, command[0]).toBe('vbem: cannot write output: ENOSPC\n');
        expect(code, command[0]).toBe(exitCode);
        expect(em.stats().openLogonSessions).toBe(0);
        expect(em.stats().logoffs).toBe(before + 1);
      }
    },
  );

  it('a reader of stderr that leaves early ends the run quietly and logged off (UNKNOWN, 3, for check)', async () => {
    for (const [command, exitCode] of [
      [['sessions', '--since', '7d', '-v'], 0],
      [['report', '--no-tasks', '-v'], 0],
      [['check', '-v'], 3],
    ] as const) {
      const before = em.stats();
      const child = spawn(process.execPath, [VBEM_BIN, ...command, ...on()], {
        env: { PATH: process.env.PATH ?? '', VBEM_PASSWORD: 'emulator', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // `2>&1 >/dev/null | head -0`: the reader is gone before vbem writes its first note.
      child.stderr?.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, command[0]).toBe(exitCode);
      // sessions notes at the end, after its logon; report and check stop before theirs.
      const after = em.stats();
      expect(after.openLogonSessions, command[0]).toBe(0);
      expect(after.logoffs - before.logoffs, command[0]).toBe(after.logons - before.logons);
      if (command[0] === 'sessions') expect(after.logons).toBe(before.logons + 1);
    }
  });

  it("a check's usage error keeps exit 3 when stderr's reader has left after the status line", async () => {
    const child = spawn(process.execPath, [VBEM_BIN, 'check', '--demo', '--bogus'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.destroy();
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stdout).toBe("VBEM UNKNOWN - unknown option '--bogus'\n");
    expect(code).toBe(3);
  });

  it.each([
    ['SIGINT', 130, 'interrupted'],
    ['SIGTERM', 143, 'terminated'],
    ['SIGHUP', 129, 'hung up'],
  ] as const)(
    '%s in the middle of a crawl logs off before exiting %i',
    async (signal, code, said) => {
      const slow = await startEmulator({
        onWarning: () => {},
        faults: [
          { fault: { kind: 'latency', ms: 300 }, path: '/query', times: Number.POSITIVE_INFINITY },
        ],
      });
      try {
        const { child, exit, stderr } = startVbem(slow.url, ['report', '--since', '30d']);
        await logonOpenOn(slow);
        expect(slow.stats().openLogonSessions).toBe(1);
        child.kill(signal);
        expect(await exit).toBe(code);
        expect(stderr()).toMatch(new RegExp(`^vbem: ${said}; logged off$`, 'm'));
        expect(slow.stats().openLogonSessions).toBe(0);
        expect(slow.stats().logoffs).toBe(1);
      } finally {
        await slow.close();
      }
    },
  );

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'check stopped by %s logs off, then prints an UNKNOWN status line and exits 3',
    async (signal) => {
      const slow = await startEmulator({
        onWarning: () => {},
        faults: [
          { fault: { kind: 'latency', ms: 300 }, path: '/query', times: Number.POSITIVE_INFINITY },
        ],
      });
      try {
        const { child, exit, stdout, stderr } = startVbem(slow.url, ['check', '--since', '30d']);
        await logonOpenOn(slow);
        expect(slow.stats().openLogonSessions).toBe(1);
        child.kill(signal);
        expect(await exit).toBe(3);
        expect(stdout()).toBe(
          `VBEM UNKNOWN - stopped by ${signal} before the check could look; logged off\n`,
        );
        expect(stderr()).toBe('');
        expect(slow.stats().openLogonSessions).toBe(0);
        expect(slow.stats().logoffs).toBe(1);
      } finally {
        await slow.close();
      }
    },
  );

  it('check stopped when EM does not take the logoff says, UNKNOWN, that it could not log off', async () => {
    const slow = await startEmulatorRefusingLogoff();
    try {
      const { child, exit, stdout } = startVbem(slow.url, ['check', '--since', '30d']);
      await logonOpenOn(slow);
      child.kill('SIGTERM');
      expect(await exit).toBe(3);
      expect(stdout()).toMatch(
        /^VBEM UNKNOWN - stopped by SIGTERM before the check could look; could not log off \(.*\)\n$/,
      );
    } finally {
      await slow.close();
    }
  });

  it('Ctrl-C when EM does not take the logoff says it could not log off', async () => {
    const slow = await startEmulatorRefusingLogoff();
    try {
      const { child, exit, stderr } = startVbem(slow.url, ['report', '--since', '30d']);
      await logonOpenOn(slow);
      child.kill('SIGINT');
      expect(await exit).toBe(130);
      expect(slow.stats().faultsInjected.reset).toBe(2);
      expect(slow.stats().openLogonSessions).toBe(1);
      expect(stderr()).toMatch(/^vbem: interrupted; could not log off \(.*\)$/m);
      expect(stderr()).not.toMatch(/logged off/);
      expect(stderr()).not.toContain('emulator');
    } finally {
      await slow.close();
    }
  });

  it('Ctrl-C while the logon is on its way still logs off the session it opens', async () => {
    const slow = await startEmulator({
      onWarning: () => {},
      faults: [{ fault: { kind: 'latency', ms: 1_000 }, method: 'POST', path: '/sessionMngr' }],
    });
    try {
      const { child, exit, stderr } = startVbem(slow.url, ['sessions', '--since', '1d']);
      const logonsSent = () => slow.stats().requestsByRoute['POST /sessionMngr'] ?? 0;
      for (let waited = 0; logonsSent() === 0 && waited < 10_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(logonsSent()).toBe(1);
      child.kill('SIGINT');
      expect(await exit).toBe(130);
      expect(stderr()).toMatch(/interrupted; logged off/);
      // EM opens the session about a second after the interrupt; vbem must have logged it off.
      for (let waited = 0; slow.stats().logons === 0 && waited < 5_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(slow.stats().logons).toBe(1);
      expect(slow.stats().openLogonSessions).toBe(0);
      expect(slow.stats().logoffs).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('vbem emulator serves EM on loopback until Ctrl-C, then exits 0 (as EM 12 when told; a negative seed as vbem-emulator takes it)', async () => {
    const child = spawn(
      process.execPath,
      [
        VBEM_BIN,
        'emulator',
        '--port',
        '0',
        '--jobs',
        '8',
        '--days',
        '3',
        '--em-version',
        '12',
        '--seed',
        '-5',
      ],
      {
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // As a shell reports it: 128 + the signal's number for a process a signal ended.
    const exit = new Promise<number | null>((resolve) =>
      child.on('close', (code, signal) =>
        resolve(code ?? (signal === null ? null : 128 + constants.signals[signal])),
      ),
    );
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /vbem emulator: (http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('close', () => reject(new Error(`vbem emulator exited early: ${stdout}`)));
    });
    expect(stdout).toContain('(EM 12, ');
    const root = await fetch(`${url}/api/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<EnterpriseManager');
    // EM 12 writes JSON keys as the XML names (PascalCase); EM 13 in camelCase.
    const rootJson = await fetch(`${url}/api/`, { headers: { Accept: 'application/json' } });
    expect(Object.keys((await rootJson.json()) as object)).toContain('SupportedVersions');
    const sessions = await runVbem(
      ['sessions', '--url', url, '--username', 'emulator', '--since', '3d', '--format', 'json'],
      {
        env,
      },
    );
    expect(sessions.code, sessions.stderr).toBe(0);
    expect((JSON.parse(sessions.stdout) as unknown[]).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('report --all merges every EM of the config file and lists the one that is down', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        profiles: {
          hq: { url: em.url, username: 'emulator', passwordEnv: 'HQ_PASSWORD' },
          branch: {
            url: `http://127.0.0.1:${closedPort}`,
            username: 'emulator',
            passwordEnv: 'HQ_PASSWORD',
          },
          // Its variable unset: this EM fails alone, as one that is down does.
          delta: { url: em.url, username: 'emulator', passwordEnv: 'DELTA_PW' },
        },
      }),
      { mode: 0o600 },
    );
    const run = await runVbem(
      ['report', '--all', '--config', config, '--format', 'json', '--no-tasks', '--timeout', '2'],
      {
        env: { HQ_PASSWORD: 'emulator' },
        timeoutMs: 60_000,
      },
    );
    // Written whole for the EMs that did not fail, but not read as the whole estate.
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    const report = JSON.parse(run.stdout) as {
      jobs: { source: string | null }[];
      failedSources: { name: string; error: string }[];
    };
    expect(report.jobs.length).toBe(em.dataset.jobs.length);
    expect(new Set(report.jobs.map((job) => job.source))).toEqual(new Set(['hq']));
    const failed = Object.fromEntries(
      report.failedSources.map((source) => [source.name, source.error]),
    );
    expect(Object.keys(failed).sort()).toEqual(['branch', 'delta']);
    expect(failed.branch).toMatch(/ECONNREFUSED/);
    expect(failed.delta).toBe(
      'no password for profile delta: DELTA_PW (passwordEnv of profile delta) is not set',
    );
    expect(run.stderr).toMatch(/warning: branch: /);
    expect(run.stderr).toMatch(
      /warning: partial report: 2 of 3 EMs failed; the report is of the others \(exit code 3\)/,
    );
    expect(run.stderr.split('\n')).toContain(
      // With the run's flags that reach the doctor, as the hint for one EM has them.
      `hint: run 'vbem doctor --all --config ${config} --timeout 2' to check every profile (2 failed)`,
    );
    expect(em.stats().openLogonSessions).toBe(0);
  });
});
