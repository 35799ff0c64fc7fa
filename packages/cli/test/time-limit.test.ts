import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_EXIT_CODE } from '../src/partial-exit-code.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');

/**
 * `--time-limit` of sessions, tasks and report (check's has its own tests): EM `slow` stalls its
 * queries (its logon works, so that a logon session is there to log off), `fast` answers.
 */
describe('--time-limit of sessions, tasks and report', () => {
  let fast: RunningEmulator;
  let slow: RunningEmulator;
  let dir: string;
  let both: string;
  let slowOnly: string;
  const env = { VBEM_PASSWORD: 'emulator' };

  beforeAll(async () => {
    const dataset = { now: NOW, days: 2, jobs: 3, vmsPerJob: 1, restoreSessions: 0 };
    const start = (seed: number) =>
      startEmulator({ dataset: { ...dataset, seed }, now: () => NOW, onWarning: () => {} });
    [fast, slow] = await Promise.all([start(1), start(2)]);
    dir = await mkdtemp(join(tmpdir(), 'vbem-time-limit-'));
    const write = async (name: string, profiles: Record<string, unknown>) => {
      const path = join(dir, name);
      await writeFile(path, JSON.stringify({ profiles }), { mode: 0o600 });
      return path;
    };
    const profile = (em: RunningEmulator) => ({ url: em.url, username: 'emulator' });
    both = await write('both.json', { fast: profile(fast), slow: profile(slow) });
    slowOnly = await write('slow.json', { slow: profile(slow) });
  });
  afterEach(() => {
    slow.faults.clear();
  });
  afterAll(async () => {
    await Promise.all([fast?.close(), slow?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const vbem = (argv: readonly string[]) => vbemInProcess(argv, { env, now: NOW });
  const stallQueries = () =>
    slow.faults.add({ fault: { kind: 'stall' }, path: '/query', times: 1000 });
  /** Every logon session the run opened was logged off, the cut ones included. */
  const loggedOff = () => {
    expect(slow.stats().openLogonSessions).toBe(0);
    expect(fast.stats().openLogonSessions).toBe(0);
  };

  for (const command of ['sessions', 'tasks', 'report']) {
    it(`${command}: one EM that stalls is an error naming the flag at the limit, logged off`, async () => {
      stallQueries();
      const started = Date.now();
      const run = await vbem([
        command,
        '--config',
        slowOnly,
        '--profile',
        'slow',
        '--time-limit',
        '1',
      ]);
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^vbem: not done within --time-limit 1s$/m);
      expect(run.stderr).toMatch(/^hint: raise --time-limit/m);
      expect(slow.stats().logons).toBeGreaterThan(0);
      loggedOff();
    });

    it(`${command} --all: the EMs done are kept, the one cut fails (exit ${PARTIAL_EXIT_CODE}), logged off`, async () => {
      stallQueries();
      const run = await vbem([
        command,
        '--all',
        '--config',
        both,
        '--time-limit',
        '1s',
        '--format',
        'json',
      ]);
      expect(run.code, run.stderr).toBe(PARTIAL_EXIT_CODE);
      expect(run.stderr).toMatch(/^vbem: warning: slow: not done within --time-limit 1s$/m);
      if (command === 'report') {
        const report = JSON.parse(run.stdout) as {
          sources: string[];
          failedSources: { name: string; error: string }[];
        };
        expect(report.failedSources).toEqual([
          { name: 'slow', error: 'not done within --time-limit 1s' },
        ]);
      } else {
        const rows = JSON.parse(run.stdout) as { em: string }[];
        expect(rows.length).toBeGreaterThan(0);
        expect(new Set(rows.map((row) => row.em))).toEqual(new Set(['fast']));
      }
      loggedOff();
    });
  }

  it('--all with every EM cut is the every-EM-failed error, naming the limit', async () => {
    stallQueries();
    const run = await vbem(['sessions', '--all', '--config', slowOnly, '--time-limit', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^vbem: EM slow: not done within --time-limit 1s$/m);
    loggedOff();
  });

  for (const [label, selection] of [
    ['one EM', ['--profile', 'slow']],
    ['--all', ['--all']],
  ] as const) {
    it(`report --format prometheus, ${label} cut: source_up 0 is written, the error names the limit`, async () => {
      stallQueries();
      const run = await vbem([
        'report',
        '--config',
        slowOnly,
        ...selection,
        '--format',
        'prometheus',
        '--time-limit',
        '1',
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^vbem_source_up\{source="slow"\} 0$/m);
      expect(run.stderr).toMatch(/^vbem: (EM slow: )?not done within --time-limit 1s$/m);
      loggedOff();
    });
  }

  it('no limit unless given: a run that takes longer than a second is not cut', async () => {
    slow.faults.add({ fault: { kind: 'latency', ms: 1_200 }, path: '/query', times: 1 });
    const run = await vbem([
      'sessions',
      '--config',
      slowOnly,
      '--profile',
      'slow',
      '--format',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('a bad --time-limit is a usage error naming the flag, before anything is read', async () => {
    for (const command of ['sessions', 'tasks', 'report']) {
      const run = await vbem([
        command,
        '--config',
        slowOnly,
        '--profile',
        'slow',
        '--time-limit',
        '2x',
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^vbem: --time-limit: "2x" is not a number of seconds \(35, 90s\) or a duration \(5m, 1h\)$/m,
      );
    }
    expect(slow.stats().logons).toBe(slow.stats().logoffs);
  });
});
