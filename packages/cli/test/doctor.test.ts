import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient } from '@vbem/client';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SelfSigned, selfSigned } from '../../client/test/helpers/self-signed.js';
import type { CliIo } from '../src/cli-io.js';
import { main } from '../src/main.js';

/** The clocks of the emulators (Node's Date header) and of the CLI agree unless a test shifts it. */
const START = new Date();
const DATASET = { now: START, jobs: 8, days: 2, vmsPerJob: 1, restoreSessions: 0 } as const;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The checklist's lines by label: `ok`, `FAIL`, `warn` or `skip` and the message. */
  readonly checks: Readonly<Record<string, { status: string; message: string }>>;
}

async function doctor(
  argv: readonly string[],
  options: { env?: Record<string, string>; tty?: boolean; now?: Date } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty === true },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([]),
    env: { VBEM_PASSWORD: 'emulator', ...options.env },
    signal: new AbortController().signal,
    now: () => options.now ?? new Date(),
  };
  const code = await main(['doctor', ...argv], io);
  const checks: Record<string, { status: string; message: string }> = {};
  for (const line of stdout.split('\n')) {
    const match =
      /^(ok|FAIL|warn|skip) +(URL|Settings|DNS|TCP|TLS|EM API|Logon|Role|Query|Clock) +(.*)$/.exec(
        line,
      );
    if (match) checks[match[2] ?? ''] = { status: match[1] ?? '', message: match[3] ?? '' };
  }
  return { code, stdout, stderr, checks };
}

const statuses = (run: Run) =>
  Object.fromEntries(Object.entries(run.checks).map(([label, check]) => [label, check.status]));

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

/**
 * A loopback proxy in front of an emulator that answers 403 to the job list, as EM does for an
 * account without an EM role; everything else (logon, logoff) goes through.
 */
