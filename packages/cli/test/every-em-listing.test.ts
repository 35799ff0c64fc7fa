import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_EXIT_CODE } from '../src/partial-exit-code.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const ALPHA_PW = 'Alpha-Secret-Pw-4711';
const BETA_PW = 'Beta-Secret-Pw-0815';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

interface Listed {
  readonly em: string;
  readonly creationTime: string;
  readonly uid: string;
}

describe('sessions --all and tasks --all', () => {
  let alpha: RunningEmulator;
  let beta: RunningEmulator;
  let dir: string;
  /** beta, alpha (the config file's order, not the names'), then an EM that does not answer. */
  let withDown: string;
  let answering: string;
  let noneAnswers: string;
  const env = { ALPHA_PW, BETA_PW, DOWN_PW: 'Down-Secret-Pw-1234' };

  beforeAll(async () => {
    const dataset = { now: NOW, days: 2, vmsPerJob: 2, restoreSessions: 0 };
    [alpha, beta] = await Promise.all([
      startEmulator({
        dataset: { ...dataset, jobs: 3, seed: 1 },
        users: [{ username: 'svc', password: ALPHA_PW }],
        now: () => NOW,
        onWarning: () => {},
      }),
      startEmulator({
        dataset: { ...dataset, jobs: 4, seed: 2 },
        users: [{ username: 'svc', password: BETA_PW }],
        now: () => NOW,
        onWarning: () => {},
      }),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'vbem-every-em-listing-'));
    const down = `http://127.0.0.1:${await closedPort()}`;
    const profiles = {
      beta: { url: beta.url, username: 'svc', passwordEnv: 'BETA_PW' },
      alpha: { url: alpha.url, username: 'svc', passwordEnv: 'ALPHA_PW' },
      down: { url: down, username: 'svc', passwordEnv: 'DOWN_PW' },
    };
    const write = async (name: string, chosen: Record<string, unknown>) => {
      const path = join(dir, name);
      await writeFile(path, JSON.stringify({ profiles: chosen }), { mode: 0o600 });
      return path;
    };
    withDown = await write('with-down.json', profiles);
    answering = await write('answering.json', { beta: profiles.beta, alpha: profiles.alpha });
    noneAnswers = await write('none.json', { down: profiles.down });
  });
  afterAll(async () => {
    await Promise.all([alpha?.close(), beta?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const vbem = (argv: readonly string[]) => vbemInProcess(argv, { env, now: NOW });
  const json = (stdout: string) => JSON.parse(stdout) as Listed[];
  const noSecrets = (run: { stdout: string; stderr: string }) => {
    for (const secret of Object.values(env)) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  };

  it('sessions --all: every EM, each row labelled with its profile, newest first, the same as each EM alone', async () => {
    const all = await vbem(['sessions', '--all', '--config', answering, '--format', 'json']);
    expect(all.code, all.stderr).toBe(0);
    const rows = json(all.stdout);
    const alone = async (profile: string) => {
      const run = await vbem([
        'sessions',
        '--config',
        answering,
        '--profile',
        profile,
        '--format',
        'json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      return json(run.stdout);
    };
    const [ofAlpha, ofBeta] = await Promise.all([alone('alpha'), alone('beta')]);
    expect(ofAlpha.length).toBeGreaterThan(0);
    expect(ofBeta.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.em === 'alpha').map(({ em: _em, ...row }) => row)).toEqual(
      ofAlpha,
    );
    expect(rows.filter((row) => row.em === 'beta').map(({ em: _em, ...row }) => row)).toEqual(
      ofBeta,
    );
    expect(rows).toHaveLength(ofAlpha.length + ofBeta.length);
    // The EM first in each row; newest first, the same time in the config file's order (beta first).
    expect(Object.keys(rows[0] ?? {})[0]).toBe('em');
    const order = (row: Listed) => (row.em === 'beta' ? 0 : 1);
    for (let index = 1; index < rows.length; index++) {
      const [before, after] = [rows[index - 1] as Listed, rows[index] as Listed];
      expect(
        before.creationTime > after.creationTime ||
          (before.creationTime === after.creationTime && order(before) <= order(after)),
      ).toBe(true);
    }
    // Deterministic: whichever EM answers first.
    const again = await vbem([
      'sessions',
      '--all',
      '--config',
      answering,
      '--format',
      'json',
      '--concurrency',
      '1',
    ]);
    expect(again.stdout).toBe(all.stdout);
    noSecrets(all);
  });

  it('sessions --all: an EM column in the table, an em field in CSV and NDJSON; --limit of them all', async () => {
    const table = await vbem(['sessions', '--all', '--config', answering]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^EM +Created \(UTC\) +Job/);
    expect(table.stdout).toMatch(/^alpha /m);
    expect(table.stdout).toMatch(/^beta /m);

    const csv = await vbem(['sessions', '--all', '--config', answering, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toMatch(/^em,uid,jobName,/);
    const ndjson = await vbem(['sessions', '--all', '--config', answering, '--format', 'ndjson']);
    const lines = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Listed);
    expect(new Set(lines.map((row) => row.em))).toEqual(new Set(['alpha', 'beta']));

    const every = json(
      (await vbem(['sessions', '--all', '--config', answering, '--format', 'json'])).stdout,
    );
    const limited = await vbem([
      'sessions',
      '--all',
      '--config',
      answering,
      '--format',
      'json',
      '--limit',
      '5',
    ]);
    expect(limited.code, limited.stderr).toBe(0);
    expect(json(limited.stdout)).toEqual(every.slice(0, 5));
  });

  it('sessions --all: rows of the same time keep the config file order of their EMs, not the names', async () => {
    // Two profiles of one EM: every session twice, at the same time.
    const twice = join(dir, 'twice.json');
    await writeFile(
      twice,
      JSON.stringify({
        profiles: {
          zulu: { url: alpha.url, username: 'svc', passwordEnv: 'ALPHA_PW' },
          echo: { url: alpha.url, username: 'svc', passwordEnv: 'ALPHA_PW' },
        },
      }),
      { mode: 0o600 },
    );
    for (const concurrency of ['1', '2']) {
      const run = await vbem([
        'sessions',
        '--all',
        '--config',
        twice,
        '--format',
        'json',
        '--concurrency',
        concurrency,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const rows = json(run.stdout);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.em)).toEqual(
        rows.map((_row, index) => (index % 2 === 0 ? 'zulu' : 'echo')),
      );
    }
  });

  it('sessions --all with an EM that does not answer: it is named with its own error, the others listed, exit 3', async () => {
    const run = await vbem(['sessions', '--all', '--config', withDown, '--format', 'json']);
    expect(run.code, run.stderr).toBe(PARTIAL_EXIT_CODE);
    const rows = json(run.stdout);
    expect(new Set(rows.map((row) => row.em))).toEqual(new Set(['alpha', 'beta']));
    expect(run.stderr).toMatch(/^vbem: warning: down: .*127\.0\.0\.1/m);
    expect(run.stderr).toMatch(
      /^vbem: warning: partial listing: 1 of 3 EMs failed; the sessions listed are of the others \(exit code 3\)$/m,
    );
    // The hint names the one EM that failed, whose doctor the user can run as it is printed.
    expect(run.stderr.split('\n')).toContain(
      `hint: run 'vbem doctor --profile down --config ${withDown}' to check it`,
    );
    noSecrets(run);
  });

  it('sessions --all with every EM failing: the error of report --all', async () => {
    const run = await vbem(['sessions', '--all', '--config', noneAnswers]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^vbem: EM down: /m);
    expect(run.stderr.split('\n')).toContain(
      `hint: run 'vbem doctor --profile down --config ${noneAnswers}' to check the connection`,
    );
    noSecrets(run);
  });

  it('sessions --all with a bad --concurrency, and --all with --profile: usage errors', async () => {
    const zero = await vbem(['sessions', '--all', '--config', answering, '--concurrency', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--concurrency/);
    const both = await vbem(['sessions', '--all', '--profile', 'alpha', '--config', answering]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--all takes every profile/);
  });

  it('tasks --all: every EM, labelled, an EM failing named, exit 3', async () => {
    const run = await vbem(['tasks', '--all', '--config', withDown, '--format', 'json']);
    expect(run.code, run.stderr).toBe(PARTIAL_EXIT_CODE);
    const rows = json(run.stdout);
    const ofAlpha = await vbem([
      'tasks',
      '--config',
      answering,
      '--profile',
      'alpha',
      '--format',
      'json',
    ]);
    expect(rows.filter((row) => row.em === 'alpha').map(({ em: _em, ...row }) => row)).toEqual(
      json(ofAlpha.stdout),
    );
    expect(rows.some((row) => row.em === 'beta')).toBe(true);
    expect(run.stderr).toMatch(/^vbem: warning: down: /m);
    expect(run.stderr).toMatch(/partial listing: 1 of 3 EMs failed; the task sessions listed/);
    const table = await vbem(['tasks', '--all', '--config', answering]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^EM +Created \(UTC\) +VM/);
    noSecrets(run);
  });

  it('sessions show and query still read one EM', async () => {
    const run = await vbem(['query', 'Job', '--all', '--config', answering]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--all works with report, check, sessions, tasks and doctor/);
  });
});
