import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SelfSigned, selfSigned } from '../../client/test/helpers/self-signed.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const PASSWORD = 'Tls-Hint-Secret-Pw-1618';
const env = { GOOD_PW: PASSWORD };

/** A fingerprint that is not `pin`: its first byte changed. */
const anotherPin = (pin: string): string => `${pin.startsWith('AA') ? 'BB' : 'AA'}${pin.slice(2)}`;

/**
 * An EM of a profile with a self-signed certificate and no pin: `--all` refuses --fingerprint, so
 * the TLS hints say to pin it in that profile of the config file, as they do for `--profile`.
 */
describe('the TLS hint of an EM of a profile', () => {
  let em: RunningEmulator;
  let certificate: SelfSigned;
  let dir: string;
  let config: string;
  let fingerprintHint: string;
  let trustHint: string;

  beforeAll(async () => {
    certificate = await selfSigned();
    em = await startEmulator({
      dataset: { jobs: 1, days: 1, vmsPerJob: 1, restoreSessions: 0 },
      tls: certificate,
      users: [{ username: 'svc', password: PASSWORD }],
      onWarning: () => {},
    });
    dir = await mkdtemp(join(tmpdir(), 'vbem-tls-hint-'));
    config = join(dir, 'config.json');
    const profile = { url: em.url, username: 'svc', passwordEnv: 'GOOD_PW' };
    await writeFile(config, JSON.stringify({ profiles: { lab: profile, 'lab two': profile } }), {
      mode: 0o600,
    });
    fingerprintHint = `pin it: add "fingerprint": "${certificate.fingerprint256}" to profile lab in ${config} (compare it with the certificate on the EM server first)`;
    trustHint = `add "ca": FILE (the EM certificate or its CA) or "fingerprint": SHA256 (vbem doctor --profile lab --config ${config} prints it) to profile lab in ${config}`;
  });
  afterAll(async () => {
    await em?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('doctor --all: the TLS check says to add the fingerprint it prints to the profile', async () => {
    const run = await vbemInProcess(['doctor', '--all', '--config', config], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(
      `hint: EM's certificate is self-signed by default: ${fingerprintHint}, or trust it with "ca": FILE (its PEM) in that profile\n`,
    );
    expect(run.stdout).toContain(
      `to profile lab two in ${config} (compare it with the certificate on the EM server first)`,
    );
    expect(run.stdout).not.toMatch(/--fingerprint|--ca/);
  });

  it('doctor --profile: the same, for the profile named', async () => {
    const run = await vbemInProcess(['doctor', '--profile', 'lab', '--config', config], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(fingerprintHint);
    expect(run.stdout).not.toMatch(/--fingerprint/);
  });

  it('doctor --profile with --fingerprint: a pin that does not match is pinned anew with --fingerprint', async () => {
    const other = anotherPin(certificate.fingerprint256);
    const run = await vbemInProcess(
      ['doctor', '--profile', 'lab', '--config', config, '--fingerprint', other],
      { env },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`pin the new one: --fingerprint ${certificate.fingerprint256};`);
  });

  it('report, check, sessions and tasks --all, every EM failing on TLS: the hint names the profile', async () => {
    for (const command of ['report', 'check', 'sessions', 'tasks']) {
      const run = await vbemInProcess([command, '--all', '--config', config], { env });
      expect(run.code, `${command}: ${run.stderr}`).not.toBe(0);
      expect(run.stderr, command).toContain(`hint: ${trustHint}\n`);
      expect(run.stderr, command).not.toMatch(/--fingerprint/);
    }
  });

  it('a command with --profile: the hint names the profile; with --url, the flags', async () => {
    const profiled = await vbemInProcess(['sessions', '--profile', 'lab', '--config', config], {
      env,
    });
    expect(profiled.code).toBe(1);
    expect(profiled.stderr).toContain(`hint: ${trustHint}\n`);
    // check writes its status line, and the hint on stderr as the others.
    const checked = await vbemInProcess(['check', '--profile', 'lab', '--config', config], { env });
    expect(checked.code).toBe(3);
    expect(checked.stdout).toMatch(/^VBEM UNKNOWN - /);
    expect(checked.stderr).toContain(`hint: ${trustHint}\n`);
    const flagged = await vbemInProcess(['sessions', '--url', em.url, '--username', 'svc'], {
      env: { VBEM_PASSWORD: PASSWORD },
    });
    expect(flagged.code).toBe(1);
    expect(flagged.stderr).toContain(
      'hint: pass --ca FILE (the EM certificate or its CA) or --fingerprint SHA256 (vbem doctor prints it)\n',
    );
  });

  it('doctor --all: a profile with insecure or another pin is told what to replace', async () => {
    const other = join(dir, 'other.json');
    const wrongPin = anotherPin(certificate.fingerprint256);
    const base = { url: em.url, username: 'svc', passwordEnv: 'GOOD_PW' };
    await writeFile(
      other,
      JSON.stringify({
        profiles: { open: { ...base, insecure: true }, stale: { ...base, fingerprint: wrongPin } },
      }),
      { mode: 0o600 },
    );
    const run = await vbemInProcess(['doctor', '--all', '--config', other], { env });
    expect(run.stdout).toContain(
      `pin it: put "fingerprint": "${certificate.fingerprint256}" in place of "insecure": true in profile open in ${other} (`,
    );
    expect(run.stdout).toContain(
      `pin the new one: set "fingerprint": "${certificate.fingerprint256}" in profile stale in ${other};`,
    );
    expect(run.stdout).not.toMatch(/--fingerprint/);
  });

  it("a profile name that needs quoting is quoted in the doctor's command", async () => {
    const single = join(dir, 'single.json');
    await writeFile(
      single,
      JSON.stringify({
        profiles: { 'lab two': { url: em.url, username: 'svc', passwordEnv: 'GOOD_PW' } },
      }),
      { mode: 0o600 },
    );
    const run = await vbemInProcess(['report', '--all', '--config', single], { env });
    expect(run.stderr).toContain(
      `(vbem doctor --profile 'lab two' --config ${single} prints it) to profile lab two in ${single}\n`,
    );
  });
});
