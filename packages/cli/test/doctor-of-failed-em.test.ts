import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../client/test/helpers/closed-port.js';
import { selfSigned } from '../../client/test/helpers/self-signed.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const PASSWORD = 'Doctor-Of-Failed-Em-Pw-2718';
const DATASET = { jobs: 2, days: 1, vmsPerJob: 1, restoreSessions: 0 } as const;

let plain: RunningEmulator;
let secure: RunningEmulator;
let home: string;
/** The default config file: `defaultProfile` acme, a live EM; dead, nothing listening. */
let config: string;
/** The same profiles in another file, which --config names. */
let other: string;
/** The certificate of `secure`, for --ca. */
let certificateFile: string;
let env: Record<string, string>;

beforeAll(async () => {
  const users = [{ username: 'svc', password: PASSWORD }];
  plain = await startEmulator({ dataset: DATASET, users, onWarning: () => {} });
  const certificate = await selfSigned();
  secure = await startEmulator({
    dataset: DATASET,
    users,
    tls: certificate,
    onWarning: () => {},
  });
  home = await mkdtemp(join(tmpdir(), 'vbem-doctor-of-failed-'));
  certificateFile = join(home, 'em.pem');
  await writeFile(certificateFile, certificate.cert);
  await mkdir(join(home, '.config', 'vbem'), { recursive: true });
  config = join(home, '.config', 'vbem', 'config.json');
  const profile = (url: string) => ({ url, username: 'svc', passwordEnv: 'EM_PW' });
  const text = JSON.stringify({
    defaultProfile: 'acme',
    profiles: {
      acme: profile(plain.url),
      dead: { ...profile(`http://127.0.0.1:${await closedPort()}`), timeout: 1 },
      pinned: { ...profile(secure.url), fingerprint: 'AA'.repeat(32) },
    },
  });
  await writeFile(config, text, { mode: 0o600 });
  other = join(home, 'other.json');
  await writeFile(other, text, { mode: 0o600 });
  env = { HOME: home, EM_PW: PASSWORD, VBEM_PASSWORD: PASSWORD };
});
afterAll(async () => {
  await Promise.all([plain?.close(), secure?.close()]);
  await rm(home, { recursive: true, force: true });
});

const vbem = (argv: readonly string[]) => vbemInProcess(argv, { env });

/** The command a `run 'vbem doctor …'` hint names, as argv after `vbem`. */
function doctorArgvOf(stderr: string): string[] {
  const command = /run '(vbem doctor [^']*)'/.exec(stderr)?.[1];
  expect(command, stderr).toBeDefined();
  return (command as string).split(' ').slice(1);
}

/** `run` while every /query request of `em` stalls. */
async function whileQueryStalls<T>(em: RunningEmulator, run: () => Promise<T>): Promise<T> {
  const rule = em.faults.add({ fault: { kind: 'stall' }, path: '/query', times: Infinity });
  try {
    return await run();
  } finally {
    em.faults.remove(rule);
  }
}

