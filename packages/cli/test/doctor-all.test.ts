import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SelfSigned, selfSigned } from '../../client/test/helpers/self-signed.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const PASSWORD = 'Doctor-Secret-Pw-2718';
const WRONG = 'Wrong-Secret-Pw-3141';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

/** Each EM's section of the output (`EM name` and its checklist), by name, and their order. */
function sections(stdout: string): { order: string[]; of: Record<string, string> } {
  const order: string[] = [];
  const of: Record<string, string> = {};
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    const header = /^EM (\S+)$/.exec(line);
    if (header?.[1]) {
      current = header[1];
      order.push(current);
      of[current] = '';
    } else if (current !== undefined && line !== '') {
      of[current] += `${line}\n`;
    } else {
      current = undefined;
    }
  }
  return { order, of };
}

const status = (section: string | undefined, label: string): string | undefined =>
  new RegExp(`^(ok|FAIL|warn|skip) +${label} +`, 'm').exec(section ?? '')?.[1];

describe('doctor --all', () => {
  let em: RunningEmulator;
  let dir: string;
  let mixed: string;
  let healthy: string;
  const env = { GOOD_PW: PASSWORD, WRONG_PW: WRONG };

  beforeAll(async () => {
    em = await startEmulator({
      dataset: { jobs: 3, days: 1, vmsPerJob: 1, restoreSessions: 0 },
      users: [{ username: 'svc', password: PASSWORD }],
      onWarning: () => {},
    });
    dir = await mkdtemp(join(tmpdir(), 'vbem-doctor-all-'));
    const down = `http://127.0.0.1:${await closedPort()}`;
    const good = { url: em.url, username: 'svc', passwordEnv: 'GOOD_PW' };
    mixed = join(dir, 'mixed.json');
    await writeFile(
      mixed,
      JSON.stringify({
        profiles: {
          zulu: good,
          refused: { url: em.url, username: 'svc', passwordEnv: 'WRONG_PW' },
          down: { url: down, username: 'svc', passwordEnv: 'GOOD_PW' },
          unset: { url: em.url, username: 'svc', passwordEnv: 'UNSET_PW' },
        },
      }),
      { mode: 0o600 },
    );
    healthy = join(dir, 'healthy.json');
    await writeFile(healthy, JSON.stringify({ profiles: { zulu: good, alpha: good } }), {
      mode: 0o600,
    });
  });
  afterAll(async () => {
    await em?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("checks every profile, each under its name in the config file's order; exit 1 when one failed", async () => {
    const run = await vbemInProcess(['doctor', '--all', '--config', mixed], { env });
    expect(run.code, run.stderr).toBe(1);
    const { order, of } = sections(run.stdout);
    expect(order).toEqual(['zulu', 'refused', 'down', 'unset']);

    expect(status(of.zulu, 'Logon')).toBe('ok');
    expect(status(of.zulu, 'Role')).toBe('ok');
    expect(of.zulu).toMatch(
      /^ok +Query +the query service answered: \d+ sessions? of backup-family jobs \(BackupJobSession\) in the last 24 hours$/m,
    );
    expect(of.zulu).toMatch(/^passed: /m);

    // A refused logon, a port nothing listens on, a password source that is not set: each its own.
    expect(status(of.refused, 'Logon')).toBe('FAIL');
    expect(status(of.refused, 'Query')).toBe('skip');
    expect(of.refused).toMatch(/^failed: 1 failed/m);
    expect(status(of.down, 'TCP')).toBe('FAIL');
    expect(of.down).toMatch(/refused the connection/);
    expect(status(of.unset, 'Settings')).toBe('FAIL');
    expect(of.unset).toMatch(/no password for profile unset: UNSET_PW/);
    expect(status(of.unset, 'Logon')).toBe('skip');
    expect(status(of.unset, 'Query')).toBe('skip');
    expect(status(of.unset, 'TCP')).toBe('ok');

    expect(run.stdout.endsWith('\n3 of 4 EMs failed: refused, down, unset\n')).toBe(true);
    for (const secret of [PASSWORD, WRONG]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('every profile healthy: exit 0; --concurrency 1 prints the same checks in the same order', async () => {
    for (const concurrency of ['4', '1']) {
      const run = await vbemInProcess(
        ['doctor', '--all', '--config', healthy, '--concurrency', concurrency],
        { env },
      );
      expect(run.code, run.stderr).toBe(0);
      const { order, of } = sections(run.stdout);
      expect(order).toEqual(['zulu', 'alpha']);
      expect(status(of.alpha, 'Role')).toBe('ok');
      expect(run.stdout.endsWith('\nevery EM passed: 2 EMs\n')).toBe(true);
    }
  });

  it('a query service that fails fails the Query check of every profile it serves', async () => {
    const rule = em.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/query',
      times: 2,
    });
    try {
      const run = await vbemInProcess(['doctor', '--all', '--config', healthy], { env });
      expect(run.code, run.stderr).toBe(1);
      const { of } = sections(run.stdout);
      for (const name of ['zulu', 'alpha']) {
        expect(status(of[name], 'Logon')).toBe('ok');
        expect(status(of[name], 'Query')).toBe('FAIL');
        expect(of[name]).toMatch(/hint: EM's query service \(GET \/api\/query\) failed/);
      }
      expect(run.stdout.endsWith('\n2 of 2 EMs failed: zulu, alpha\n')).toBe(true);
    } finally {
      em.faults.remove(rule);
    }
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('--all with --url, or a bad --concurrency: usage errors', async () => {
    const withUrl = await vbemInProcess(['doctor', '--all', '--url', em.url], { env });
    expect(withUrl.code).toBe(2);
    expect(withUrl.stderr).toMatch(/--all takes every profile of the config file/);
    const bad = await vbemInProcess(
      ['doctor', '--all', '--config', healthy, '--concurrency', '65'],
      {
        env,
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency/);
  });
});

describe('doctor --all over https, when a profile fails before any request', () => {
  let em: RunningEmulator;
  let certificate: SelfSigned;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    certificate = await selfSigned();
    em = await startEmulator({
      dataset: { jobs: 1, days: 1, vmsPerJob: 1, restoreSessions: 0 },
      tls: certificate,
      users: [{ username: 'svc', password: PASSWORD }],
      onWarning: () => {},
    });
    dir = await mkdtemp(join(tmpdir(), 'vbem-doctor-all-tls-'));
    const readable = join(dir, 'readable.pw');
    await writeFile(readable, PASSWORD, { mode: 0o644 });
    const pinned = { url: em.url, username: 'svc', fingerprint: certificate.fingerprint256 };
    config = join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        profiles: {
          pinned: { ...pinned, passwordFile: readable },
          noca: { url: em.url, username: 'svc', passwordEnv: 'GOOD_PW', ca: join(dir, 'no.pem') },
        },
      }),
      { mode: 0o600 },
    );
  });
  afterAll(async () => {
    await em?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a bad password file: TLS is checked with the profile's pin, not Node's CA store", async () => {
    const run = await vbemInProcess(['doctor', '--all', '--config', config], {
      env: { GOOD_PW: PASSWORD },
    });
    expect(run.code, run.stderr).toBe(1);
    const { of } = sections(run.stdout);
    expect(status(of.pinned, 'Settings')).toBe('FAIL');
    expect(of.pinned).toMatch(/can be read or changed by group or others/);
    // warn, not ok: the test certificate expires within days.
    expect(status(of.pinned, 'TLS')).toBe('warn');
    expect(of.pinned).toMatch(/the certificate matches the pinned fingerprint/);
    expect(of.pinned).not.toMatch(/--fingerprint/);
    expect(status(of.pinned, 'EM API')).toBe('ok');
    expect(status(of.pinned, 'Logon')).toBe('skip');
    expect(em.stats().openLogonSessions).toBe(0);
  });

  it('a missing CA file: TLS and what follows are skipped, pointing to Settings', async () => {
    const run = await vbemInProcess(['doctor', '--all', '--config', config], {
      env: { GOOD_PW: PASSWORD },
    });
    const { of } = sections(run.stdout);
    expect(status(of.noca, 'Settings')).toBe('FAIL');
    expect(status(of.noca, 'TCP')).toBe('ok');
    expect(of.noca).toMatch(/^skip +TLS +the profile's TLS settings failed \(see Settings\)$/m);
    expect(status(of.noca, 'EM API')).toBe('skip');
    expect(of.noca).not.toMatch(/--fingerprint/);
  });
});
