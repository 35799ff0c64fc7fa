import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_REPORT_EXIT_CODE } from '../src/commands/report.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const DATASET = { now: NOW, jobs: 6, days: 3, vmsPerJob: 2, restoreSessions: 0 } as const;

interface JsonReport {
  readonly jobs: { readonly jobName: string; readonly source: string | null }[];
  readonly vms: { readonly source: string | null }[];
  readonly failedSources: { readonly name: string }[];
  readonly sourcesWithoutVms?: { readonly name: string; readonly error: string }[];
  readonly totals: { readonly jobs: number; readonly vmsBreachingRpo: number | null };
}

/** An EM whose task sessions fail (EM's 500) every time, its job sessions answering as usual. */
const TASKS_FAIL = {
  fault: { kind: 'status', status: 500 },
  path: /[?&]type=(Backup|Replica)TaskSession\b/i,
  times: Number.POSITIVE_INFINITY,
} as const;

describe('report when an EM fails its task sessions', () => {
  let good: RunningEmulator;
  let broken: RunningEmulator;
  let dir: string;

  beforeAll(async () => {
    [good, broken] = await Promise.all([
      startEmulator({ dataset: DATASET, now: () => NOW, onWarning: () => {} }),
      startEmulator({
        dataset: { ...DATASET, seed: 2 },
        now: () => NOW,
        onWarning: () => {},
        faults: [TASKS_FAIL],
      }),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'vbem-tasks-'));
  });
  afterAll(async () => {
    await Promise.all([good?.close(), broken?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const report = (argv: readonly string[]) =>
    vbemInProcess(['report', '--since', '2d', '--format', 'json', ...argv], {
      env: { VBEM_PASSWORD: 'emulator' },
      now: NOW,
    });
  const WARNING =
    /^vbem: warning: (\S+: )?could not read the task sessions \(.*500.*\); the jobs are in the report, the VMs are not$/m;

  it('one EM: its jobs are reported, without VMs, with a warning and the partial exit code', async () => {
    const run = await report(['--url', broken.url, '--username', 'emulator']);
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    expect(broken.stats().faultsInjected.status).toBeGreaterThan(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(json.totals.jobs).toBe(DATASET.jobs);
    expect(json.vms).toEqual([]);
    // Not 0: how many of its VMs breach the RPO is not known.
    expect(json.totals.vmsBreachingRpo).toBeNull();
    expect(json.failedSources).toEqual([]);
    // The saved report says so too, not only the warning.
    expect(json.sourcesWithoutVms).toEqual([
      { name: new URL(broken.url).host, error: expect.stringMatching(/500/) },
    ]);
    expect(run.stderr).toMatch(WARNING);
    expect(run.stderr).toMatch(
      /^vbem: warning: partial report: the VMs of 1 of 1 EMs are missing \(their task sessions could not be read\) \(exit code 3\)$/m,
    );
  });

  it('--all: the EM keeps its jobs in the merge, only its VMs are missing', async () => {
    const config = join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        profiles: {
          good: { url: good.url, username: 'emulator' },
          broken: { url: broken.url, username: 'emulator' },
        },
      }),
      { mode: 0o600 },
    );
    const run = await report(['--all', '--config', config]);
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    const json = JSON.parse(run.stdout) as JsonReport;
    const jobsOf = (source: string) => json.jobs.filter((job) => job.source === source).length;
    expect(jobsOf('good')).toBe(DATASET.jobs);
    expect(jobsOf('broken')).toBe(DATASET.jobs);
    expect(json.failedSources).toEqual([]);
    expect(json.vms.length).toBeGreaterThan(0);
    expect(new Set(json.vms.map((vm) => vm.source))).toEqual(new Set(['good']));
    expect(json.sourcesWithoutVms).toEqual([
      { name: 'broken', error: expect.stringMatching(/500/) },
    ]);
    expect(run.stderr).toMatch(/^vbem: warning: broken: could not read the task sessions/m);
    expect(run.stderr).toMatch(
      /^vbem: warning: partial report: the VMs of 1 of 2 EMs are missing \(their task sessions could not be read\) \(exit code 3\)$/m,
    );
  });

  it('--output: the written Prometheus file says which EM lacks its VMs', async () => {
    const config = join(dir, 'config-prometheus.json');
    await writeFile(
      config,
      JSON.stringify({
        profiles: {
          good: { url: good.url, username: 'emulator' },
          broken: { url: broken.url, username: 'emulator' },
        },
      }),
      { mode: 0o600 },
    );
    const output = join(dir, 'report.prom');
    const run = await report([
      '--all',
      '--config',
      config,
      '--format',
      'prometheus',
      '--output',
      output,
    ]);
    expect(run.code, run.stderr).toBe(PARTIAL_REPORT_EXIT_CODE);
    const known = (await readFile(output, 'utf8'))
      .split('\n')
      .filter((line) => line.startsWith('vbem_source_vms_known'));
    expect(known).toEqual([
      'vbem_source_vms_known{source="broken"} 0',
      'vbem_source_vms_known{source="good"} 1',
    ]);
  });
});