describe('a --time-limit hint names a doctor command the doctor takes', () => {
  it('a profile EM: its doctor, with --config when one was given; which then runs', async () => {
    const run = await whileQueryStalls(plain, () =>
      vbem(['sessions', '--profile', 'acme', '--config', other, '--time-limit', '1s']),
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(
      `hint: raise --time-limit, or run 'vbem doctor --profile acme --config ${other}' if the EM is not answering\n`,
    );
    const doctor = await vbem(doctorArgvOf(run.stderr));
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    // --config naming the default file adds nothing.
    const tasks = await whileQueryStalls(plain, () =>
      vbem(['tasks', '--config', config, '--time-limit', '1s']),
    );
    expect(tasks.stderr).toContain(
      "hint: raise --time-limit, or run 'vbem doctor --profile acme' if the EM is not answering\n",
    );
  });

  it('one-EM check by --url: the doctor of that --url and --username, no --time-limit', async () => {
    const run = await whileQueryStalls(plain, () =>
      vbem(['check', '--url', plain.url, '--username', 'svc', '--time-limit', '1', '--rpo', '2d']),
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toBe(`hint: run 'vbem doctor --url ${plain.url} --username svc'\n`);
    const doctor = await vbem(doctorArgvOf(run.stderr));
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout + doctor.stderr).not.toContain(PASSWORD);
  });

  it('--url over https with --ca, a password file and a timeout: the doctor gets them too, and runs', async () => {
    const passwordFile = join(home, 'pw');
    await writeFile(passwordFile, PASSWORD, { mode: 0o600 });
    const run = await whileQueryStalls(secure, () =>
      vbemInProcess(
        [
          'check',
          '--url',
          secure.url,
          '--username',
          'svc',
          '--ca',
          certificateFile,
          '--password-file',
          passwordFile,
          '--timeout',
          '5s',
          '--time-limit',
          '1',
        ],
        { env: { HOME: home } },
      ),
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toBe(
      `hint: run 'vbem doctor --url ${secure.url} --username svc --ca ${certificateFile} --password-file ${passwordFile} --timeout 5s'\n`,
    );
    const doctor = await vbemInProcess(doctorArgvOf(run.stderr), { env: { HOME: home } });
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
  });

  it('check --all with no EM done: the doctor of the EM it names, with --config', async () => {
    const run = await whileQueryStalls(plain, () =>
      vbem(['check', '--all', '--config', other, '--time-limit', '1']),
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toMatch(/^VBEM UNKNOWN - no EM done: /);
    expect(run.stderr).toMatch(
      new RegExp(`^hint: run 'vbem doctor --profile (dead|pinned) --config ${other}'$`, 'm'),
    );
  });

  it('one-EM check of a profile: the doctor of that profile', async () => {
    const run = await whileQueryStalls(plain, () =>
      vbem(['check', '--profile', 'acme', '--time-limit', '1']),
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toBe("hint: run 'vbem doctor --profile acme'\n");
  });
});

describe('a connection failure names the doctor of the EM that failed', () => {
  it('--profile dead: not `vbem doctor`, which checks the default profile and passes', async () => {
    const defaultDoctor = await vbem(['doctor']);
    expect(defaultDoctor.code).toBe(0);
    for (const command of ['sessions', 'tasks', 'report']) {
      const run = await vbem([command, '--profile', 'dead']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(
        /\nhint: run 'vbem doctor --profile dead' to check the connection\n$/,
      );
    }
    const check = await vbem(['check', '--profile', 'dead']);
    expect(check.code, check.stderr).toBe(3);
    expect(check.stderr).toBe("hint: run 'vbem doctor --profile dead' to check the connection\n");
    const doctor = await vbem(['doctor', '--profile', 'dead']);
    expect(doctor.code).toBe(1);
  });
});

describe('a connection an http EM closes after it answered is not an https port', () => {
  it('sessions: a reset of /query after GET /api/ and the logon answered over http', async () => {
    const rule = plain.faults.add({ fault: { kind: 'reset' }, path: '/query', times: Infinity });
    try {
      const run = await vbem(['sessions', '--profile', 'acme']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).not.toMatch(/https/);
      expect(run.stderr).toMatch(
        /\nhint: EM answered over plain http earlier in this run, then closed the connection without answering: its REST API service may be restarting, or a proxy or firewall cut the connection; run 'vbem doctor --profile acme' to check it\n$/,
      );
      const doctor = await vbem(['doctor', '--profile', 'acme']);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toMatch(/FAIL Query /);
      expect(doctor.stdout).not.toMatch(/try --url https/);
      expect(doctor.stdout).toMatch(
        /hint: EM answered the checks above, then closed the connection without answering: its REST API service may be restarting, or a proxy or firewall cut the connection$/m,
      );
      // --all, every EM failing so: the same hint, for the EM it names.
      const onlyAcme = join(home, 'only-acme.json');
      await writeFile(
        onlyAcme,
        JSON.stringify({
          profiles: { acme: { url: plain.url, username: 'svc', passwordEnv: 'EM_PW' } },
        }),
        { mode: 0o600 },
      );
      const all = await vbem(['sessions', '--all', '--config', onlyAcme]);
      expect(all.code, all.stderr).toBe(1);
      expect(all.stderr).not.toMatch(/https/);
      expect(all.stderr).toMatch(
        /\nhint: EM answered over plain http earlier in this run, then closed/,
      );
    } finally {
      plain.faults.remove(rule);
    }
  });
});

describe('a pin that no longer matches, of a profile EM', () => {
  it('says to set "fingerprint" in that profile, which its doctor prints', async () => {
    const run = await vbem(['sessions', '--profile', 'pinned']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/CERT_FINGERPRINT_MISMATCH/);
    expect(run.stderr).toMatch(
      new RegExp(
        `\\nhint: if EM's certificate was renewed, compare the new one \\(vbem doctor --profile pinned prints its fingerprint\\) with the one on the EM server, then set "fingerprint" to it in profile pinned in ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; if not, something else answers for EM\\n$`,
      ),
    );
  });
});
