import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { selfSignedPair } from './self-signed-pair.js';

const bin = fileURLToPath(new URL('../bin/vbem-emulator.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)));

/** The link npm installs, which the README tells scripts to run instead of `npx`. */
const linkedBin = fileURLToPath(
  new URL('../../../node_modules/.bin/vbem-emulator', import.meta.url),
);

/** Starts `vbem-emulator args…` and waits for the URL it prints (once it says how to stop it). */
async function startCli(
  args: readonly string[],
  command = [process.execPath, bin],
  env: NodeJS.ProcessEnv = {},
) {
  const [file, ...first] = command as [string, ...string[]];
  const child = spawn(file, [...first, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(https?:\/\/127\.0\.0\.1:\d+)\/api\//.exec(output);
      if (match && output.includes('Ctrl-C stops')) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}${errors}`)));
  });
  return { child, url, output, stderr: () => errors };
}

/** Stops a `startCli` child with SIGTERM: its exit code. */
const stop = (child: ReturnType<typeof spawn>) => {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
};

/** Logs on as `username` with `password`: the status and the session's token. */
async function logOn(url: string, username: string, password: string) {
  const response = await fetch(`${url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    },
  });
  await response.arrayBuffer();
  return { status: response.status, token: response.headers.get('x-restsvcsessionid') ?? '' };
}

/** Runs `vbem-emulator args…` to its exit (a refusal), with its exit code and what it wrote to stderr. */
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });

