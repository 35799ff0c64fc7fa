import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_REPORT_EXIT_CODE } from '../src/commands/report.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const DATASET = { now: NOW, jobs: 3, days: 2, vmsPerJob: 1, restoreSessions: 0 } as const;
/** What a textfile collector would still serve from the last run, every EM answering. */
const LAST_RUN = 'vbem_source_up{source="alpha"} 1\nvbem_source_up{source="omega"} 1\n';

let good: RunningEmulator;
/** An EM that logs on but answers every query 500. */
let broken: RunningEmulator;
let dir: string;

beforeAll(async () => {
  [good, broken] = await Promise.all([
    startEmulator({ dataset: DATASET, now: () => NOW, onWarning: () => {} }),
    startEmulator({
      dataset: DATASET,
      now: () => NOW,
      onWarning: () => {},
      faults: [
        {
          fault: { kind: 'status', status: 500 },
          path: '/query',
          times: Number.POSITIVE_INFINITY,
        },
      ],
    }),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'vbem-every-em-down-'));
});
afterAll(async () => {
  await Promise.all([good?.close(), broken?.close()]);
  await rm(dir, { recursive: true, force: true });
});

const vbem = (argv: readonly string[], env: Record<string, string> = {}) =>
  vbemInProcess(['report', '--no-tasks', ...argv], { env, now: NOW });

async function configOf(name: string, profiles: Record<string, unknown>): Promise<string> {
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify({ profiles }), { mode: 0o600 });
  return path;
}

const sourceUpLines = (text: string): string[] =>
  text.split('\n').filter((line) => line.startsWith('vbem_source_up'));

describe('report --format prometheus when every EM failed', () => {
  it('--all: the file says each EM is down (source_up 0), and the run still fails with the same error', async () => {
    const config = await configOf('all-refused', {
      alpha: { url: good.url, username: 'emulator', passwordEnv: 'ALPHA_PW' },
      omega: { url: broken.url, username: 'emulator', passwordEnv: 'OMEGA_PW' },
    });
    const output = join(dir, 'all.prom');
    await writeFile(output, LAST_RUN);
    const args = ['--all', '--config', config, '--format', 'prometheus', '-o', output, '--force'];
    const run = await vbem(args, { ALPHA_PW: 'not-the-password', OMEGA_PW: 'emulator' });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^vbem: EM alpha: .*401.* \(and 1 other EM failed too\)$/m);
    expect(run.stderr).toMatch(/^vbem: warning: omega: GET .*answered 500/m);
    const written = await readFile(output, 'utf8');
    expect(sourceUpLines(written)).toEqual([
      'vbem_source_up{source="alpha"} 0',
      'vbem_source_up{source="omega"} 0',
    ]);
    expect(written).toMatch(/^vbem_report_failed_sources 2$/m);
    expect(written).toMatch(/^vbem_report_generated_timestamp_seconds /m);
    expect(written).not.toMatch(/^vbem_job_/m);
  });

  it('one EM: the same, to a file or to stdout', async () => {
    const env = { VBEM_PASSWORD: 'emulator' };
    const on = ['--url', broken.url, '--username', 'emulator', '--format', 'prometheus'];
    const host = new URL(broken.url).host;
    const output = join(dir, 'one.prom');
    await writeFile(output, `vbem_source_up{source="${host}"} 1\n`);
    const run = await vbem([...on, '-o', output, '--force'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^vbem: GET .*answered 500: /m);
    expect(sourceUpLines(await readFile(output, 'utf8'))).toEqual([
      `vbem_source_up{source="${host}"} 0`,
    ]);
    const toStdout = await vbem(on, env);
    expect(toStdout.code, toStdout.stderr).toBe(1);
    expect(sourceUpLines(toStdout.stdout)).toEqual([`vbem_source_up{source="${host}"} 0`]);
  });

  it('other formats write nothing: a report of nothing would replace the last one', async () => {
    const output = join(dir, 'one.json');
    const run = await vbem(
      ['--url', broken.url, '--username', 'emulator', '--format', 'json', '-o', output],
      { VBEM_PASSWORD: 'emulator' },
    );
    expect(run.code, run.stderr).toBe(1);
    await expect(stat(output)).rejects.toThrow(/ENOENT/);
    expect(run.stdout).toBe('');
  });
});

describe("report's failed sources", () => {
  it('name the failed request by its path and queried type, not its 300-character query', async () => {
    const config = await configOf('one-broken', {
      alpha: { url: good.url, username: 'emulator', passwordEnv: 'PW' },
      omega: { url: broken.url, username: 'emulator', passwordEnv: 'PW' },
    });
    const run = await vbem(['--all', '--config', config, '--format', 'json'], { PW: 'emulator' });
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    const report = JSON.parse(run.stdout) as { failedSources: { name: string; error: string }[] };
    expect(report.failedSources).toEqual([
      {
        name: 'omega',
        error: `GET ${broken.url}/api/query?type=BackupJobSession… answered 500: Internal server error (an injected fault)`,
      },
    ]);
    expect(run.stderr).toContain(
      `vbem: warning: omega: GET ${broken.url}/api/query?type=BackupJobSession… answered 500`,
    );
    expect(run.stderr).not.toMatch(/filter=|pageSize=/);
  });

  it("carry no local file path (a profile's passwordFile), which stays on stderr", async () => {
    const missing = join(dir, 'no-such-password');
    const config = await configOf('no-password-file', {
      alpha: { url: good.url, username: 'emulator', passwordEnv: 'PW' },
      echo: { url: good.url, username: 'emulator', passwordFile: missing },
    });
    const run = await vbem(['--all', '--config', config, '--format', 'json'], { PW: 'emulator' });
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    const report = JSON.parse(run.stdout) as { failedSources: { name: string; error: string }[] };
    expect(report.failedSources).toEqual([
      { name: 'echo', error: 'password file (passwordFile of profile echo) does not exist' },
    ]);
    expect(run.stdout).not.toContain(dir);
    expect(run.stderr).toContain(missing);
  });
});
