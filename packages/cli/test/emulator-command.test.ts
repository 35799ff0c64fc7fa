import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SelfSigned, selfSigned } from '../../client/test/helpers/self-signed.js';
import { selfSignedPair } from '../../emulator/test/self-signed-pair.js';
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

describe('vbem emulator', () => {
  it('--help says it serves the demo dataset, whose seed is not vbem-emulator’s default', async () => {
    const help = await vbemInProcess(['emulator', '--help']);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/By default it serves the demo dataset, the one --demo uses \(seed 42\)/);
    expect(text).toMatch(/vbem-emulator's default seed is 1/);
    for (const flag of [
      '--host',
      '--sessions',
      '--running',
      '--user',
      '--tls-key',
      '--tls-cert',
      '--tls-passphrase-file',
      'VBEM_EMULATOR_TLS_PASSPHRASE',
      '--password-file',
      '--now',
      '--fault',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    // The hidden, refused --password is not offered; --password-file is.
    expect(help.stdout).not.toMatch(/--password(?!-file)/);
    expect(help.stdout).not.toMatch(/unencrypted/);
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
    // The flags the user gave, and which of the two was a default: --running needs the jobs.
    [
      ['--running', '3', '--jobs', '2'],
      {},
      /^vbem: --running 3 needs at least as many jobs, each running session being its own job's, and --jobs 2 is fewer\nhint: give --jobs 3 or more, or --running 2 or less\n/,
    ],
    [
      ['--jobs', '1', '--running', '2'],
      {},
      /^vbem: --running 2 needs at least as many jobs, each running session being its own job's, and --jobs 1 is fewer\n/,
    ],
    [
      ['--running', '30'],
      {},
      /^vbem: --running 30 needs at least as many jobs, each running session being its own job's, and --jobs \(24 by default\) is fewer\n/,
    ],
    [['--jobs', '0'], {}, /^vbem: --jobs: "0" is not a whole number of at least 1\n/],
    [
      ['--now', '0001-01-01T00:00:00Z'],
      {},
      /^vbem: --days must not reach before the year 0001 from --now \(0001-01-01T00:00:00\.000Z\), got 45\n/,
    ],
    [
      ['--jobs', '100000', '--days', '100'],
      {},
      /^vbem: --jobs × --days × --sessions must not exceed 5000000 scheduled runs, got 10000000\n/,
    ],
    [
      ['--user', 'a:b'],
      {},
      /^vbem: --user must be a non-empty string without a colon \(Basic authentication cannot carry one\)\n/,
    ],
    [['--sessions', '0'], {}, /^vbem: --sessions: "0" is not a whole number of at least 1\n/],
    [['--user', ' '], {}, /^vbem: --user: it is empty\n/],
    [[], { VBEM_EMULATOR_PASSWORD: '' }, /^vbem: VBEM_EMULATOR_PASSWORD is set but empty\n/],
    [
      ['--password', 'hunter2-canary'],
      {},
      /^vbem: --password is not accepted: .*\nhint: give the emulator account's password with --password-file FILE \(chmod 600\) or in VBEM_EMULATOR_PASSWORD/,
    ],
    [
      ['--password-file', '/nonexistent/hunter2-canary'],
      {},
      /^vbem: password file \/nonexistent\/hunter2-canary \(--password-file\) does not exist\n/,
    ],
    [
      ['--now', '2026-02-30T00:00:00Z'],
      {},
      /^vbem: --now: "2026-02-30T00:00:00Z" names a date or time that does not exist/,
    ],
    [['--now', '2026-11-20'], {}, /^vbem: --now: "2026-11-20" is not an ISO time with a zone/],
    [
      ['--fault', 'status:200'],
      {},
      /^vbem: --fault "status:200": status must be one of 401, 403, 429, 500, 502, 503, 504, got 200\nhint: a --fault rule is KIND\[:VALUE\]\[,key=value\.\.\.\]: /,
    ],
    // Empty, as from an unset shell variable: refused by the rule's own check.
    [['--fault', ''], {}, /^vbem: --fault "": the kind must be one of latency, status, /],
    [
      ['--fault', 'latency:5', '--fault', 'stall,pth=/jobs'],
      {},
      /^vbem: --fault "stall,pth=\/jobs": "pth" is not a key of a stall fault \(acted, method, path, path-regexp, after, times\)\n/,
    ],
  ])('vbem emulator %j is refused', async (argv, env, message) => {
    const run = await vbemInProcess(['emulator', '--port', '0', ...argv], { env });
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr).toMatch(message);
    if (!(argv as readonly string[]).includes('--password-file'))
      expect(run.stderr).not.toContain('hunter2-canary');
    expect(run.stdout).toBe('');
  });

  it('serves the account with the password of --password-file (over VBEM_EMULATOR_PASSWORD), never printed', async () => {
    const password = 'file-canary-4417';
    const file = join(dir, 'emulator-password');
    await writeFile(file, `\uFEFF${password}\r\n`, { mode: 0o600 });
    const run = await whileServing(
      ['--jobs', '2', '--days', '1', '--password-file', file],
      { VBEM_EMULATOR_PASSWORD: 'not-this-canary' },
      async (url, ready) => {
        expect(ready).toMatch(/\nlog on as emulator with the password of --password-file; /);
        expect((await logOn(url, 'emulator', password)).status).toBe(201);
        expect((await logOn(url, 'emulator', 'not-this-canary')).status).toBe(401);
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(password);
  });

  it('refuses a password file others can read, or of more than one line, never showing it', async () => {
    const cases: [string, number, RegExp][] = [
      [
        'shared-canary\n',
        0o644,
        /can be read or changed by group or others \(mode 0644\); vbem uses a password file only when just its owner can read it\nhint: chmod 600 /,
      ],
      [
        'one-canary\ntwo-canary\n',
        0o600,
        /holds more than one line; it must hold the password alone/,
      ],
      ['\n', 0o600, /^vbem: password file .* \(--password-file\) is empty\n/],
    ];
    for (const [content, mode, message] of cases) {
      const file = join(dir, `emulator-password-${mode.toString(8)}-${content.length}`);
      await writeFile(file, content);
      await chmod(file, mode);
      const run = await vbemInProcess(['emulator', '--port', '0', '--password-file', file]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('canary');
    }
  });

  it('--jobs 1 alone serves one job with one running session: the default --running is at most --jobs', async () => {
    const run = await whileServing(['--jobs', '1', '--days', '1'], {}, async (url) => {
      const { token } = await logOn(url, 'emulator', 'emulator');
      const headers = { 'X-RestSvcSessionId': token };
      const running = await fetch(
        `${url}/api/query?type=BackupJobSession&format=Entities&filter=State==Working`,
        { headers },
      );
      expect((await running.text()).match(/<State>Working<\/State>/g)).toHaveLength(1);
    });
    expect(run.code, run.stderr).toBe(0);
  });

  it('--now fixes the clock and the dataset’s end: two runs serve the same answers', async () => {
    const answers: string[] = [];
    for (let runIndex = 0; runIndex < 2; runIndex++) {
      const run = await whileServing(
        ['--jobs', '2', '--days', '3', '--running', '1', '--now', '2026-11-20T07:00+01:00'],
        {},
        async (url, ready) => {
          expect(ready).toContain(', clock fixed at 2026-11-20T06:00:00.000Z)');
          const { token } = await logOn(url, 'emulator', 'emulator');
          const headers = { 'X-RestSvcSessionId': token };
          const sessions = await fetch(`${url}/api/backupSessions?format=Entity`, { headers });
          const running = await fetch(
            `${url}/api/query?type=BackupJobSession&format=Entities&filter=State==Working`,
            { headers },
          );
          // The links name the port, which each run picks afresh.
          answers.push(`${await sessions.text()}\n${await running.text()}`.replaceAll(url, 'URL'));
        },
      );
      expect(run.code, run.stderr).toBe(0);
      // The dataset ends at the clock: no stale-dataset warning.
      expect(run.stderr).toBe('');
    }
    expect(answers[0]).toContain('<State>Working</State>');
    expect(answers[0]).toContain('<CreationTimeUTC>2026-11-20T');
    expect(answers[1] === answers[0]).toBe(true);
  });

  it('--fault injects each rule given, in order', async () => {
    const run = await whileServing(
      [
        '--jobs',
        '2',
        '--days',
        '1',
        '--fault',
        'status:503,retry-after=5,path=/jobs,after=1',
        '--fault',
        'reset,method=DELETE,path=/jobs',
      ],
      {},
      async (url, ready) => {
        expect(ready).toContain(', 2 fault rules)');
        const { token } = await logOn(url, 'emulator', 'emulator');
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let index = 0; index < 3; index++) {
          const response = await fetch(`${url}/api/jobs`, {
            headers: { 'X-RestSvcSessionId': token },
          });
          await response.arrayBuffer();
          statuses.push(response.status);
          retryAfter ??= response.headers.get('retry-after');
        }
        // `times` defaults to 1, as in the library.
        expect(statuses).toEqual([200, 503, 200]);
        expect(retryAfter).toBe('5');
        await expect(
          fetch(`${url}/api/jobs`, { method: 'DELETE', headers: { 'X-RestSvcSessionId': token } }),
        ).rejects.toThrow();
      },
    );
    expect(run.code, run.stderr).toBe(0);
  });

  it('--headers-timeout answers a client stuck in its headers 408, as vbem-emulator does', async () => {
    const run = await whileServing(
      ['--headers-timeout', '400', '--request-timeout', '1000', '--keep-alive-timeout', '300'],
      {},
      async (url) => {
        const { hostname, port } = new URL(url);
        const socket = connect(Number(port), hostname);
        let answer = '';
        socket.on('data', (chunk: Buffer) => {
          answer += chunk.toString('latin1');
        });
        // Headers begun and never ended: the default limit (10 s) would outlast this test.
        socket.write('GET /api/ HTTP/1.1\r\nHost: emulator\r\n');
        await new Promise<void>((resolve) => socket.on('close', () => resolve()));
        expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      },
    );
    expect(run.code).toBe(0);
  });

  it('refuses a connection limit below 1 ms, and headers given longer than the request, in its flags’ words', async () => {
    const zero = await vbemInProcess(['emulator', '--port', '0', '--keep-alive-timeout', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(
      /^vbem: --keep-alive-timeout: "0" is not a whole number of at least 1/,
    );
    const longer = await vbemInProcess([
      'emulator',
      '--port',
      '0',
      '--headers-timeout',
      '5000',
      '--request-timeout',
      '1000',
    ]);
    expect(longer.code).toBe(2);
    expect(longer.stderr).toMatch(
      /^vbem: --headers-timeout: must not exceed --request-timeout \(1000\), got 5000/,
    );
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
      /^vbem: --tls-key and --tls-cert were refused: not a usable PEM key and certificate pair: .*\nhint: give --tls-key a PEM key \(an encrypted one with its passphrase: --tls-passphrase-file FILE or VBEM_EMULATOR_TLS_PASSPHRASE\) and --tls-cert the PEM certificate made for it\n/,
    );
    expect(run.stderr).not.toMatch(/bug/);
    expect(run.stderr).not.toContain('PRIVATE KEY');
  });

  describe('an encrypted --tls-key, its passphrase never on the command line', () => {
    const passphrase = 'correct-horse-canary';
    let tlsArgs: string[];
    let passphraseFile: string;
    beforeAll(async () => {
      const pair = selfSignedPair(passphrase);
      await writeFile(join(dir, 'encrypted-key.pem'), pair.key, { mode: 0o600 });
      await writeFile(join(dir, 'encrypted-cert.pem'), pair.cert);
      tlsArgs = [
        '--tls-key',
        join(dir, 'encrypted-key.pem'),
        '--tls-cert',
        join(dir, 'encrypted-cert.pem'),
      ];
      passphraseFile = join(dir, 'passphrase');
    });
    const small = ['--jobs', '2', '--days', '1', '--running', '0'];

    it('reads --tls-passphrase-file as --password-file: a byte order mark and CRLF removed, refused when others can read it or it holds more lines', async () => {
      const serveWith = (file: string) =>
        whileServing([...tlsArgs, ...small, '--tls-passphrase-file', file], {}, async () => {});
      await writeFile(passphraseFile, `\uFEFF${passphrase}\r\n`, { mode: 0o600 });
      const served = await serveWith(passphraseFile);
      expect(served.code, served.stderr).toBe(0);

      const cases: [string, number, RegExp][] = [
        [
          `${passphrase}\n`,
          0o644,
          /can be read or changed by group or others \(mode .*\); vbem uses a passphrase file only when just its owner can read it\nhint: chmod 600 /,
        ],
        [
          `${passphrase}\nsecond line\n`,
          0o600,
          /holds more than one line; it must hold the passphrase alone/,
        ],
      ];
      for (const [content, mode, message] of cases) {
        const file = join(dir, `passphrase-${mode.toString(8)}`);
        await writeFile(file, content);
        await chmod(file, mode);
        const argv = ['emulator', '--port', '0', ...tlsArgs, '--tls-passphrase-file', file];
        const run = await vbemInProcess(argv);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toContain(passphrase);
      }
    });

    it.each([
      ['--tls-passphrase-file (its line break trimmed)', true, {}],
      ['VBEM_EMULATOR_TLS_PASSPHRASE', false, { VBEM_EMULATOR_TLS_PASSPHRASE: passphrase }],
    ])('serves https with the passphrase of %s, never printed', async (_source, inFile, env) => {
      await writeFile(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
      const argv = [
        ...tlsArgs,
        ...small,
        ...(inFile ? ['--tls-passphrase-file', passphraseFile] : []),
      ];
      const run = await whileServing(argv, env, async (url) => {
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const listed = await vbemInProcess(
          [
            'sessions',
            '--url',
            url,
            '--username',
            'emulator',
            '--ca',
            join(dir, 'encrypted-cert.pem'),
          ],
          { env: { VBEM_PASSWORD: 'emulator' }, now: new Date() },
        );
        expect(listed.code, listed.stderr).toBe(0);
      });
      expect(run.code, run.stderr).toBe(0);
      expect(`${run.stdout}${run.stderr}`).not.toContain(passphrase);
    });

    it('refuses a wrong or missing passphrase, saying where it came from or where to give it, never showing it', async () => {
      const wrong = 'wrong-horse-canary';
      await writeFile(passphraseFile, `${wrong}\n`, { mode: 0o600 });
      const cases: [string[], Record<string, string>, string][] = [
        [
          ['--tls-passphrase-file', passphraseFile],
          {},
          'bad decrypt (is the passphrase of --tls-passphrase-file right?)\n',
        ],
        [
          ['--debug'],
          { VBEM_EMULATOR_TLS_PASSPHRASE: wrong },
          'bad decrypt (is the passphrase of VBEM_EMULATOR_TLS_PASSPHRASE right?)\n',
        ],
        [
          [],
          {},
          'bad decrypt (an encrypted key needs its passphrase: --tls-passphrase-file FILE or VBEM_EMULATOR_TLS_PASSPHRASE)\n',
        ],
      ];
      for (const [argv, env, message] of cases) {
        const run = await vbemInProcess(['emulator', '--port', '0', ...tlsArgs, ...argv], { env });
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr).toMatch(
          /^vbem: --tls-key and --tls-cert were refused: not a usable PEM key and certificate pair: /,
        );
        expect(run.stderr).toContain(message);
        expect(run.stderr).not.toContain(wrong);
        expect(run.stderr).not.toContain(passphrase);
        expect(run.stdout).toBe('');
      }
    });

    it('refuses a passphrase file without --tls-key, one it cannot read or that holds nothing, and an empty variable', async () => {
      await writeFile(passphraseFile, '\n', { mode: 0o600 });
      const missing = join(dir, 'no-such-passphrase');
      const cases: [string[], Record<string, string>, number, string][] = [
        [
          ['--tls-passphrase-file', passphraseFile],
          {},
          2,
          'vbem: --tls-passphrase-file needs --tls-key\n',
        ],
        [
          [...tlsArgs, '--tls-passphrase-file', missing],
          {},
          1,
          `vbem: passphrase file ${missing} (--tls-passphrase-file) does not exist\n`,
        ],
        [
          [...tlsArgs, '--tls-passphrase-file', passphraseFile],
          {},
          1,
          `vbem: passphrase file ${passphraseFile} (--tls-passphrase-file) is empty\n`,
        ],
        [
          tlsArgs,
          { VBEM_EMULATOR_TLS_PASSPHRASE: '' },
          2,
          "vbem: VBEM_EMULATOR_TLS_PASSPHRASE is set but empty\nhint: set the key's passphrase, or unset it for an unencrypted key\n",
        ],
      ];
      for (const [argv, env, code, message] of cases) {
        const run = await vbemInProcess(['emulator', '--port', '0', ...argv], { env });
        expect(run.code, run.stderr).toBe(code);
        expect(run.stderr.startsWith(message), run.stderr).toBe(true);
        expect(run.stdout).toBe('');
      }
    });
  });
});