/** GET /api/ over HTTPS, trusting `ca` alone: the status. */
const httpsStatus = (url: string, ca: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${url}/api/`, { ca }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

describe.skipIf(!built)('vbem-emulator (the built CLI; run after `nx run emulator:build`)', () => {
  it('starts on loopback, prints the URL and the account, serves, and stops on SIGTERM', async () => {
    const { child, url, output } = await startCli(['--jobs', '8', '--days', '5']);
    // Named as the command run, not as the cli's `vbem emulator`.
    expect(output).toMatch(
      /^vbem-emulator: http:\/\/127\.0\.0\.1:\d+\/api\/ \(EM 13, \d+ job sessions\)\n/,
    );
    expect(output).toMatch(/log on as emulator \/ emulator \(the default account\)/);
    expect((await fetch(`${url}/api/`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it.skipIf(!existsSync(linkedBin))(
    'stops on SIGTERM and SIGINT when run as node_modules/.bin/vbem-emulator, as the README advises scripts',
    async () => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const { child } = await startCli(['--jobs', '2', '--days', '2'], [linkedBin]);
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill(signal);
        expect(await exited).toBe(0);
      }
    },
  );

  it('prints its version for --version and -V, as vbem does, and exits 0', () => {
    const { version } = JSON.parse(
      readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    ) as { version: string };
    for (const flag of ['--version', '-V']) {
      expect(execFileSync(process.execPath, [bin, flag], { encoding: 'utf8' })).toBe(
        `${version}\n`,
      );
    }
  });

  it('runs a one-job EM, with one session running unless --running says otherwise', async () => {
    for (const [args, running] of [
      [['--jobs', '1'], 1],
      [['--jobs', '3', '--running', '0'], 0],
      [['--jobs', '0'], 0],
    ] as const) {
      const { child, url } = await startCli(['--days', '2', ...args]);
      try {
        const logon = await fetch(`${url}/api/sessionMngr/?v=latest`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}`,
          },
        });
        const token = logon.headers.get('x-restsvcsessionid') ?? '';
        const working = await fetch(
          `${url}/api/query?type=BackupJobSession&filter=State==Working`,
          {
            headers: { 'X-RestSvcSessionId': token },
          },
        );
        const replicas = await fetch(
          `${url}/api/query?type=ReplicaJobSession&filter=State==Working`,
          {
            headers: { 'X-RestSvcSessionId': token },
          },
        );
        const refs = `${await working.text()}${await replicas.text()}`.match(/<Ref /g) ?? [];
        expect(refs, args.join(' ')).toHaveLength(running);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('takes a negative seed as the API does, as --seed -5 or --seed=-5', async () => {
    for (const args of [['--seed', '-5'], ['--seed=-5']]) {
      const { child, output } = await startCli(['--jobs', '2', '--days', '1', ...args]);
      expect(output, args.join(' ')).toMatch(/job sessions\)/);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('says the password is the default one for another --user, not that it is the default account', async () => {
    const { child, output } = await startCli(['--jobs', '2', '--days', '1', '--user', 'bob']);
    expect(output).toContain('log on as bob / emulator (the default password)');
    expect(output).not.toContain('default account');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('cuts a client slow to send its headers after --headers-timeout', async () => {
    const { child, url } = await startCli([
      '--jobs',
      '2',
      '--days',
      '1',
      '--headers-timeout',
      '200',
      '--request-timeout',
      '400',
    ]);
    try {
      const written = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(url).port), '127.0.0.1');
        let received = '';
        // Far beyond the limit, short of Node's own 60 s checked every 30 s.
        const bound = setTimeout(() => {
          socket.destroy();
          reject(new Error('the connection was still open after 5 s'));
        }, 5_000);
        socket.setEncoding('latin1');
        socket.on('data', (data: string) => {
          received += data;
        });
        socket.on('error', () => {});
        socket.on('close', () => {
          clearTimeout(bound);
          resolve(received);
        });
        socket.write('GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      });
      expect(written).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('names the flag the user gave of a dataset or account the emulator refuses: --now, --user', async () => {
    // A --now too early for the history: named with the flag that gave it, not as "now".
    expect(await run(['--port', '0', '--now', '0001-01-01T00:00:00Z'])).toMatchObject({
      code: 1,
      stderr:
        'vbem-emulator: --days must not reach before the year 0001 from --now (0001-01-01T00:00:00.000Z), got 45\n',
    });
    expect(await run(['--port', '0', '--user', 'a:b'])).toMatchObject({
      code: 1,
      stderr:
        'vbem-emulator: --user must be a non-empty string without a colon (Basic authentication cannot carry one)\n',
    });
  });

  it('refuses bad options with exit code 1 and a message', async () => {
    // Usage errors exit 1 as bad values do, the one code the README documents for a refusal.
    expect(await run(['--nope'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^vbem-emulator: Unknown option '--nope'[\s\S]*usage: vbem-emulator/,
      ),
    });
    expect(await run(['--port'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^vbem-emulator: Option '--port <value>' argument missing[\s\S]*usage: vbem-emulator/,
      ),
    });
    expect(await run(['--port', 'abc'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--port must be a whole number'),
    });
    expect(await run(['--jobs', '1', '--running', '2'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('vbem-emulator: --running must not exceed --jobs (1)'),
    });
    expect(await run(['--stop-task-polls', '-1'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--stop-task-polls must be a whole number of at least 0'),
    });
    // Option errors name the flag, as the CLI's own checks do, not the API's option.
    expect(await run(['--port', '99999'])).toMatchObject({
      code: 1,
      stderr: 'vbem-emulator: --port must be a whole number from 0 to 65535, got 99999\n',
    });
    expect(await run(['--seed', '1.5'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--seed must be a whole number, negative or not, not "1.5"'),
    });
    // An empty password would open an account anyone can guess; an unset variable gives the default.
    expect(await run(['--port', '0'], { VBEM_EMULATOR_PASSWORD: '' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('VBEM_EMULATOR_PASSWORD is set but empty'),
    });
    expect(await run(['--port', '0', '--password='])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--password must not be empty'),
    });
    expect(await run(['--em-version', '11'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--em-version must be 12 or 13'),
    });
    expect(await run(['--port', '0', '--headers-timeout', '0'])).toMatchObject({
      code: 1,
      stderr:
        'vbem-emulator: --headers-timeout must be a whole number of milliseconds from 1 to 2147483647, got 0\n',
    });
    // Past Node's longest timer, which it would truncate with a warning on every request.
    for (const flag of ['--headers-timeout', '--request-timeout', '--keep-alive-timeout'])
      expect(await run(['--port', '0', flag, '99999999999'])).toMatchObject({
        code: 1,
        stderr: `vbem-emulator: ${flag} must be a whole number of milliseconds from 1 to 2147483647, got 99999999999\n`,
      });
    expect(
      await run(['--port', '0', '--headers-timeout', '2000', '--request-timeout', '1000']),
    ).toMatchObject({
      code: 1,
      stderr:
        'vbem-emulator: --headers-timeout must not exceed --request-timeout (1000), got 2000\n',
    });
    expect(await run(['--keep-alive-timeout', '5s'])).toMatchObject({
      code: 1,
      stderr:
        'vbem-emulator: --keep-alive-timeout must be a whole number of milliseconds from 1 to 2147483647, not "5s"\n',
    });
    // A negative whole number is one: the flag's range is said, not that it is no whole number.
    expect(await run(['--port', '0', '--headers-timeout', '-5'])).toMatchObject({
      code: 1,
      stderr:
        'vbem-emulator: --headers-timeout must be a whole number of milliseconds from 1 to 2147483647, got -5\n',
    });
    expect(await run(['--port', '-1'])).toMatchObject({
      code: 1,
      stderr: 'vbem-emulator: --port must be a whole number from 0 to 65535, got -1\n',
    });
    expect(await run(['--port', '0', '--jobs', '-1'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('vbem-emulator: --jobs must be an integer from 0 to'),
    });
    expect(await run(['--port', '0', '--em-version', '-5'])).toMatchObject({
      code: 1,
      stderr: 'vbem-emulator: --em-version must be 12 or 13\n',
    });
    expect(await run(['--em-version', 'x'])).toMatchObject({
      code: 1,
      stderr: 'vbem-emulator: --em-version must be 12 or 13, not "x"\n',
    });
    // A host it cannot listen on: the error alone, never "listening on" first.
    const unresolved = await run(['--port', '0', '--host', 'nonexistent.invalid']);
    expect(unresolved).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('vbem-emulator: --host "nonexistent.invalid"'),
    });
    expect(unresolved.stderr).not.toContain('listening on');
  });

  describe('an encrypted --tls-key, its passphrase never on the command line', () => {
    const passphrase = 'correct-horse-battery';
    let pair: { key: string; cert: string };
    beforeAll(() => {
      pair = selfSignedPair(passphrase);
    });
    const files = (passphraseFileText: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'vbem-emulator-cli-tls-'));
      writeFileSync(join(dir, 'key.pem'), pair.key);
      writeFileSync(join(dir, 'cert.pem'), pair.cert);
      // Only its owner may read it: vbem-emulator refuses a passphrase file others can read.
      writeFileSync(join(dir, 'passphrase'), passphraseFileText, { mode: 0o600 });
      const tlsArgs = ['--tls-key', join(dir, 'key.pem'), '--tls-cert', join(dir, 'cert.pem')];
      return { dir, tlsArgs, passphraseFile: join(dir, 'passphrase') };
    };
    const dataset = ['--jobs', '1', '--days', '1'];

    it('serves HTTPS with the passphrase from --tls-passphrase-file (its line break trimmed) or VBEM_EMULATOR_TLS_PASSPHRASE', async () => {
      expect(pair.key).toContain('ENCRYPTED');
      const { dir, tlsArgs, passphraseFile } = files(`${passphrase}\n`);
      try {
        for (const [args, env] of [
          [[...tlsArgs, '--tls-passphrase-file', passphraseFile], {}],
          [tlsArgs, { VBEM_EMULATOR_TLS_PASSPHRASE: passphrase }],
          // The file wins over the variable, as --password does.
          [
            [...tlsArgs, '--tls-passphrase-file', passphraseFile],
            { VBEM_EMULATOR_TLS_PASSPHRASE: 'not-this-one' },
          ],
        ] as const) {
          const { child, url, output } = await startCli([...dataset, ...args], undefined, env);
          try {
            expect(url).toMatch(/^https:/);
            expect(await httpsStatus(url, pair.cert)).toBe(200);
            expect(output).not.toContain(passphrase);
          } finally {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            await exited;
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a wrong or missing passphrase, a passphrase file without --tls-key or one it cannot read, never showing the passphrase', async () => {
      const wrong = 'wrong-staple-9931';
      const { dir, tlsArgs, passphraseFile } = files(`${wrong}\n`);
      try {
        const fromFile = await run([...tlsArgs, '--tls-passphrase-file', passphraseFile]);
        expect(fromFile).toMatchObject({
          code: 1,
          stderr: expect.stringMatching(
            /^vbem-emulator: --tls-key with --tls-cert is not a usable PEM key and certificate pair: .*bad decrypt \(is the passphrase of --tls-passphrase-file right\?\)\n$/,
          ),
        });
        const fromVariable = await run(tlsArgs, { VBEM_EMULATOR_TLS_PASSPHRASE: wrong });
        expect(fromVariable.stderr).toContain(
          'bad decrypt (is the passphrase of VBEM_EMULATOR_TLS_PASSPHRASE right?)',
        );
        for (const { stderr } of [fromFile, fromVariable]) expect(stderr).not.toContain(wrong);
        expect(await run(tlsArgs, { VBEM_EMULATOR_TLS_PASSPHRASE: undefined })).toMatchObject({
          code: 1,
          stderr: expect.stringContaining(
            'bad decrypt (an encrypted key needs its passphrase: --tls-passphrase-file FILE or VBEM_EMULATOR_TLS_PASSPHRASE)',
          ),
        });
        expect(await run(['--tls-passphrase-file', passphraseFile])).toMatchObject({
          code: 1,
          stderr: 'vbem-emulator: --tls-passphrase-file needs --tls-key\n',
        });
        const missing = join(dir, 'nope');
        expect(await run([...tlsArgs, '--tls-passphrase-file', missing])).toMatchObject({
          code: 1,
          stderr: `vbem-emulator: --tls-passphrase-file ${JSON.stringify(missing)} cannot be read (ENOENT: no such file or directory)\n`,
        });
        writeFileSync(passphraseFile, '\n');
        expect(await run([...tlsArgs, '--tls-passphrase-file', passphraseFile])).toMatchObject({
          code: 1,
          stderr: `vbem-emulator: --tls-passphrase-file ${JSON.stringify(passphraseFile)} holds no passphrase\n`,
        });
        expect(await run(tlsArgs, { VBEM_EMULATOR_TLS_PASSPHRASE: '' })).toMatchObject({
          code: 1,
          stderr: expect.stringContaining('VBEM_EMULATOR_TLS_PASSPHRASE is set but empty'),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe.skipIf(!built)('vbem-emulator: the password from a file, a fixed clock, faults', () => {
  const small = ['--jobs', '2', '--days', '3', '--running', '1'];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vbem-emulator-cli-flags-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });
  const secretFile = (name: string, content: string, mode = 0o600) => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode });
    chmodSync(path, mode);
    return path;
  };

  it('takes the password from --password-file (its line break trimmed), never printing it', async () => {
    const password = 'file-canary-7731';
    const file = secretFile('password', `${password}\n`);
    // The file wins over the variable, as --tls-passphrase-file does.
    const { child, url, output, stderr } = await startCli(
      [...small, '--user', 'ops', '--password-file', file],
      undefined,
      { VBEM_EMULATOR_PASSWORD: 'not-this-one' },
    );
    try {
      expect(output).toContain('log on as ops with the password given');
      expect((await logOn(url, 'ops', password)).status).toBe(201);
      expect((await logOn(url, 'ops', 'not-this-one')).status).toBe(401);
    } finally {
      expect(await stop(child)).toBe(0);
    }
    expect(`${output}${stderr()}`).not.toContain(password);
  });

  it('still takes --password, warning on stderr that others can see it and naming the alternatives', async () => {
    const { child, url, stderr } = await startCli([...small, '--password', 'flag-canary-1']);
    try {
      expect((await logOn(url, 'emulator', 'flag-canary-1')).status).toBe(201);
    } finally {
      await stop(child);
    }
    expect(stderr()).toBe(
      'vbem-emulator: warning: --password is visible to other users of this machine (ps, /proc) and stays in shell history; use --password-file FILE (chmod 600) or VBEM_EMULATOR_PASSWORD instead\n',
    );
    expect(stderr()).not.toContain('flag-canary-1');
  });

  it('refuses a password file it cannot use, and both password flags, naming the flag and the file, never the content', async () => {
    const missing = join(dir, 'no-such-password');
    expect(await run(['--password-file', missing])).toEqual({
      code: 1,
      stderr: `vbem-emulator: --password-file ${JSON.stringify(missing)} cannot be read (ENOENT: no such file or directory)\n`,
    });
    const empty = secretFile('empty', '\n');
    expect(await run(['--password-file', empty])).toEqual({
      code: 1,
      stderr: `vbem-emulator: --password-file ${JSON.stringify(empty)} holds no password\n`,
    });
    const twoLines = secretFile('two-lines', 'canary-one\ncanary-two\n');
    expect(await run(['--password-file', twoLines])).toEqual({
      code: 1,
      stderr: `vbem-emulator: --password-file ${JSON.stringify(twoLines)} holds more than one line; it must hold the password alone\n`,
    });
    if (process.platform !== 'win32') {
      const shared = secretFile('shared', 'canary-shared\n', 0o644);
      const refused = await run(['--password-file', shared]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /can be read or changed by group or others \(mode 0644\); vbem-emulator uses a password file only when just its owner can read it/,
      );
      expect(refused.stderr).not.toContain('canary-shared');
    }
    const file = secretFile('password', 'canary-both\n');
    expect(await run(['--password', 'x', '--password-file', file])).toEqual({
      code: 1,
      stderr: 'vbem-emulator: --password and --password-file: give one of them\n',
    });
  });

  it('--now fixes the clock and the dataset’s end: two runs serve the same answers', async () => {
    const now = '2026-11-20T06:00:00Z';
    const answers: string[] = [];
    for (let runIndex = 0; runIndex < 2; runIndex++) {
      const { child, url, output, stderr } = await startCli([...small, '--now', now]);
      try {
        expect(output).toContain(', clock fixed at 2026-11-20T06:00:00.000Z)');
        const { token } = await logOn(url, 'emulator', 'emulator');
        const headers = { 'X-RestSvcSessionId': token, Accept: 'application/json' };
        const sessions = await fetch(`${url}/api/backupSessions?format=Entity`, { headers });
        const running = await fetch(
          `${url}/api/query?type=BackupJobSession&format=Entities&filter=State==Working`,
          { headers },
        );
        // The links name the port, which each run picks afresh.
        answers.push(`${await sessions.text()}\n${await running.text()}`.replaceAll(url, 'URL'));
      } finally {
        await stop(child);
      }
      // The dataset ends at the clock: no stale-dataset warning.
      expect(stderr()).toBe('');
    }
    expect(answers[0]).toContain('"state":"Working"');
    expect(answers[0]).toContain('"creationTimeUTC":"2026-11-20T');
    expect(answers[1] === answers[0]).toBe(true);
  });

  it('refuses a --now that is no ISO time with a zone, or no date at all', async () => {
    expect(await run(['--now', '2026-02-30T00:00:00Z'])).toEqual({
      code: 1,
      stderr:
        'vbem-emulator: --now names a date or time that does not exist, not "2026-02-30T00:00:00Z"\n',
    });
    expect(await run(['--now', '2026-11-20'])).toEqual({
      code: 1,
      stderr:
        'vbem-emulator: --now must be an ISO 8601 date and time with a zone, such as 2026-11-20T06:00:00Z, not "2026-11-20"\n',
    });
  });

  it('--fault injects each rule given, in order', async () => {
    const { child, url, output } = await startCli([
      ...small,
      '--fault',
      'status:503,retry-after=5,path=/jobs,after=1',
      '--fault',
      'reset,method=DELETE,path=/jobs',
    ]);
    try {
      expect(output).toContain(', 2 fault rules)');
      const { token } = await logOn(url, 'emulator', 'emulator');
      const jobs = () => fetch(`${url}/api/jobs`, { headers: { 'X-RestSvcSessionId': token } });
      const first = await jobs();
      await first.arrayBuffer();
      expect(first.status).toBe(200);
      const second = await jobs();
      await second.arrayBuffer();
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('5');
      // `times` defaults to 1, as in the library.
      const third = await jobs();
      await third.arrayBuffer();
      expect(third.status).toBe(200);
      await expect(
        fetch(`${url}/api/jobs`, { method: 'DELETE', headers: { 'X-RestSvcSessionId': token } }),
      ).rejects.toThrow();
    } finally {
      await stop(child);
    }
  });

  it('refuses a --fault the library would refuse, naming the rule and what is wrong', async () => {
    expect(await run(['--fault', 'status:200'])).toEqual({
      code: 1,
      stderr:
        'vbem-emulator: --fault "status:200": status must be one of 401, 403, 429, 500, 502, 503, 504, got 200\n',
    });
    expect(await run(['--fault', 'latency:5', '--fault', 'stall,pth=/jobs'])).toEqual({
      code: 1,
      stderr:
        'vbem-emulator: --fault "stall,pth=/jobs": "pth" is not a key of a stall fault (acted, method, path, path-regexp, after, times)\n',
    });
  });
});
