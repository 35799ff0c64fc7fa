import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');

describe('report --all and check --all: EMs in the order of the config file, whichever finished first', () => {
  let slow: RunningEmulator;
  let fast: RunningEmulator;
  let dir: string;

  beforeAll(async () => {
    const options = {
      dataset: { now: NOW, jobs: 2, days: 2, vmsPerJob: 1, restoreSessions: 0 },
      now: () => NOW,
      onWarning: () => {},
    };
    // Every request of the first EM waits: it finishes last, and is first in the config.
    slow = await startEmulator({ ...options, faults: [{ fault: { kind: 'latency', ms: 400 } }] });
    fast = await startEmulator(options);
    dir = await mkdtemp(join(tmpdir(), 'vbem-all-order-'));
  });
  afterAll(async () => {
    await slow?.close();
    await fast?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function configOf(profiles: Record<string, { em: RunningEmulator; env: string }>) {
    const file = join(dir, `config-${Object.keys(profiles).join('-')}.json`);
    const entries = Object.entries(profiles).map(([name, { em, env }]) => [
      name,
      { url: em.url, username: 'emulator', passwordEnv: env },
    ]);
    await writeFile(file, JSON.stringify({ profiles: Object.fromEntries(entries) }), {
      mode: 0o600,
    });
    return file;
  }
  const env = { GOOD_PW: 'emulator', WRONG_PW: 'not-the-password' };

  it('lists sources and failed sources in the config order', async () => {
    const config = await configOf({
      slowGood: { em: slow, env: 'GOOD_PW' },
      slowRefused: { em: slow, env: 'WRONG_PW' },
      fastGood: { em: fast, env: 'GOOD_PW' },
      fastRefused: { em: fast, env: 'WRONG_PW' },
    });
    const run = await vbemInProcess(
      ['report', '--all', '--config', config, '--no-tasks', '--format', 'json'],
      { env, now: NOW },
    );
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as {
      sources: string[];
      failedSources: { name: string }[];
    };
    expect(report.sources).toEqual(['slowGood', 'fastGood']);
    expect(report.failedSources.map(({ name }) => name)).toEqual(['slowRefused', 'fastRefused']);
  });

  it('names the first EM of the config when every EM failed', async () => {
    const config = await configOf({
      slowRefused: { em: slow, env: 'WRONG_PW' },
      fastRefused: { em: fast, env: 'WRONG_PW' },
    });
    for (const command of [['report', '--no-tasks'], ['check']]) {
      const run = await vbemInProcess([...command, '--all', '--config', config], { env, now: NOW });
      expect(`${run.stdout}${run.stderr}`).toMatch(
        /EM slowRefused: .*\(and 1 other EM failed too\)/,
      );
    }
  });
});
