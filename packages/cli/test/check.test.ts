import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type DatasetOptions, type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPerfDatum, perfLabel, statusLine } from '../src/check/nagios.js';
import type { CliIo } from '../src/cli-io.js';
import { main } from '../src/main.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const SMALL = { now: NOW, jobs: 8, days: 3, vmsPerJob: 1, restoreSessions: 0 } as const;

/** The Nagios plugin grammar: `VBEM STATE - summary | 'label'=value[UOM];[warn];[crit];[min];[max] …`. */
const PERF = String.raw`(?:'(?:[^']|'')+'|[^'= |]+)=(?:-?\d+(?:\.\d+)?(?:s|ms|us|%|B|KB|MB|TB|c)?|U)(?:;[^; ]*){0,4}`;
const STATUS_LINE = new RegExp(
  String.raw`^VBEM (OK|WARNING|CRITICAL|UNKNOWN) - ([^|\n]+?)(?: \| (${PERF}(?: ${PERF})*))?\n$`,
);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly state: string;
  readonly summary: string;
  /** Perfdata by label: the whole `value;warn;crit;min` text. */
  readonly perf: Readonly<Record<string, string>>;
}

async function vbem(argv: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([]),
    env: { VBEM_PASSWORD: 'emulator', ...env },
    signal: new AbortController().signal,
    now: () => NOW,
  };
  const code = await main(['check', ...argv], io);
  // Exactly one status line, in the plugin grammar, whatever happened.
  const match = STATUS_LINE.exec(stdout);
  expect(match, `not one Nagios status line: ${JSON.stringify(stdout)}`).not.toBeNull();
  const perf: Record<string, string> = {};
  for (const datum of (match?.[3] ?? '').split(' ').filter(Boolean)) {
    const [label = '', value = ''] = datum.split('=');
    perf[label] = value;
  }
  const state = match?.[1] ?? '';
  expect(code).toBe({ OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 }[state]);
  return { code, stdout, stderr, state, summary: match?.[2] ?? '', perf };
}

const emulators: RunningEmulator[] = [];
async function emulator(dataset: DatasetOptions): Promise<RunningEmulator> {
  const em = await startEmulator({ dataset, now: () => NOW, onWarning: () => {} });
  emulators.push(em);
  return em;
}
afterAll(async () => {
  await Promise.all(emulators.map((em) => em.close()));
});

const at = (em: RunningEmulator, ...argv: string[]) => [
  '--url',
  em.url,
  '--username',
  'emulator',
  ...argv,
];

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

/**
 * Runs `use` with a temporary directory, and a writer of a config file of `profiles` in it
 * (mode 0600, as vbem asks of a file that may name password files) that returns its path.
 */
async function withConfigDir(
  use: (
    dir: string,
    writeProfiles: (profiles: Record<string, object>) => Promise<string>,
  ) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vbem-check-'));
  const config = join(dir, 'config.json');
  const writeProfiles = async (profiles: Record<string, object>): Promise<string> => {
    await writeFile(config, JSON.stringify({ profiles }), { mode: 0o600 });
    return config;
  };
  try {
    await use(dir, writeProfiles);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the Nagios plugin format', () => {
  test('labels are quoted when they must be, values are numbers with a unit or U', () => {
    expect(perfLabel('jobs')).toBe('jobs');
    expect(perfLabel('SQL Backup')).toBe("'SQL Backup'");
    expect(perfLabel("it's=1")).toBe("'it''s=1'");
    expect(formatPerfDatum({ label: 'jobs', value: 24, min: 0 })).toBe('jobs=24;;;0');
    expect(formatPerfDatum({ label: 'age', value: 1.23456, uom: 's', crit: 86400, min: 0 })).toBe(
      'age=1.235s;;86400;0',
    );
    expect(formatPerfDatum({ label: 'age', value: null, crit: 60 })).toBe('age=U;;60');
    expect(formatPerfDatum({ label: 'x', value: 1 })).toBe('x=1');
  });

  test('the summary is one line without the perfdata separator', () => {
    const line = statusLine('WARNING', 'Web | Mail\nbroken', [{ label: 'jobs', value: 2, min: 0 }]);
    expect(line).toBe('VBEM WARNING - Web / Mail broken | jobs=2;;;0\n');
    expect(STATUS_LINE.test(line)).toBe(true);
    expect(statusLine('UNKNOWN', 'x'.repeat(1000)).length).toBeLessThan(420);
  });
});

