import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimeoutError, TlsError } from '@vbem/client';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../client/test/helpers/closed-port.js';
import { selfSigned } from '../../client/test/helpers/self-signed.js';
import { closedUnanswered, httpsPortHint } from '../src/connection/closed-unanswered.js';
import { describeError } from '../src/describe-error.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const DATASET = { jobs: 4, days: 1, vmsPerJob: 1, restoreSessions: 0 } as const;

const vbem = (argv: readonly string[]) =>
  vbemInProcess(argv, { env: { VBEM_PASSWORD: 'emulator' } });

let plain: RunningEmulator;
let secure: RunningEmulator;
beforeAll(async () => {
  plain = await startEmulator({ dataset: DATASET, onWarning: () => {} });
  secure = await startEmulator({ dataset: DATASET, tls: await selfSigned(), onWarning: () => {} });
});
afterAll(async () => {
  await Promise.all([plain.close(), secure.close()]);
});

const user = ['--username', 'emulator'];

/** An error line's time of the client's attempts, which varies from run to run, as `…`. */
const withoutTimes = (text: string): string =>
  text.replace(
    / \((\d+) attempts over (\d+ ms|\d+[smhd](?: \d+[smh])?)\)/g,
    ' ($1 attempts over …)',
  );

describe('error lines and hints follow the error code', () => {
  it('https to a plain-http port: one line, and the plain-http hint', async () => {
    const url = plain.url.replace('http:', 'https:');
    const run = await vbem(['sessions', '--url', url, ...user]);
    expect(run.code).toBe(1);
    const host = new URL(url).host;
    expect(run.stderr).toBe(
      `vbem: TLS to ${host} failed: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)\nhint: the port may speak plain http: Enterprise Manager's REST API listens on https://<em>:9398 (or http://<em>:9399)\n`,
    );
  });

  it('http to an https port, whose connection closes unanswered: the try-https hint, in doctor too', async () => {
    const url = secure.url.replace('https:', 'http:');
    const host = new URL(url).host;
    const hint = `hint: the server closed the connection without answering, as an https port does with plain http: try --url https://${host}`;
    const run = await vbem(['sessions', '--url', url, ...user]);
    expect(run.code).toBe(1);
    // The client retried it: the line says how often and over how long.
    expect(withoutTimes(run.stderr)).toBe(
      `vbem: GET ${url}/api/ failed: other side closed (UND_ERR_SOCKET) (4 attempts over …)\n${hint}\n`,
    );
    const check = await vbem(['check', '--url', url, ...user]);
    expect(check.code).toBe(3);
    expect(check.stderr).toBe(`${hint}\n`);
    const doctor = await vbem(['doctor', '--url', url, ...user]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(
      new RegExp(
        `FAIL EM API +GET /api/ failed: socket hang up \\(ECONNRESET\\)\n +${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`,
      ),
    );
  });

  it('the try-https hint is only for plain http, and only when nothing was answered', () => {
    const closed = (bytesRead?: number) =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), {
          code: 'UND_ERR_SOCKET',
          ...(bytesRead === undefined ? {} : { socket: { bytesRead } }),
        }),
      });
    expect(closedUnanswered('http://em:9399/api/', closed(0))).toBe(true);
    expect(closedUnanswered('HTTP://em:9399/api/', closed())).toBe(true);
    // An answer began (a body cut short, or earlier answers on a kept-alive connection).
    expect(closedUnanswered('http://em:9399/api/', closed(43))).toBe(false);
    expect(closedUnanswered('https://em:9398/api/', closed(0))).toBe(false);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(closedUnanswered('http://em:9399/api/', refused)).toBe(false);
    expect(closedUnanswered(undefined, closed(0))).toBe(false);
    expect(httpsPortHint('http://em.example.com/api/')).toMatch(
      /try --url https:\/\/em\.example\.com:80$/,
    );
    expect(httpsPortHint('http://[::1]:9398/api/')).toMatch(/try --url https:\/\/\[::1\]:9398$/);
  });

  it('a wrong --fingerprint: the renewed-or-impostor hint, not "pass --fingerprint"', async () => {
    const run = await vbem([
      'sessions',
      '--url',
      secure.url,
      ...user,
      '--fingerprint',
      'AA'.repeat(32),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/CERT_FINGERPRINT_MISMATCH/);
    expect(run.stderr).toMatch(
      /\nhint: if EM's certificate was renewed, compare the new one \(vbem doctor prints its fingerprint\) with the one on the EM server, then pin it; if not, something else answers for EM\n$/,
    );
  });

  it('an untrusted certificate keeps the --ca / --fingerprint hint', async () => {
    const run = await vbem(['sessions', '--url', secure.url, ...user]);
    expect(run.stderr).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/);
    expect(run.stderr).toMatch(/\nhint: pass --ca FILE .* or --fingerprint SHA256/);
  });

  it('a port fetch refuses: the cause, not "fetch failed"', async () => {
    const run = await vbem(['sessions', '--url', 'http://127.0.0.1:1', ...user]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^vbem: GET http:\/\/127\.0\.0\.1:1\/api\/ failed: bad port \(4 attempts over [^)]+\)\n/,
    );
  });

  it("a profile's refused password: the hint names the profile's own source", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vbem-hint-source-'));
    try {
      const config = join(dir, 'config.json');
      await writeFile(
        config,
        JSON.stringify({
          profiles: { prod: { url: plain.url, username: 'emulator', passwordEnv: 'PROD_PW' } },
        }),
        { mode: 0o600 },
      );
      const wrong = await vbemInProcess(['sessions', '--config', config, '--profile', 'prod'], {
        env: { PROD_PW: 'not the password', VBEM_PASSWORD: 'emulator' },
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        /\nhint: check --username and the password source \(PROD_PW \(passwordEnv of profile prod\)\)\n/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('credentials refused at the logon: the credentials hint; a new session refused at once: not that one', async () => {
    const wrong = await vbemInProcess(['sessions', '--url', plain.url, ...user], {
      env: { VBEM_PASSWORD: 'not the password' },
    });
    expect(wrong.code).toBe(1);
    // The source the password came from, not every source there is.
    expect(wrong.stderr).toMatch(
      /\nhint: check --username and the password source \(VBEM_PASSWORD\)\n/,
    );
    // Every session EM hands out is dead at once: two 500s, the second right after a new logon.
    plain.faults.add({ fault: { kind: 'dead-session' }, path: '/query', times: 1000 });
    try {
      const dropped = await vbem(['sessions', '--url', plain.url, ...user]);
      expect(dropped.code).toBe(1);
      expect(dropped.stderr).toMatch(/refused \(500\) again right after a new logon/);
      expect(dropped.stderr).toMatch(
        /\nhint: the logon worked, but EM refused the new logon session at once/,
      );
      expect(dropped.stderr).not.toMatch(/password source/);
    } finally {
      plain.faults.clear();
    }
  });

  it('doctor does not tell the user to run vbem doctor', async () => {
    plain.faults.add({ fault: { kind: 'reset' }, method: 'POST', path: '/sessionMngr' });
    const run = await vbem(['doctor', '--url', plain.url, ...user]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL Logon/);
    expect(run.stdout).not.toMatch(/run vbem doctor/);
    expect(run.stdout).toMatch(/hint: EM answered the checks above/);
  });
});

describe('a proxy that fails', () => {
  const VARIABLES = ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

  it('is named, without its credentials, with a hint about the proxy rather than EM', async () => {
    const port = await closedPort();
    const proxy = `http://proxy-user:pr0xy-s3cret@127.0.0.1:${port}`;
    // The client takes the proxy from the process's environment.
    const saved = VARIABLES.map((name) => [name, process.env[name]] as const);
    for (const name of VARIABLES) delete process.env[name];
    process.env.HTTP_PROXY = proxy;
    const run = await vbem(['sessions', '--url', plain.url, ...user]).finally(() => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    expect(run.code).toBe(1);
    expect(withoutTimes(run.stderr)).toBe(
      `vbem: GET ${plain.url}/api/ failed via the proxy http://127.0.0.1:${port} (HTTP_PROXY): connect ECONNREFUSED 127.0.0.1:${port} (ECONNREFUSED) (4 attempts over …)\nhint: the request went through the proxy that HTTP_PROXY names: check that it runs and lets vbem through to EM, or list EM's host in NO_PROXY to connect directly\n`,
    );
    expect(run.stderr).not.toContain('pr0xy-s3cret');
    expect(run.stderr).not.toContain('proxy-user');
  });

  it('that refuses its credentials (407) is named once, with a hint about the proxy URL', async () => {
    let asked = 0;
    const proxy = createServer((_request, response) => {
      asked++;
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' });
      response.end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as { port: number };
    const saved = VARIABLES.map((name) => [name, process.env[name]] as const);
    for (const name of VARIABLES) delete process.env[name];
    process.env.HTTP_PROXY = `http://proxy-user:wr0ng-s3cret@127.0.0.1:${port}`;
    const run = await vbem(['sessions', '--url', plain.url, ...user]).finally(async () => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `vbem: GET ${plain.url}/api/: the proxy http://127.0.0.1:${port} (HTTP_PROXY) refused its credentials (407)\nhint: put the proxy account's user:password in the proxy URL that HTTP_PROXY holds (http://user:password@proxy:port, with special characters percent-encoded), or list EM's host in NO_PROXY to connect directly; vbem did not try again, so that a wrong password cannot lock the proxy account\n`,
    );
    expect(asked).toBe(1);
    expect(run.stderr).not.toContain('wr0ng-s3cret');
  });

  it('that never answers gets the same hint', () => {
    const error = new TimeoutError(
      'GET https://em.example:9398/api/ got no whole answer within 300 ms via the proxy http://127.0.0.1:3128 (HTTPS_PROXY)',
      { proxy: { url: 'http://127.0.0.1:3128', source: 'HTTPS_PROXY' } },
    );
    expect(describeError(error).hint).toBe(
      "the request went through the proxy that HTTPS_PROXY names: check that it runs and lets vbem through to EM, or list EM's host in NO_PROXY to connect directly; with both well, a larger --timeout helps with a slow EM",
    );
  });
});

describe('the hint of a certificate for another name', () => {
  const error = new TlsError("Hostname/IP does not match certificate's altnames", {
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
  });

  it('says where the fingerprint to pin comes from, on the command line or in the profile', () => {
    expect(describeError(error).hint).toBe(
      'connect with a name the certificate holds (vbem doctor lists them), or pin it: --fingerprint SHA256 (vbem doctor prints it)',
    );
    expect(
      describeError(error, 'command', {
        profile: { name: 'lab one', configFile: '/etc/vbem.json' },
      }).hint,
    ).toBe(
      `connect with a name the certificate holds (vbem doctor lists them), or pin it: add "fingerprint": SHA256 (vbem doctor --profile 'lab one' prints it) to profile lab one in /etc/vbem.json`,
    );
  });
});

describe('an answer over the size limit', () => {
  /** A server that answers every request with `bytes` bytes of XML text. */
  async function bigAnswers(bytes: number) {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      let left = bytes;
      const write = () => {
        while (left > 0) {
          const part = chunk.subarray(0, Math.min(left, chunk.length));
          left -= part.length;
          if (!response.write(part)) return response.once('drain', write);
        }
        response.end();
      };
      write();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it('names the limit, with a hint to raise it by --max-response-size or maxResponseSize', async () => {
    const big = await bigAnswers(2 * 1024 * 1024);
    try {
      const run = await vbem([
        'sessions',
        '--url',
        big.url,
        ...user,
        '--max-response-size',
        '1MiB',
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `vbem: GET ${big.url}/api/: the response body is larger than 1048576 bytes (the limit of 1MiB)\nhint: raise --max-response-size (or the profile's maxResponseSize) if EM's answers are this large; a hostile or broken server may also send an endless body\n`,
      );
    } finally {
      await big.close();
    }
  });

  it("is 64MiB by default, below the client library's 256 MiB", async () => {
    const big = await bigAnswers(65 * 1024 * 1024);
    try {
      const run = await vbem(['sessions', '--url', big.url, ...user]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^vbem: GET \S+: the response body is larger than 67108864 bytes \(the limit of 64MiB\)\n/,
      );
    } finally {
      await big.close();
    }
  });
});