async function forbiddingProxy(
  target: RunningEmulator,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target.url);
  const server: Server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && /^\/api\/jobs/i.test(request.url ?? '')) {
      const body =
        '<?xml version="1.0" encoding="utf-8"?><Error xmlns="http://www.veeam.com/ent/v1.0" Message="Access is denied." StatusCode="403" Status="Forbidden" />';
      response.writeHead(403, { 'Content-Type': 'application/xml; charset=utf-8' });
      response.end(body);
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('vbem doctor', () => {
  let plain: RunningEmulator;
  let secure: RunningEmulator;
  let certificate: SelfSigned;
  let dir: string;

  beforeAll(async () => {
    certificate = await selfSigned();
    [plain, secure] = await Promise.all([
      startEmulator({ dataset: DATASET, onWarning: () => {} }),
      startEmulator({ dataset: DATASET, tls: certificate, onWarning: () => {} }),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'vbem-doctor-'));
  });

  afterAll(async () => {
    await Promise.all([plain.close(), secure.close(), rm(dir, { recursive: true, force: true })]);
  });

  const at = (em: RunningEmulator, ...argv: string[]) => [
    '--url',
    em.url,
    '--username',
    'emulator',
    ...argv,
  ];

  test('http EM: every check passes, TLS is skipped; logs off', async () => {
    // The backup-family sessions of the 24 hours before START, as a client counts them.
    const client = createClient({ url: plain.url, username: 'emulator', password: 'emulator' });
    let expected = 0;
    try {
      const since = new Date(START.getTime() - 86_400_000);
      for await (const _ of client.sessions({ types: ['Backup'], since, until: START })) expected++;
    } finally {
      await client.close();
    }
    expect(expected).toBeGreaterThan(1);
    const run = await doctor(at(plain), { now: START });
    expect(run.code).toBe(0);
    expect(statuses(run)).toEqual({
      URL: 'ok',
      Settings: 'ok',
      DNS: 'ok',
      TCP: 'ok',
      TLS: 'skip',
      'EM API': 'ok',
      Logon: 'ok',
      Role: 'ok',
      Query: 'ok',
      Clock: 'ok',
    });
    expect(run.checks.URL?.message).toBe(`${plain.url}/api/`);
    expect(run.checks['EM API']?.message).toBe('Enterprise Manager, API versions v1_5, v1_6, v1_7');
    expect(run.checks.Logon?.message).toBe('logged on as emulator with API v1_7');
    expect(run.checks.Role?.message).toBe('the account has an EM role: it sees 8 jobs');
    expect(run.checks.Query?.message).toBe(
      `the query service answered: ${expected} sessions of backup-family jobs (BackupJobSession) in the last 24 hours`,
    );
    expect(run.checks.TLS?.message).toMatch(/^http: no TLS/);
    expect(run.stdout.endsWith('passed: 9 ok, 1 skipped\n')).toBe(true);
    expect(run.stderr).toBe('');
    const stats = plain.stats();
    expect(stats.openLogonSessions).toBe(0);
    expect(stats.logoffs).toBe(stats.logons);
  });

  test('on a terminal: ✓ ✗ ! - in colour; with NO_COLOR: the words', async () => {
    const fancy = await doctor(at(plain), { tty: true });
    expect(fancy.code).toBe(0);
    const ESC = '\x1b';
    expect(fancy.stdout.startsWith(`${ESC}[32m✓${ESC}[0m URL      http:`)).toBe(true);
    expect(fancy.stdout).toContain(`\n${ESC}[2m-${ESC}[0m TLS      http: no TLS`);
    const words = await doctor(at(plain), { tty: true, env: { NO_COLOR: '1' } });
    expect(words.stdout).not.toContain(ESC);
    expect(words.stdout).not.toContain('✓');
    expect(words.checks.Logon?.status).toBe('ok');
    expect(plain.stats().openLogonSessions).toBe(0);
  });

  test('self-signed https: TLS fails with the fingerprint and the pin hint; nothing is sent to EM', async () => {
    const before = secure.stats().requests;
    const run = await doctor(at(secure));
    expect(run.code).toBe(1);
    expect(run.checks.TLS).toEqual({
      status: 'FAIL',
      message: expect.stringMatching(
        /^not trusted by Node's CA store: DEPTH_ZERO_SELF_SIGNED_CERT \(TLSv1\.[23], \d/,
      ),
    });
    expect(run.stdout).toMatch(/^ +subject +CN=localhost$/m);
    expect(run.stdout).toMatch(/^ +SANs +DNS:localhost, IP Address:127\.0\.0\.1$/m);
    expect(run.stdout).toMatch(/^ +issuer +CN=localhost \(self-signed\)$/m);
    expect(run.stdout).toMatch(/^ +expires +\d{4}-\d\d-\d\dT[\d:.]+Z \(in 1d 23h\)$/m);
    expect(run.stdout).toContain(`SHA-256  ${certificate.fingerprint256}\n`);
    expect(run.stdout).toContain(
      `hint: EM's certificate is self-signed by default: pin it: --fingerprint ${certificate.fingerprint256}`,
    );
    for (const label of ['EM API', 'Logon', 'Role', 'Query', 'Clock']) {
      expect(run.checks[label]).toEqual({
        status: 'skip',
        message: 'needs a trusted TLS connection (see TLS)',
      });
    }
    expect(run.stdout.endsWith('failed: 1 failed, 4 ok, 5 skipped\n')).toBe(true);
    // The certificate was inspected without a request: no credentials went to an untrusted server.
    expect(secure.stats().requests).toBe(before);
  });

  test('https pinned with --fingerprint: passes, with a warning for a certificate that expires soon', async () => {
    for (const pin of [
      certificate.fingerprint256,
      certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
    ]) {
      const run = await doctor(at(secure, '--fingerprint', pin));
      expect(run.code).toBe(0);
      expect(statuses(run)).toEqual({
        URL: 'ok',
        Settings: 'ok',
        DNS: 'ok',
        TCP: 'ok',
        TLS: 'warn',
        'EM API': 'ok',
        Logon: 'ok',
        Role: 'ok',
        Query: 'ok',
        Clock: 'ok',
      });
      expect(run.checks.TLS?.message).toMatch(
        /^the certificate matches the pinned fingerprint, but it expires in 1d 23h/,
      );
      expect(run.checks.Settings?.message).toMatch(/certificate pinned by fingerprint$/);
    }
    expect(secure.stats().openLogonSessions).toBe(0);
  });

  test('https with --ca: trusted by the given certificate; another pin fails', async () => {
    const ca = join(dir, 'em.pem');
    await writeFile(ca, certificate.cert, { mode: 0o600 });
    const trusted = await doctor(at(secure, '--ca', ca));
    expect(trusted.code).toBe(0);
    expect(trusted.checks.TLS?.message).toMatch(
      /^trusted by the given CA certificate, but it expires in/,
    );
    expect(trusted.checks.Logon?.status).toBe('ok');

    const other = randomBytes(32)
      .toString('hex')
      .toUpperCase()
      .replace(/(..)(?!$)/g, '$1:');
    const wrong = await doctor(at(secure, '--fingerprint', other));
    expect(wrong.code).toBe(1);
    expect(
      wrong.checks.TLS?.message.startsWith(
        `the certificate does not match the pinned fingerprint ${other} (`,
      ),
    ).toBe(true);
    expect(wrong.stdout).toContain(`pin the new one: --fingerprint ${certificate.fingerprint256}`);
    expect(secure.stats().openLogonSessions).toBe(0);
  });

  test('a certificate the given CA trusts but for another name: TLS names the name, not the CA', async () => {
    const acme = await selfSigned('em-acme.local');
    const em = await startEmulator({ dataset: DATASET, tls: acme, onWarning: () => {} });
    try {
      const ca = join(dir, 'acme.pem');
      await writeFile(ca, acme.cert, { mode: 0o600 });
      const config = join(dir, 'acme.json');
      await writeFile(
        config,
        JSON.stringify({ profiles: { acme: { url: em.url, username: 'emulator', ca } } }),
        { mode: 0o600 },
      );
      for (const argv of [at(em, '--ca', ca), ['--config', config, '--profile', 'acme']]) {
        const run = await doctor(argv);
        expect(run.code).toBe(1);
        expect(run.checks.TLS?.status).toBe('FAIL');
        expect(run.checks.TLS?.message).toMatch(
          /^the certificate is not for 127\.0\.0\.1 \(it names em-acme\.local\) \(TLS/,
        );
        expect(run.stdout).toMatch(
          /^ +hint: connect with a name the certificate holds \(DNS:em-acme\.local\), or pin it: /m,
        );
        expect(run.stdout).not.toContain('ALTNAME');
      }
    } finally {
      await em.close();
    }
  });

  test('--insecure: TLS is a warning with the pin hint; a proxy variable is named in Settings', async () => {
    const run = await doctor(at(secure, '--insecure'), {
      env: { HTTPS_PROXY: 'http://user:secret@proxy.invalid:3128' },
    });
    expect(run.code).toBe(0);
    expect(run.checks.TLS?.status).toBe('warn');
    expect(run.checks.TLS?.message).toMatch(/^not verified: TLS verification is off/);
    expect(run.stdout).toContain(`pin it: --fingerprint ${certificate.fingerprint256}`);
    expect(run.checks.Settings?.message).toMatch(/TLS verification off$/);
    expect(run.stdout).toMatch(/^ +proxy +HTTPS_PROXY is set: /m);
    expect(run.stdout).not.toContain('secret');
    expect(run.stderr).toMatch(/warning: TLS certificate verification is off/);
    expect(run.checks.Logon?.status).toBe('ok');
    expect(secure.stats().openLogonSessions).toBe(0);
  });

  test('port 9419 fails fast with the hint, whether or not anything listens there', async () => {
    const started = Date.now();
    const run = await doctor(['--url', 'http://127.0.0.1:9419', '--username', 'emulator']);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(run.code).toBe(1);
    expect(run.checks.URL).toEqual({
      status: 'FAIL',
      message: 'port 9419 is the Veeam Backup & Replication REST API, not Enterprise Manager',
    });
    expect(run.stdout).toContain(
      "hint: Enterprise Manager's REST API listens on https://<em>:9398 (or http://<em>:9399): try --url https://127.0.0.1:9398",
    );
    expect(Object.values(statuses(run)).filter((status) => status === 'skip')).toHaveLength(9);
  });

  test('a URL that does not parse: what is wrong with it, never its user name or password', async () => {
    for (const [url, message] of [
      ['http://bob:UrlSecret@127.0.0.1:99999', 'the URL carries a user name or password'],
      ['http://127.0.0.1:99999', 'the URL is not valid: its port 99999 is not from 0 to 65535'],
      ['http://127.0.0.1:9x9', 'the URL is not valid: its port is not a number'],
      ['127.0.0.1:9398/api', 'the URL is not valid: it has no scheme (https:// or http://)'],
      ['https://', 'the URL is not valid: it has no host'],
    ] as const) {
      for (const run of [
        await doctor(['--url', url, '--username', 'emulator']),
        await doctor(['--username', 'emulator'], { env: { VBEM_URL: url, VBEM_PASSWORD: 'x' } }),
      ]) {
        expect(run.checks.URL, url).toEqual({ status: 'FAIL', message });
        expect(run.stdout + run.stderr).not.toContain('UrlSecret');
        expect(run.stdout + run.stderr).not.toContain('bob');
      }
    }
  });

  test('wrong password: the logon fails with a hint, the rest still runs', async () => {
    const before = plain.stats().failedLogons;
    const run = await doctor(at(plain), { env: { VBEM_PASSWORD: 'wrong' } });
    expect(run.code).toBe(1);
    expect(run.checks.Logon?.status).toBe('FAIL');
    expect(run.checks.Logon?.message).toMatch(/answered 401/);
    // The source the password came from, not every source there is.
    expect(run.stdout).toMatch(
      /^ +hint: check --username and the password source \(VBEM_PASSWORD\)$/m,
    );
    expect(run.checks.Role).toEqual({ status: 'skip', message: 'not logged on' });
    expect(run.checks.Query).toEqual({ status: 'skip', message: 'not logged on' });
    expect(run.checks.Clock?.status).toBe('ok');
    expect(plain.stats().failedLogons).toBeGreaterThan(before);
    expect(plain.stats().openLogonSessions).toBe(0);
  });

  test('a proxy that does not answer: the Logon hint names the proxy, not EM', async () => {
    const port = await closedPort();
    const proxy = `http://127.0.0.1:${port}`;
    // The client takes the proxy from the process's environment, the doctor names it from vbem's.
    const before = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy;
    const run = await doctor(at(plain), {
      env: { VBEM_PASSWORD: 'emulator', HTTP_PROXY: proxy },
    }).finally(() => {
      if (before === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = before;
    });
    expect(run.code).toBe(1);
    expect(run.checks['EM API']?.status).toBe('ok');
    expect(run.checks.Logon?.status).toBe('FAIL');
    expect(run.stdout).toMatch(
      /^ +hint: HTTP_PROXY is set: vbem's requests go through it \(unless NO_PROXY excludes EM\), while the checks above connected directly: check the proxy$/m,
    );
  });

  test('an account without an EM role: Role fails (403), and the session is logged off', async () => {
    const proxy = await forbiddingProxy(plain);
    try {
      const run = await doctor(['--url', proxy.url, '--username', 'emulator']);
      expect(run.code).toBe(1);
      expect(run.checks.Logon?.status).toBe('ok');
      expect(run.checks.Role).toEqual({
        status: 'FAIL',
        message: 'EM refused to list jobs (403): the account has no Enterprise Manager role',
      });
      expect(run.stdout).toMatch(/hint: give the account an EM role/);
      expect(run.checks.Query).toEqual({
        status: 'skip',
        message: 'the account has no EM role (see Role)',
      });
    } finally {
      await proxy.close();
    }
    expect(plain.stats().openLogonSessions).toBe(0);
  });

  test('jobs EM does not list: Role fails and Query is skipped, not a second round of retries', async () => {
    const rule = plain.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/jobs',
      times: 100,
    });
    try {
      const run = await doctor(at(plain));
      expect(run.code, run.stdout).toBe(1);
      expect(statuses(run)).toMatchObject({ Logon: 'ok', Role: 'FAIL', Query: 'skip' });
      expect(run.checks.Query?.message).toBe('EM did not list the jobs (see Role)');
    } finally {
      plain.faults.remove(rule);
    }
    expect(plain.stats().openLogonSessions).toBe(0);
  });

  test("a query service that fails: Query fails with EM's error and a hint, exit 1, logged off", async () => {
    for (const [fault, message] of [
      [{ kind: 'status', status: 500 }, / answered 500: Internal server error/],
      [{ kind: 'malformed' }, /: expected QueryResult, got unterminated start tag <QueryResult>/],
    ] as const) {
      const rule = plain.faults.add({ fault, path: '/query', times: 100 });
      try {
        const run = await doctor(at(plain));
        expect(run.code, run.stdout).toBe(1);
        expect(statuses(run)).toMatchObject({
          Logon: 'ok',
          Role: 'ok',
          Query: 'FAIL',
          Clock: 'ok',
        });
        // The query `vbem sessions` makes, one session a page, whole: the doctor says what it asked.
        expect(run.checks.Query?.message).toMatch(
          /^GET http:\/\/127\.0\.0\.1:\d+\/api\/query\?type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=1&page=1&filter=CreationTime%3E%3D/,
        );
        expect(run.checks.Query?.message).toMatch(message);
        expect(run.stdout).toMatch(
          /^ +hint: EM's query service \(GET \/api\/query\) failed: sessions, tasks, report and check read every session through it/m,
        );
        expect(run.stdout.endsWith('failed: 1 failed, 8 ok, 1 skipped\n')).toBe(true);
      } finally {
        plain.faults.remove(rule);
      }
      expect(plain.stats().openLogonSessions).toBe(0);
    }
  });

  test("EM's own 503 to GET /api/: EM is unavailable, with its message and a hint about its service", async () => {
    const rule = plain.faults.add({
      fault: { kind: 'status', status: 503 },
      method: 'GET',
      path: /^\/api\/?$/,
      times: 100,
    });
    try {
      const run = await doctor(at(plain));
      expect(run.code, run.stdout).toBe(1);
      expect(run.checks['EM API']?.status).toBe('FAIL');
      expect(run.checks['EM API']?.message).toBe(
        'EM is unavailable: GET /api/ answered 503: The service is unavailable (an injected fault).',
      );
      expect(run.stdout).toMatch(
        /^ +hint: EM's REST API service answered with its own error: it may be starting or restarting/m,
      );
      expect(run.stdout).not.toContain('not Enterprise Manager');
      expect(run.stdout).not.toContain('the EM server?');
    } finally {
      plain.faults.remove(rule);
    }
  });

  test('an <Error> whose Message refers to no character: read as written, each reference once', async () => {
    const body =
      '<?xml version="1.0"?><Error Message="bad &#x110000; &#xD800; &#0; char &amp;#x41; &#x41;" StatusCode="503"/>';
    const server: Server = createHttpServer((_request, response) => {
      response.writeHead(503, { 'Content-Type': 'application/xml' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const run = await doctor(['--url', `http://127.0.0.1:${port}`, '--username', 'emulator']);
      expect(run.code, run.stdout).toBe(1);
      expect(run.checks['EM API']?.message).toBe(
        'EM is unavailable: GET /api/ answered 503: bad &#x110000; &#xD800; &#0; char &#x41; A',
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a query service that stalls: Query fails after one attempt of --timeout, with a hint that fits', async () => {
    const rule = plain.faults.add({ fault: { kind: 'stall' }, path: '/query', times: 100 });
    const before = plain.stats().requests;
    try {
      const started = Date.now();
      const run = await doctor(at(plain, '--timeout', '1'));
      expect(run.code, run.stdout).toBe(1);
      expect(statuses(run)).toMatchObject({ Logon: 'ok', Role: 'ok', Query: 'FAIL' });
      expect(run.checks.Query?.message).toMatch(/within 1000 ms$/);
      expect(run.stdout).not.toContain('attempts over');
      expect(run.stdout).toMatch(
        /^ +hint: EM's query service \(GET \/api\/query\) did not answer within --timeout, after the logon and the job list did: EM is overloaded or its query service is stuck/m,
      );
      expect(run.stdout).not.toContain('larger --timeout');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      plain.faults.remove(rule);
    }
    expect(plain.stats().requests - before).toBeLessThan(10);
    expect(plain.stats().openLogonSessions).toBe(0);
  });

  test('clock skew: a warning above 60 s, which does not fail the run', async () => {
    const run = await doctor(at(plain), { now: new Date(Date.now() + 10 * 60_000) });
    expect(run.code).toBe(0);
    // EM's Date header holds whole seconds, and the request comes a moment after `now` was read:
    // the skew measured is 10 minutes less up to a second.
    expect(run.checks.Clock).toEqual({
      status: 'warn',
      message: expect.stringMatching(/^this machine's clock is (10m|9m 59s) ahead of EM's$/),
    });
    expect(run.stdout).toMatch(/hint: sync both clocks \(NTP\)/);
    expect(plain.stats().openLogonSessions).toBe(0);
  });

  test('nothing listens: TCP fails with a hint, later checks are skipped', async () => {
    const port = await closedPort();
    const run = await doctor(['--url', `http://127.0.0.1:${port}`, '--username', 'emulator']);
    expect(run.code).toBe(1);
    expect(run.checks.TCP?.message).toBe(
      `127.0.0.1:${port} refused the connection: nothing listens there`,
    );
    expect(run.stdout).toMatch(
      /hint: is the Veeam Backup Enterprise Manager service running on 127\.0\.0\.1\?/,
    );
    expect(run.checks['EM API']).toEqual({ status: 'skip', message: 'no TCP connection' });
  });

  test('a web server that is not EM: its answer is described, a body without a type included', async () => {
    const web = createHttpServer((_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200); // no Content-Type
      response.end('It works!');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const address = web.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const run = await doctor(['--url', `http://127.0.0.1:${port}`, '--username', 'emulator']);
      expect(run.checks['EM API']).toEqual({
        status: 'FAIL',
        message: 'GET /api/ answered 200 with 9 bytes of no stated type: not Enterprise Manager',
      });
    } finally {
      await new Promise<void>((resolve) => web.close(() => resolve()));
    }
  });

  test('https URL on an http port: the handshake fails with a hint', async () => {
    const run = await doctor([
      '--url',
      plain.url.replace('http:', 'https:'),
      '--username',
      'emulator',
    ]);
    expect(run.code).toBe(1);
    expect(run.checks.TLS?.status).toBe('FAIL');
    expect(run.checks.TLS?.message).not.toContain('\n');
    expect(run.stdout).toMatch(/hint: the port may speak plain http/);
  });

  test('settings that do not resolve fail, and the checks that need no account still run', async () => {
    const run = await doctor(['--url', plain.url], {
      env: { VBEM_PASSWORD: 'emulator', HOME: '/nonexistent' },
    });
    expect(run.code).toBe(1);
    expect(statuses(run)).toEqual({
      URL: 'ok',
      Settings: 'FAIL',
      DNS: 'ok',
      TCP: 'ok',
      TLS: 'skip',
      'EM API': 'ok',
      Logon: 'skip',
      Role: 'skip',
      Query: 'skip',
      Clock: 'ok',
    });
    expect(run.checks.Settings?.message).toMatch(/no username/);
  });

  test('--fingerprint or --ca over http: Settings fails; the http checks run without them, Logon waits for Settings', async () => {
    const pin = Array.from({ length: 32 }, () => 'AB').join(':');
    const dir = await mkdtemp(join(tmpdir(), 'vbem-doctor-ca-'));
    try {
      const ca = join(dir, 'ca.pem');
      await writeFile(ca, certificate.cert);
      for (const flags of [
        ['--fingerprint', pin],
        ['--ca', ca],
      ]) {
        const run = await doctor([...at(plain), ...flags]);
        expect(run.code, flags[0]).toBe(1);
        expect(statuses(run), flags[0]).toEqual({
          URL: 'ok',
          Settings: 'FAIL',
          DNS: 'ok',
          TCP: 'ok',
          TLS: 'skip',
          'EM API': 'ok',
          Logon: 'skip',
          Role: 'skip',
          Query: 'skip',
          Clock: 'ok',
        });
        expect(run.checks.Settings?.message, flags[0]).toMatch(/needs an https URL/);
        // Not "no credentials": they were given, the settings failed.
        expect(run.checks.Logon?.message, flags[0]).toBe('the settings failed (see Settings)');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('--demo and --all', async () => {
    const demo = await doctor(['--demo']);
    expect(demo.code).toBe(0);
    expect(demo.checks.Settings?.message).toBe('demo: user emulator');
    // --all checks every profile of a config file (see doctor-all.test.ts); there is none here.
    const all = await doctor(['--all']);
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/--all reaches every profile of the config file/);
    const demoAll = await doctor(['--demo', '--all']);
    expect(demoAll.code).toBe(2);
    expect(demoAll.stderr).toMatch(/--demo connects to the embedded emulator: it takes no --all/);
  });
});