describe('vbem check', () => {
  let healthy: RunningEmulator;
  let warnings: RunningEmulator;
  let failing: RunningEmulator;
  let several: RunningEmulator;

  beforeAll(async () => {
    [healthy, warnings, failing, several] = await Promise.all([
      emulator({ ...SMALL, failureRate: 0, warningRate: 0, runningSessions: 0 }),
      emulator({ ...SMALL, failureRate: 0, warningRate: 0.4, runningSessions: 0 }),
      emulator({ ...SMALL, jobs: 12, failureRate: 0.3, warningRate: 0.05, retryRate: 0 }),
      // Four runs a day: failed runs that do not breach the RPO, for --max-failed.
      emulator({
        ...SMALL,
        jobs: 12,
        seed: 5,
        sessionsPerDay: 4,
        failureRate: 0.15,
        warningRate: 0,
        retryRate: 0,
        runningSessions: 0,
      }),
    ]);
  });

  afterAll(() => {
    for (const em of [healthy, warnings, failing, several]) {
      expect(em.stats().openLogonSessions).toBe(0);
    }
  });

  test('OK: every job succeeded within the RPO; the line and perfdata in the plugin format', async () => {
    const run = await vbem(at(healthy));
    expect(run.state).toBe('OK');
    expect(run.stdout).toMatch(
      /^VBEM OK - all 8 jobs ok \(RPO 24h, no failed runs\) \| jobs=8;;;0 ok=8;;;0 warning=0;;;0 critical=0;;;0 missed=0;0;;0 failed_runs=0;0;0;0 oldest_success_age=\d+s;;86400;0\n$/,
    );
    expect(Number.parseInt(run.perf.oldest_success_age ?? '', 10)).toBeLessThanOrEqual(86_400);
    expect(run.stderr).toBe('');
    expect(healthy.stats().openLogonSessions).toBe(0);
  });

  test('WARNING: last runs that ended with a warning; CRITICAL for them under --policy strict', async () => {
    const run = await vbem(at(warnings));
    expect(run.state).toBe('WARNING');
    expect(run.summary).toMatch(/^\d+ of 8 jobs warning: .+ \(last run warning\)/);
    expect(run.perf.failed_runs).toBe('0;0;0;0');
    expect(run.perf.critical).toBe('0;;;0');
    expect(Number.parseInt(run.perf.warning ?? '', 10)).toBeGreaterThan(0);

    const strict = await vbem(at(warnings, '--policy', 'strict'));
    expect(strict.state).toBe('CRITICAL');
    expect(strict.summary).toMatch(/critical: .+ \(no success in 24h, last run warning\)/);
    expect(strict.perf.oldest_success_age).toBe('U;;86400;0');
    expect(warnings.stats().openLogonSessions).toBe(0);
  });

  test('CRITICAL: failed runs and RPO breaches, named with their reasons', async () => {
    const run = await vbem(at(failing, '--verbose'));
    expect(run.state).toBe('CRITICAL');
    expect(run.summary).toMatch(
      /^\d+ of 12 jobs critical: [^(]+ \((no success in 24h|no success for \d+[dhm]|last run failed|failed \d+ times in a row)/,
    );
    expect(Number.parseInt(run.perf.failed_runs ?? '', 10)).toBeGreaterThan(0);
    expect(run.perf.failed_runs).toMatch(/^\d+;0;0;0$/);
    // --verbose names every job that is not ok on stderr, stdout keeps its one line.
    expect(run.stderr).toMatch(/^vbem: critical: .+: /m);
    expect(run.summary.length).toBeLessThan(320);
  });

  test('--max-failed: failed runs up to it are a warning, more are critical', async () => {
    const strict = await vbem(at(several));
    expect(strict.state).toBe('CRITICAL');
    expect(strict.summary).not.toMatch(/no success/);
    const failed = Number.parseInt(strict.perf.failed_runs ?? '', 10);
    expect(failed).toBeGreaterThan(1);

    const within = await vbem(at(several, '--max-failed', String(failed)));
    expect(within.state).toBe('WARNING');
    expect(within.perf.failed_runs).toBe(`${failed};0;${failed};0`);
    expect(within.summary).toMatch(/warning: .*(last run failed|failed \d+ times in a row)/);

    const over = await vbem(at(several, '--max-failed', String(failed - 1)));
    expect(over.state).toBe('CRITICAL');
    expect(over.perf.failed_runs).toBe(`${failed};0;${failed - 1};0`);
  });

  test('--job: only the named jobs; a name no EM has is UNKNOWN', async () => {
    const all = await vbem(at(failing, '--verbose'));
    const criticalNames = [...all.stderr.matchAll(/^vbem: critical: (.+?): /gm)].map(
      (m) => m[1] ?? '',
    );
    const troubled = new Set([...all.stderr.matchAll(/^vbem: \w+: (.+?): /gm)].map((m) => m[1]));
    const [critical] = criticalNames;
    const fine = failing.dataset.jobs.map((job) => job.name).find((name) => !troubled.has(name));
    expect(critical).toBeDefined();
    expect(fine).toBeDefined();

    const one = await vbem(at(failing, '--job', critical ?? ''));
    expect(one.state).toBe('CRITICAL');
    expect(one.summary.startsWith(`1 of 1 job critical: ${critical} (`)).toBe(true);
    expect(one.perf.jobs).toBe('1;;;0');

    const ok = await vbem(at(failing, '--job', fine ?? ''));
    expect(ok.state).toBe('OK');
    expect(ok.summary).toBe('1 job ok (RPO 24h, no failed runs)');

    const both = await vbem(at(failing, '--job', fine ?? '', '--job', critical ?? ''));
    expect(both.state).toBe('CRITICAL');
    expect(both.perf.jobs).toBe('2;;;0');

    const missing = await vbem(at(failing, '--job', 'No Such Job'));
    expect(missing.state).toBe('UNKNOWN');
    expect(missing.stdout).toBe('VBEM UNKNOWN - no job named "No Such Job"\n');
  });

  test('--rpo and --since: a longer RPO forgives a missed day; a window shorter than the RPO is UNKNOWN', async () => {
    const lenient = await vbem(at(failing, '--rpo', '3d'));
    expect(lenient.perf.oldest_success_age).toMatch(/;;259200;0$/);
    expect(lenient.summary).not.toMatch(/no success in 24h/);

    const short = await vbem(at(healthy, '--since', '12h'));
    expect(short.state).toBe('UNKNOWN');
    expect(short.summary).toMatch(/--since 12h is shorter than --rpo 24h/);
  });

  test('UNKNOWN (3) for a wrong password, with the hint on stderr', async () => {
    const before = healthy.stats().failedLogons;
    const run = await vbem(at(healthy), { VBEM_PASSWORD: 'wrong' });
    expect(run.state).toBe('UNKNOWN');
    expect(run.summary).toMatch(/answered 401/);
    expect(run.perf).toEqual({});
    expect(run.stderr).toMatch(/^hint: check --username/m);
    expect(healthy.stats().failedLogons).toBeGreaterThan(before);
    expect(healthy.stats().openLogonSessions).toBe(0);
  });

  test('UNKNOWN (3) for an EM that does not answer', async () => {
    const port = await closedPort();
    const run = await vbem(['--url', `http://127.0.0.1:${port}`, '--username', 'emulator']);
    expect(run.state).toBe('UNKNOWN');
    expect(run.summary).toMatch(/ECONNREFUSED|refused|failed/);
  });

  test('UNKNOWN (3) within --time-limit for an EM that accepts and never answers', async () => {
    const stalled = createServer(() => {});
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address();
    const port = typeof address === 'object' && address ? address.port : 1;
    try {
      const started = Date.now();
      const run = await vbem([
        '--url',
        `http://127.0.0.1:${port}`,
        '--username',
        'emulator',
        '--time-limit',
        '2',
      ]);
      expect(run.state).toBe('UNKNOWN');
      expect(run.summary).toBe(
        'no answer within 2 s (--time-limit); the EM is slow or not answering',
      );
      // Per attempt, the timeout is 30 s: only the time limit ends it this soon.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      stalled.close();
      // The client's sockets to it end with the run; close() waits for none of them.
    }
  });

  test('UNKNOWN (3), never 1 or 2, for mistakes on the command line', async () => {
    for (const argv of [
      ['--rpo', '1x'],
      ['--max-failed', '-1'],
      ['--max-failed', 'two'],
      ['--policy', 'lenient'],
      ['--time-limit', '0'],
      ['--time-limit', '25h'],
      ['--time-limit', '2x'],
      ['--bogus'],
      ['--rpo'],
      ['--password', 'secret'],
    ]) {
      const run = await vbem(at(healthy, ...argv));
      expect(run.state, argv.join(' ')).toBe('UNKNOWN');
      expect(run.stdout).not.toMatch(/secret/);
      expect(run.stderr).not.toMatch(/secret/);
    }
    for (const value of ['0', '65', 'many', '2.5']) {
      const run = await vbem(at(healthy, '--concurrency', value));
      expect(run.state, value).toBe('UNKNOWN');
      expect(run.summary).toBe(`--concurrency: "${value}" is not a whole number from 1 to 64`);
    }
    const noTarget = await vbem([], { VBEM_PASSWORD: 'emulator', HOME: '/nonexistent' });
    expect(noTarget.state).toBe('UNKNOWN');
    expect(noTarget.summary).toMatch(/no EM to connect to/);
  });

  test('--help is not a check: exit 0 with the rules', async () => {
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      stdin: Readable.from([]),
      env: {},
      signal: new AbortController().signal,
      now: () => NOW,
    };
    expect(await main(['check', '--help'], io)).toBe(0);
    expect(stdout).toMatch(/CRITICAL {2}a job breaches the RPO/);
    expect(stdout).toMatch(/--max-failed <n>/);
    expect(stdout).toMatch(
      /--concurrency <n> +with --all, EMs read at once \(1 to 64\) \(default:\s+"4"\)/,
    );
    expect(stdout).toMatch(
      /U\nwhen no job is checked, or when a job has no success among the sessions read: those created\nfrom the window's start minus --rpo on\)/,
    );
  });

  test('--time-limit takes seconds bare, with their unit, or as a duration as --rpo does', async () => {
    for (const limit of ['2s', '35', '2m', '1h']) {
      const run = await vbem(['--demo', '--time-limit', limit]);
      expect(['OK', 'WARNING', 'CRITICAL'], `${limit}: ${run.summary}`).toContain(run.state);
    }
  });

  test('--demo works with no EM at hand', async () => {
    const run = await vbem(['--demo']);
    expect(['OK', 'WARNING', 'CRITICAL']).toContain(run.state);
    expect(run.perf.jobs).toBe('24;;;0');
  });

  test('--all with --time-limit: an EM that stalls fails, not done within the limit; the others are judged', async () => {
    const stalled = createServer(() => {});
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address();
    const port = typeof address === 'object' && address ? address.port : 1;
    try {
      await withConfigDir(async (_dir, writeProfiles) => {
        const config = await writeProfiles({
          a: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
          b: { url: `http://127.0.0.1:${port}`, username: 'emulator', passwordEnv: 'PW' },
        });
        const run = await vbem(['--all', '--config', config, '--time-limit', '2'], {
          VBEM_PASSWORD: '',
          PW: 'emulator',
        });
        expect(run.state).toBe('WARNING');
        expect(run.summary).toBe(
          '1 of 2 EMs failed, 8 jobs ok on the others: EM b not done within --time-limit 2s',
        );
        expect(run.stderr).toMatch(/^vbem: warning: b: not done within --time-limit 2s$/m);

        // One at a time: the EMs still queued at the limit are counted as not started.
        await writeProfiles({
          a: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
          b: { url: `http://127.0.0.1:${port}`, username: 'emulator', passwordEnv: 'PW' },
          c: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
          d: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
        });
        const serial = await vbem(
          ['--all', '--config', config, '--time-limit', '5', '--concurrency', '1'],
          { VBEM_PASSWORD: '', PW: 'emulator' },
        );
        expect(serial.state).toBe('WARNING');
        expect(serial.summary).toBe(
          '3 of 4 EMs failed, 8 jobs ok on the others: EM b not done within --time-limit 5s; 2 EMs not started (raise --concurrency or --time-limit)',
        );
        expect(serial.perf.ems).toBe('4;;;0');
        expect(serial.perf.ems_failed).toBe('3;0;;0');

        // --all with its one profile cut: the doctor hint names that profile.
        await writeProfiles({
          b: { url: `http://127.0.0.1:${port}`, username: 'emulator', passwordEnv: 'PW' },
        });
        const alone = await vbem(['--all', '--config', config, '--time-limit', '2'], {
          VBEM_PASSWORD: '',
          PW: 'emulator',
        });
        expect(alone.state).toBe('UNKNOWN');
        // With the --config it was given: without, the doctor would read the default config file.
        expect(alone.stderr.split('\n')).toContain(
          `hint: run 'vbem doctor --profile b --config ${config}'`,
        );
      });
    } finally {
      stalled.close();
    }
  });

  test('--all cut by --time-limit with no EM done: each EM named with what happened, EM counts kept', async () => {
    const stalled = createServer(() => {});
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address();
    const port = typeof address === 'object' && address ? address.port : 1;
    try {
      await withConfigDir(async (_dir, writeProfiles) => {
        // One EM refuses the password, the other never answers: the 401 is on the status line.
        const config = await writeProfiles({
          wrong: { url: healthy.url, username: 'emulator', passwordEnv: 'PW_WRONG' },
          slow: { url: `http://127.0.0.1:${port}`, username: 'emulator', passwordEnv: 'PW' },
        });
        const env = { VBEM_PASSWORD: '', PW: 'emulator', PW_WRONG: 'not-the-password' };
        const run = await vbem(['--all', '--config', config, '--time-limit', '2'], env);
        expect(run.state).toBe('UNKNOWN');
        expect(run.summary).toMatch(
          /^no EM done: EM wrong: .*(401|[Ll]ogon|password|credentials).*; EM slow not done within --time-limit 2s$/,
        );
        expect(run.perf.ems).toBe('2;;;0');
        expect(run.perf.ems_failed).toBe('2;0;;0');
        // The hint names the doctor of the profile on the status line, not of every profile (--all).
        expect(run.stderr).toContain(
          `\nhint: run 'vbem doctor --profile wrong --config ${config}'\n`,
        );

        // One at a time, the slow EM first: the others were never started, and are not called cut.
        await writeProfiles({
          a: { url: `http://127.0.0.1:${port}`, username: 'emulator', passwordEnv: 'PW' },
          b: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
          c: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
          d: { url: healthy.url, username: 'emulator', passwordEnv: 'PW' },
        });
        const before = healthy.stats().requests;
        const serial = await vbem(
          ['--all', '--config', config, '--time-limit', '2', '--concurrency', '1'],
          env,
        );
        expect(serial.state).toBe('UNKNOWN');
        expect(serial.summary).toBe(
          'no EM done: EM a not done within --time-limit 2s; 3 EMs not started (raise --concurrency or --time-limit)',
        );
        expect(serial.perf.ems).toBe('4;;;0');
        expect(serial.perf.ems_failed).toBe('4;0;;0');
        expect(serial.stderr).toMatch(/^vbem: warning: b: not started within --time-limit 2s$/m);
        expect(serial.stderr).toContain(
          `\nhint: run 'vbem doctor --profile a --config ${config}'\n`,
        );
        expect(healthy.stats().requests).toBe(before);
      });
    } finally {
      stalled.close();
    }
  });

  test('--all with no EM done: the EMs fill the status line room of 400 before any is only counted', async () => {
    const stalled = createServer(() => {});
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address();
    const port = typeof address === 'object' && address ? address.port : 1;
    try {
      await withConfigDir(async (dir, writeProfiles) => {
        // Three errors of 100 characters or more (cut at 100), and an EM cut by the limit.
        const names = ['alpha', 'bravo', 'charlie'].map((name) => `${name}-${'x'.repeat(40)}`);
        const config = await writeProfiles({
          ...Object.fromEntries(
            names.map((name) => [
              name,
              { url: healthy.url, username: 'emulator', passwordFile: join(dir, `${name}.pw`) },
            ]),
          ),
          slow: { url: `http://127.0.0.1:${port}`, username: 'emulator', passwordEnv: 'PW' },
        });
        const run = await vbem(['--all', '--config', config, '--time-limit', '1'], {
          VBEM_PASSWORD: '',
          PW: 'emulator',
        });
        expect(run.state).toBe('UNKNOWN');
        expect(run.summary).toMatch(/^no EM done: EM alpha-x+: password file \(passwordFile/);
        for (const name of [...names, 'slow']) expect(run.summary).toContain(`EM ${name}`);
        expect(run.summary).not.toContain('more');
        expect(run.summary.length).toBeLessThanOrEqual(400);
        expect(run.perf.ems).toBe('4;;;0');
      });
    } finally {
      stalled.close();
    }
  });

  test('--all with --time-limit: an EM cut while its client retried is named with its last error', async () => {
    // Every query answered 503 with a Retry-After of 5 s: the limit comes while the client waits.
    const busy = await emulator(SMALL);
    busy.faults.add({
      fault: { kind: 'status', status: 503, retryAfter: 5 },
      path: '/query',
      times: 1000,
    });
    await withConfigDir(async (_dir, writeProfiles) => {
      const config = await writeProfiles({
        b: { url: busy.url, username: 'emulator', passwordEnv: 'PW' },
        c: { url: busy.url, username: 'emulator', passwordEnv: 'PW' },
      });
      const run = await vbem(['--all', '--config', config, '--time-limit', '1'], {
        VBEM_PASSWORD: '',
        PW: 'emulator',
      });
      expect(run.state).toBe('UNKNOWN');
      // The last error is the retried answer's, without the request; EMs cut alike go together.
      expect(run.summary).toMatch(
        /^no EM done: EMs b, c not done within --time-limit 1s \(last error: answered 503: The service is unavailable \(an injected fault\)\)$/,
      );
      expect(run.stderr).toMatch(
        /^vbem: warning: b: not done within --time-limit 1s \(last error: answered 503: .+\)$/m,
      );
      expect(busy.stats().openLogonSessions).toBe(0);
      // One EM alike: its status line names the last error too.
      const one = await vbem(['--config', config, '--profile', 'b', '--time-limit', '1'], {
        VBEM_PASSWORD: '',
        PW: 'emulator',
      });
      expect(one.state).toBe('UNKNOWN');
      expect(one.summary).toMatch(
        /^no answer within 1 s \(--time-limit\) \(last error: answered 503: The service is unavailable \(an injected fault\)\); the EM is slow or not answering$/,
      );
      expect(busy.stats().openLogonSessions).toBe(0);
    });
  });

  test('--all: an EM that does not answer makes the check at least WARNING, named', async () => {
    await withConfigDir(async (_dir, writeProfiles) => {
      const down = await closedPort();
      const config = await writeProfiles({
        a: { url: healthy.url, username: 'emulator', passwordEnv: 'PW_A' },
        b: { url: `http://127.0.0.1:${down}`, username: 'emulator', passwordEnv: 'PW_B' },
      });
      const env = { VBEM_PASSWORD: '', PW_A: 'emulator', PW_B: 'emulator' };
      const run = await vbem(['--all', '--config', config], env);
      expect(run.state).toBe('WARNING');
      // Its own error is on the status line, which is what a monitoring system shows.
      expect(run.summary).toMatch(
        /^1 of 2 EMs failed, 8 jobs ok on the others: EM b: GET http:\/\/127\.0\.0\.1:\d+\/api\/ failed: connect ECONNREFUSED .*$/,
      );
      expect(run.perf.ems).toBe('2;;;0');
      expect(run.perf.ems_failed).toBe('1;0;;0');
      expect(run.stderr).toMatch(/^vbem: warning: b: /m);

      // With a failing EM among the answering ones, CRITICAL wins and the EM is still named.
      await writeProfiles({
        a: { url: failing.url, username: 'emulator', passwordEnv: 'PW_A' },
        b: { url: `http://127.0.0.1:${down}`, username: 'emulator', passwordEnv: 'PW_B' },
        c: { url: healthy.url, username: 'emulator', passwordEnv: 'PW_A' },
      });
      const mixed = await vbem(['--all', '--config', config], env);
      expect(mixed.state).toBe('CRITICAL');
      expect(mixed.summary).toMatch(/critical: a: .+; 1 of 3 EMs failed: EM b: .*ECONNREFUSED.*$/);
      expect(mixed.perf.jobs).toBe('20;;;0');

      // Every EM down: the check could not look.
      await writeProfiles({
        b: { url: `http://127.0.0.1:${down}`, username: 'emulator', passwordEnv: 'PW_B' },
      });
      const none = await vbem(['--all', '--config', config], env);
      expect(none.state).toBe('UNKNOWN');
      expect(none.stderr).not.toMatch(/with the same options|run vbem doctor to/);
      expect(none.stderr.split('\n')).toContain(
        `hint: run 'vbem doctor --profile b --config ${config}' to check the connection`,
      );
      // A profile name a shell would split or expand is quoted for it in the hint.
      await writeProfiles({
        "b's $EM": { url: `http://127.0.0.1:${down}`, username: 'emulator', passwordEnv: 'PW_B' },
      });
      const odd = await vbem(['--all', '--config', config], env);
      expect(odd.stderr.split('\n')).toContain(
        `hint: run vbem doctor --profile 'b'\\''s $EM' --config ${config} to check the connection`,
      );
      await writeProfiles({
        b: { url: `http://127.0.0.1:${down}`, username: 'emulator', passwordEnv: 'PW_B' },
        c: { url: `http://127.0.0.1:${down}`, username: 'emulator', passwordEnv: 'PW_B' },
      });
      const both = await vbem(['--all', '--config', config], env);
      expect(both.state).toBe('UNKNOWN');
      expect(both.stderr).toMatch(
        /^hint: run 'vbem doctor --profile [bc] --config [^' ]+' to check the connection, or 'vbem doctor --all --config [^' ]+' for every profile$/m,
      );
    });
  });

  test("--all: one profile's unset passwordEnv or missing passwordFile fails that EM alone; --profile keeps the usage error", async () => {
    await withConfigDir(async (dir, writeProfiles) => {
      const config = await writeProfiles({
        a: { url: healthy.url, username: 'emulator', passwordEnv: 'PW_A' },
        delta: { url: healthy.url, username: 'emulator', passwordEnv: 'DELTA_PW' },
        echo: {
          url: healthy.url,
          username: 'emulator',
          passwordFile: join(dir, 'no-such-password'),
        },
      });
      const env = { VBEM_PASSWORD: 'Shared-Secret-Pw', PW_A: 'emulator' };
      const run = await vbem(['--all', '--config', config], env);
      expect(run.state).toBe('WARNING');
      expect(run.summary).toMatch(
        /^2 of 3 EMs failed, 8 jobs ok on the others: EM delta: no password for profile delta: DELTA_PW \(passwordEnv of profile delta\) is not set; EM echo: password file \(passwordFile of profile echo\) does not exist$/,
      );
      // The status line goes to a monitoring UI: the file's path is on stderr only.
      expect(run.summary).not.toContain(dir);
      expect(run.stderr).toContain(join(dir, 'no-such-password'));
      expect(run.perf.ems_failed).toBe('2;0;;0');
      expect(run.stderr).toMatch(
        /^vbem: warning: delta: no password for profile delta: DELTA_PW \(passwordEnv of profile delta\) is not set$/m,
      );
      expect(run.stderr).toMatch(
        /^vbem: warning: echo: .*\(passwordFile of profile echo\) does not exist$/m,
      );
      expect(run.stdout + run.stderr).not.toContain('Shared-Secret-Pw');

      const one = await vbem(['--profile', 'delta', '--config', config], env);
      expect(one.state).toBe('UNKNOWN');
      expect(one.summary).toMatch(/^no password for emulator at .*DELTA_PW/);
    });
  });

  test('the local files an UNKNOWN names stay off the status line, and go to stderr whole', async () => {
    await withConfigDir(async (dir, writeProfiles) => {
      const missing = join(dir, 'missing.pw');
      const config = await writeProfiles({
        echo: { url: healthy.url, username: 'emulator', passwordFile: missing },
        delta: { url: healthy.url, username: 'emulator', passwordEnv: 'DELTA_PW' },
        foxtrot: { url: healthy.url, username: 'emulator', passwordEnv: 'FOXTROT_PW' },
      });
      const one = await vbem(['--profile', 'echo', '--config', config]);
      expect(one.summary).toBe('password file (passwordFile of profile echo) does not exist');
      expect(one.stderr).toContain(
        `vbem: password file ${missing} (passwordFile of profile echo) does not exist\n`,
      );

      const every = await vbem(['--all', '--config', config]);
      expect(every.state).toBe('UNKNOWN');
      expect(every.summary).toBe(
        'EM echo: password file (passwordFile of profile echo) does not exist (and 2 other EMs failed too)',
      );
      expect(every.stderr).toContain(`vbem: EM echo: password file ${missing} (passwordFile`);

      const flag = await vbem([...at(healthy), '--password-file', join(dir, 'nofile')]);
      expect(flag.summary).toBe('password file (--password-file) does not exist');
      expect(flag.stderr).toContain(join(dir, 'nofile'));

      const homeless = await vbem([...at(healthy), '--password-file', '~/pw/em.pw'], { HOME: '' });
      expect(homeless.summary).toBe('cannot expand ~ in a path: HOME is not set');
      expect(homeless.stderr).toContain('cannot expand ~ in ~/pw/em.pw: HOME is not set');

      const unknown = await vbem(['--profile', 'nope', '--config', config]);
      expect(unknown.summary).toBe(
        'unknown profile "nope"; the config file has these: echo, delta, foxtrot',
      );

      await writeProfiles({ betaco: { url: healthy.url, timeout: 'soon' } });
      const timeout = await vbem(['--profile', 'betaco', '--config', config]);
      expect(timeout.summary).toMatch(/^the config file: profiles\.betaco\.timeout: /);
      expect(timeout.stderr).toContain(`vbem: ${config}: profiles.betaco.timeout: `);
      // No config file where it is looked for by default.
      const xdg = { XDG_CONFIG_HOME: join(dir, 'xdg') };
      const nowhere = await vbem(['--profile', 'nope'], xdg);
      expect(nowhere.summary).toBe(
        'unknown profile "nope": there is no config file at its default place',
      );
      expect(nowhere.stderr).toContain(join(dir, 'xdg', 'vbem', 'config.json'));
      const none = await vbem(['--all'], xdg);
      expect(none.summary).toBe(
        '--all reaches every profile of the config file, and there is no config file at its default place',
      );
      for (const run of [one, every, flag, homeless, timeout, unknown, nowhere, none]) {
        expect(run.stdout).not.toContain(dir);
      }
    });
  });

  test('--all with every EM failing: UNKNOWN names the EM, how many others failed, and its password source', async () => {
    await withConfigDir(async (_dir, writeProfiles) => {
      const config = await writeProfiles({
        betaco: { url: healthy.url, username: 'emulator', passwordEnv: 'BETACO_PW' },
        gamma: { url: healthy.url, username: 'emulator', passwordEnv: 'GAMMA_PW' },
      });
      const run = await vbem(['--all', '--config', config], {
        BETACO_PW: 'Wrong-Secret-1',
        GAMMA_PW: 'Wrong-Secret-2',
      });
      expect(run.state).toBe('UNKNOWN');
      expect(run.summary).toMatch(/^EM (betaco|gamma): .*401.* \(and 1 other EM failed too\)$/);
      const name = /^EM (\w+)/.exec(run.summary)?.[1] ?? '';
      expect(run.stderr).toContain(
        `hint: check --username and the password source (${name.toUpperCase()}_PW (passwordEnv of profile ${name}))`,
      );
      expect(run.stdout + run.stderr).not.toMatch(/Wrong-Secret/);
    });
  });
});
