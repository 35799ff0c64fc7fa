import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_REPORT_EXIT_CODE } from '../src/commands/report.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');

describe('report --all with an EM that answered, but refused the logon', () => {
  let em: RunningEmulator;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    em = await startEmulator({
      dataset: { now: NOW, jobs: 4, days: 2, vmsPerJob: 1, restoreSessions: 0 },
      now: () => NOW,
      onWarning: () => {},
    });
    dir = await mkdtemp(join(tmpdir(), 'vbem-all-failed-'));
    config = join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        profiles: {
          good: { url: em.url, username: 'emulator', passwordEnv: 'GOOD_PW' },
          refused: { url: em.url, username: 'emulator', passwordEnv: 'WRONG_PW' },
        },
      }),
      { mode: 0o600 },
    );
  });
  afterAll(async () => {
    await em?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const report = (...argv: string[]) =>
    vbemInProcess(['report', '--all', '--config', config, '--no-tasks', ...argv], {
      env: { GOOD_PW: 'emulator', WRONG_PW: 'not-the-password' },
      now: NOW,
    });

  it('says it failed (it did answer: 401), and that the report is of the others', async () => {
    const run = await report('--format', 'json');
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    expect(run.stderr).toMatch(/^vbem: warning: refused: .*401/m);
    expect(run.stderr).toMatch(
      /^vbem: warning: partial report: 1 of 2 EMs failed; the report is of the others \(exit code 3\)$/m,
    );
    expect(run.stderr).not.toMatch(/did not answer/);
    expect(run.stderr.split('\n')).toContain(
      `hint: run 'vbem doctor --profile refused --config ${config}' to check it`,
    );
  });

  it('CSV, which has no place for a sign of it: data only on stdout, the warning and exit 3', async () => {
    const run = await report('--format', 'csv');
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    expect(run.stdout).toMatch(/^job_uid,job_name,/);
    expect(run.stdout).not.toMatch(/refused|partial/i);
    expect(run.stderr).toMatch(
      /^vbem: warning: partial report: 1 of 2 EMs failed; the report is of the others \(exit code 3\)$/m,
    );
  });

  it('a --job none of the others has: a warning that names the EMs that did not fail', async () => {
    const run = await report('--job', 'No Such Job');
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    expect(run.stderr).toMatch(
      /^vbem: warning: no job named "No Such Job" on the EMs that did not fail$/m,
    );
  });

  it('--help: exit code 3 is a report without the EMs that failed', async () => {
    const run = await vbemInProcess(['report', '--help']);
    expect(run.stdout).toMatch(/3 written without the EMs that failed \(--all\)/);
    expect(run.stdout).not.toMatch(/did not answer/);
  });
});
