import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SelfSigned, selfSigned } from '../../client/test/helpers/self-signed.js';
import type { CliIo } from '../src/cli-io.js';
import { main } from '../src/main.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

let dir: string;
let certificate: SelfSigned;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vbem-emulator-command-'));
  certificate = await selfSigned();
  await writeFile(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  await writeFile(join(dir, 'cert.pem'), certificate.cert);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * `vbem emulator argv…` in this process until its ready line, then `use(url)` while it serves,
 * then the stop (the signal, as Ctrl-C): its exit code and output.
 */
async function whileServing(
  argv: readonly string[],
  env: Record<string, string>,
  use: (url: string, ready: string) => Promise<void>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stop = new AbortController();
  let stdout = '';
  let stderr = '';
  let onReady: (url: string) => void = () => {};
  const ready = new Promise<string>((resolve) => {
    onReady = resolve;
  });
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        const url = /vbem emulator: (https?:\/\/\S+)\/api\//.exec(stdout)?.[1];
        if (url && stdout.includes('\n', stdout.indexOf('log on as'))) onReady(url);
        return true;
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    env: { HOME: '/nonexistent', ...env },
    signal: stop.signal,
    now: () => new Date(),
  };
  const run = main(['emulator', '--port', '0', ...argv], io);
  const first = await Promise.race([ready, run.then(() => undefined)]);
  if (first === undefined) throw new Error(`vbem emulator ended early: ${stdout}${stderr}`);
  try {
    await use(first, stdout);
  } finally {
    stop.abort();
  }
  return { code: await run, stdout, stderr };
}

describe('vbem emulator', () => {
  it('--help says it serves the demo dataset, whose seed is not vbem-emulator’s default', async () => {
    const help = await vbemInProcess(['emulator', '--help']);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/By default it serves the demo dataset, the one --demo uses \(seed 42\)/);
    expect(text).toMatch(/vbem-emulator's default seed is 1/);
    for (const flag of ['--host', '--sessions', '--running', '--user', '--tls-key', '--tls-cert']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).not.toMatch(/--password/);
  });

  it('serves https with --tls-key and --tls-cert, for --user and the password of VBEM_EMULATOR_PASSWORD, never printed', async () => {
    const password = 'emulator-canary-pw';
    const run = await whileServing(
      [
        '--host',
        '127.0.0.1',
        '--tls-key',
        join(dir, 'key.pem'),
        '--tls-cert',
        join(dir, 'cert.pem'),
        '--user',
        'ops',
        '--jobs',
        '3',
        '--days',
        '2',
        '--sessions',
        '2',
        '--running',
        '0',
      ],
      { VBEM_EMULATOR_PASSWORD: password },
      async (url, ready) => {
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(ready).toMatch(/\nlog on as ops with the password of VBEM_EMULATOR_PASSWORD; /);
        const ca = join(dir, 'cert.pem');
        const listed = await vbemInProcess(
          ['sessions', '--url', url, '--username', 'ops', '--ca', ca, '--since', '3d'],
          { env: { VBEM_PASSWORD: password }, now: new Date() },
        );
        expect(listed.code, listed.stderr).toBe(0);
        // Three jobs, two runs a day each, none running.
        expect(listed.stdout).not.toMatch(/Working|running/);
        const sessions = listed.stdout.trimEnd().split('\n').slice(1);
        expect(sessions.length).toBeGreaterThan(3 * 2);
        const wrong = await vbemInProcess(
          ['sessions', '--url', url, '--username', 'emulator', '--ca', ca],
          { env: { VBEM_PASSWORD: 'emulator' } },
        );
        expect(wrong.code).toBe(1);
        expect(wrong.stderr).toMatch(/check --username and the password source/);
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(password);
  });

  it.each([
    [['--tls-key', 'key.pem'], {}, /^vbem: --tls-key and --tls-cert go together\n/],
    [['--tls-cert', 'cert.pem'], {}, /^vbem: --tls-key and --tls-cert go together\n/],
    [
      ['--tls-key', '/nonexistent/key.pem', '--tls-cert', '/nonexistent/cert.pem'],
      {},
      /^vbem: key file \/nonexistent\/key\.pem \(--tls-key\) does not exist\n/,
    ],
    [
      ['--running', '3', '--jobs', '2'],
      {},
      /^vbem: --jobs: "2" is not a whole number of at least 3\n/,
    ],
    [['--sessions', '0'], {}, /^vbem: --sessions: "0" is not a whole number of at least 1\n/],
    [['--user', ' '], {}, /^vbem: --user: it is empty\n/],
    [[], { VBEM_EMULATOR_PASSWORD: '' }, /^vbem: VBEM_EMULATOR_PASSWORD is set but empty\n/],
    [
      ['--password', 'hunter2-canary'],
      {},
      /^vbem: --password is not accepted: .*\nhint: give the emulator account's password in VBEM_EMULATOR_PASSWORD/,
    ],
  ])('vbem emulator %j is refused', async (argv, env, message) => {
    const run = await vbemInProcess(['emulator', '--port', '0', ...argv], { env });
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('hunter2-canary');
    expect(run.stdout).toBe('');
  });

  it('a key that is not the certificate’s is refused by name, not as a bug', async () => {
    const other = await selfSigned();
    await writeFile(join(dir, 'other-key.pem'), other.key, { mode: 0o600 });
    const run = await vbemInProcess([
      'emulator',
      '--port',
      '0',
      '--tls-key',
      join(dir, 'other-key.pem'),
      '--tls-cert',
      join(dir, 'cert.pem'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^vbem: --tls-key and --tls-cert were refused: not a usable PEM key and certificate pair: .*\nhint: give --tls-key an unencrypted PEM key/,
    );
    expect(run.stderr).not.toMatch(/bug/);
    expect(run.stderr).not.toContain('PRIVATE KEY');
  });
});
