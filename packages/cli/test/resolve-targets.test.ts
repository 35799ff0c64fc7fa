import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError, UsageError } from '../src/cli-error.js';
import type { CliIo } from '../src/cli-io.js';
import type { ConnectionFlags } from '../src/connection/connection-flags.js';
import { resolveTargets } from '../src/connection/resolve-targets.js';
import { main } from '../src/main.js';

const FINGERPRINT = Array.from({ length: 32 }, (_, index) =>
  index.toString(16).padStart(2, '0'),
).join(':');
/** The CLI's own limit on one answer's body, lower than the client's 256 MiB. */
const DEFAULT_LIMIT = 64 * 1024 * 1024;
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const INSECURE_WARNING =
  'vbem: warning: TLS certificate verification is off (--insecure): anyone on the network path can read the password and the data\n';

const PLAIN_HTTP_WARNING = (origin: string) =>
  `vbem: warning: ${origin} is plain http, without TLS: anyone on the network path can read the password, the session token and the data; use https (EM serves it on port 9398)`;

let dir: string;
let home: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vbem-targets-'));
  home = join(dir, 'home');
  mkdirSync(join(home, '.config', 'vbem'), { recursive: true });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
function file(text: string, mode = 0o600, name = `file-${++count}`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}
const config = (json: unknown, mode = 0o600) =>
  file(JSON.stringify(json), mode, `config-${++count}.json`);

interface FakeIo {
  readonly io: CliIo;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly terminal: PassThrough & { isTTY: true; setRawMode: (mode: boolean) => unknown };
}

/** A process for the CLI: collected output, the given environment, stdin lines or a terminal. */
function fakeIo(env: Record<string, string> = {}, stdin: string[] | 'tty' = []): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const terminal = Object.assign(new PassThrough(), {
    isTTY: true as const,
    setRawMode: vi.fn((_mode: boolean) => terminal),
  });
  const io: CliIo = {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin: stdin === 'tty' ? terminal : Object.assign(Readable.from(stdin), { isTTY: false }),
    env: { HOME: join(dir, 'nohome'), ...env },
    signal: new AbortController().signal,
    now: () => new Date(),
  };
  return { io, stdout, stderr, terminal };
}

const one = { url: 'https://em1:9398', username: 'CORP\\svc' } as const;

async function failure(flags: ConnectionFlags, io: CliIo): Promise<CliError> {
  const error = await resolveTargets(flags, io).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('one EM from flags and environment', () => {
  it('takes --url, --username and VBEM_PASSWORD; the name is host:port', async () => {
    const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
    expect(await resolveTargets(one, io)).toEqual([
      {
        name: 'em1:9398',
        options: {
          url: 'https://em1:9398',
          username: 'CORP\\svc',
          password: 'pw',
          maxResponseBytes: DEFAULT_LIMIT,
        },
        passwordSource: 'VBEM_PASSWORD',
      },
    ]);
    expect(stderr).toEqual([]);
  });

  it('falls back to VBEM_URL and VBEM_USERNAME; flags win', async () => {
    const env = { VBEM_URL: 'https://env-em:9398', VBEM_USERNAME: 'env-user', VBEM_PASSWORD: 'pw' };
    const [fromEnv] = await resolveTargets({}, fakeIo(env).io);
    expect(fromEnv?.options).toMatchObject({ url: 'https://env-em:9398', username: 'env-user' });
    const [fromFlags] = await resolveTargets(one, fakeIo(env).io);
    expect(fromFlags?.options).toMatchObject({ url: 'https://em1:9398', username: 'CORP\\svc' });
  });

  it('refuses a URL that is not http(s) or carries credentials, without repeating it', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const bad = await failure({ ...one, url: 'em1:9398' }, io);
    expect(bad).toBeInstanceOf(UsageError);
    expect(bad.message).toBe(
      '--url must be an https or http URL, e.g. https://em.example.com:9398',
    );
    const withSecret = await failure({ ...one, url: 'https://svc:hunter2@em1:9398' }, io);
    expect(withSecret.message).toBe(
      '--url must not carry a username or password: give the username and a password source on their own',
    );
    const fromEnv = await failure(
      { username: 'u' },
      fakeIo({ VBEM_URL: 'ftp://em1', VBEM_PASSWORD: 'pw' }).io,
    );
    expect(fromEnv.message).toMatch(/^VBEM_URL must be an https or http URL/);
    // A URL that does not parse: what is wrong with it, never the URL (it may hold a password).
    const badPort = await failure({ ...one, url: 'http://bob:UrlSecret@127.0.0.1:99999' }, io);
    expect(badPort.message).toBe(
      '--url must not carry a username or password: give the username and a password source on their own',
    );
    const outOfRange = await failure(
      { username: 'u' },
      fakeIo({ VBEM_URL: 'http://127.0.0.1:99999', VBEM_PASSWORD: 'pw' }).io,
    );
    expect(outOfRange.message).toBe(
      'VBEM_URL is not a valid URL: its port 99999 is not from 0 to 65535',
    );
  });

  it('says what is missing: the EM, the username', async () => {
    const noUrl = await failure({}, fakeIo({ VBEM_PASSWORD: 'pw' }).io);
    expect(noUrl).toBeInstanceOf(UsageError);
    expect(noUrl.message).toBe(
      'no EM to connect to: give --url (or set VBEM_URL), --profile NAME, or --demo',
    );
    const noUser = await failure({ url: one.url }, fakeIo({ VBEM_PASSWORD: 'pw' }).io);
    expect(noUser).toBeInstanceOf(UsageError);
    expect(noUser.message).toBe('no username for em1:9398: give --username or set VBEM_USERNAME');
  });

  it('--api-format and --timeout become format and milliseconds; bad values are usage errors', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const [target] = await resolveTargets({ ...one, apiFormat: 'json', timeout: '2.5' }, io);
    expect(target?.options).toMatchObject({ format: 'json', timeout: 2500 });
    // The syntax of --time-limit: seconds with their unit, or a duration.
    for (const [timeout, ms] of [
      ['3s', 3_000],
      ['0.5s', 500],
      ['2m', 120_000],
    ] as const) {
      const [withUnit] = await resolveTargets({ ...one, timeout }, io);
      expect(withUnit?.options).toMatchObject({ timeout: ms });
    }
    for (const timeout of ['-1', 'abc', '', '1e3', 'Infinity', '3 s']) {
      const error = await failure({ ...one, timeout }, io);
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(
        `--timeout: ${JSON.stringify(timeout)} is not a number of seconds (35, 90s) or a duration (5m, 1h)`,
      );
    }
    for (const timeout of ['0', '0s', '4w']) {
      const error = await failure({ ...one, timeout }, io);
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(
        `--timeout: ${JSON.stringify(timeout)} is not above 0 and at most 2147483 seconds`,
      );
    }
    const format = await failure({ ...one, apiFormat: 'yaml' as 'xml' }, io);
    expect(format.message).toBe('--api-format: "yaml" is not xml or json');
  });
});

describe('the password, in order of precedence', () => {
  // Every source set at once; each case removes the ones above it.
  const setup = () => {
    const flagFile = file('from-flag-file\n');
    const profileFile = file('from-profile-file\n');
    const cfg = config({
      profiles: {
        viaFile: { url: 'https://em1:9398', username: 'svc', passwordFile: profileFile },
        viaEnv: { url: 'https://em1:9398', username: 'svc', passwordEnv: 'PROD_PW' },
      },
    });
    return { flagFile, cfg };
  };
  const passwordOf = async (
    flags: ConnectionFlags,
    env: Record<string, string>,
    stdin: string[] | 'tty' = ['from-stdin\n'],
  ) => {
    const fake = fakeIo(env, stdin);
    const pending = resolveTargets(flags, fake.io);
    if (stdin === 'tty') setTimeout(() => fake.terminal.write('from-prompt\r'), 10);
    const [target] = await pending;
    return { password: target?.options.password, stderr: fake.stderr.join('') };
  };

  it('--password-file, --password-stdin, the profile passwordFile / passwordEnv, else VBEM_PASSWORD, then a prompt', async () => {
    const { flagFile, cfg } = setup();
    const env = { VBEM_PASSWORD: 'from-env', PROD_PW: 'from-profile-env' };
    const viaFile = { config: cfg, profile: 'viaFile' };
    expect((await passwordOf({ ...viaFile, passwordFile: flagFile }, env)).password).toBe(
      'from-flag-file',
    );
    expect((await passwordOf({ ...viaFile, passwordStdin: true }, env)).password).toBe(
      'from-stdin',
    );
    // An explicit --profile's own source comes before VBEM_PASSWORD, which may be another EM's.
    expect((await passwordOf(viaFile, env)).password).toBe('from-profile-file');
    expect((await passwordOf(viaFile, { PROD_PW: 'from-profile-env' })).password).toBe(
      'from-profile-file',
    );
    expect(
      (await passwordOf({ config: cfg, profile: 'viaEnv' }, { PROD_PW: 'from-profile-env' }))
        .password,
    ).toBe('from-profile-env');
    // Without a profile, VBEM_PASSWORD, then the prompt.
    expect((await passwordOf(one, { VBEM_PASSWORD: 'from-env' })).password).toBe('from-env');
    const prompted = await passwordOf(one, {}, 'tty');
    expect(prompted.password).toBe('from-prompt');
    expect(prompted.stderr).toBe('Password for CORP\\svc at em1:9398: \n');
  });

  it('a profile that names its password source takes no other one: never VBEM_PASSWORD, never a prompt', async () => {
    const { cfg } = setup();
    const viaEnv = { config: cfg, profile: 'viaEnv' };
    for (const [flags, env, stdin] of [
      [viaEnv, { VBEM_PASSWORD: 'HQ-Secret-Pw' }, []],
      [viaEnv, { VBEM_PASSWORD: 'HQ-Secret-Pw', PROD_PW: '' }, 'tty'],
    ] as const) {
      const error = await failure(flags, fakeIo(env, stdin === 'tty' ? 'tty' : []).io);
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(
        'no password for svc at em1:9398: PROD_PW (passwordEnv of profile viaEnv) is not set',
      );
      expect(error.hint).toBe(
        'set PROD_PW, or give --password-file FILE or --password-stdin; profile viaEnv takes its password from PROD_PW only',
      );
      expect(JSON.stringify([error.message, error.hint])).not.toContain('HQ-Secret-Pw');
    }
    // The config file's defaultProfile too: its passwordFile, not VBEM_PASSWORD.
    const branchFile = file('branch-pw\n');
    const defaults = config({
      defaultProfile: 'branch',
      profiles: { branch: { url: 'https://em2:9398', username: 'svc', passwordFile: branchFile } },
    });
    const [target] = await resolveTargets(
      { config: defaults },
      fakeIo({ VBEM_PASSWORD: 'HQ-Secret-Pw' }).io,
    );
    expect(target?.options.password).toBe('branch-pw');
    const unsetDefault = config({
      defaultProfile: 'viaEnv',
      profiles: { viaEnv: { url: 'https://em1:9398', username: 'svc', passwordEnv: 'PROD_PW' } },
    });
    const error = await failure(
      { config: unsetDefault },
      fakeIo({ VBEM_PASSWORD: 'HQ-Secret-Pw' }).io,
    );
    expect(error.message).toMatch(/PROD_PW \(passwordEnv of profile viaEnv\) is not set$/);
    // A missing profile file is an error naming the file, not a reason to look further.
    const gone = config({
      defaultProfile: 'gone',
      profiles: {
        gone: { url: 'https://em1:9398', username: 'svc', passwordFile: '/nonexistent/pw' },
      },
    });
    const missing = await failure({ config: gone }, fakeIo({ VBEM_PASSWORD: 'HQ-Secret-Pw' }).io);
    expect(missing.message).toBe(
      'password file /nonexistent/pw (passwordFile of profile gone) does not exist',
    );
  });

  it('without any source and no terminal: a usage error listing the sources', async () => {
    const error = await failure({ ...one }, fakeIo().io);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'no password for CORP\\svc at em1:9398: stdin is not a terminal to prompt on',
    );
    expect(error.hint).toBe(
      'give it through --password-file FILE (chmod 600), --password-stdin (first line of stdin), VBEM_PASSWORD, or passwordFile / passwordEnv in a config profile',
    );
  });

  it('refuses a password file others can read, also from a profile, and never shows its content', async () => {
    const open = file('hunter2\n', 0o644);
    const error = await failure({ ...one, passwordFile: open }, fakeIo({ VBEM_PASSWORD: 'pw' }).io);
    expect(error).not.toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `password file ${open} (--password-file) can be read or changed by group or others (mode 0644); vbem uses a password file only when just its owner can read it`,
    );
    expect(error.hint).toBe(`chmod 600 ${open}`);
    const cfg = config({
      profiles: { prod: { url: 'https://em1:9398', username: 'u', passwordFile: open } },
    });
    const fromProfile = await failure({ config: cfg, profile: 'prod' }, fakeIo().io);
    expect(fromProfile.message).toMatch(
      `password file ${open} (passwordFile of profile prod) can be read`,
    );
    expect(JSON.stringify([error, fromProfile, error.hint, fromProfile.hint])).not.toContain(
      'hunter2',
    );
  });

  it('--password-file and --password-stdin together are a usage error; ~ expands to HOME', async () => {
    const both = await failure({ ...one, passwordFile: '/x', passwordStdin: true }, fakeIo().io);
    expect(both).toBeInstanceOf(UsageError);
    expect(both.message).toBe('--password-file and --password-stdin: give one of them');
    writeFileSync(join(home, 'em.pw'), 'tilde\n', { mode: 0o600 });
    const [target] = await resolveTargets(
      { ...one, passwordFile: '~/em.pw' },
      fakeIo({ HOME: home }).io,
    );
    expect(target?.options.password).toBe('tilde');
  });
});

describe('TLS flags', () => {
  it('--ca reads a PEM file; a missing or non-PEM file is a clear error', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const ca = file(PEM, 0o644);
    const [target] = await resolveTargets({ ...one, ca }, io);
    expect(target?.options.tls).toEqual({ ca: PEM });
    const missing = join(dir, 'none.pem');
    expect((await failure({ ...one, ca: missing }, io)).message).toBe(
      `certificate file ${missing} (--ca) does not exist`,
    );
    const der = file('0\u0082\u0001binary', 0o644);
    const notPem = await failure({ ...one, ca: der }, io);
    expect(notPem.message).toBe(
      `certificate file ${der} (--ca) is not a PEM certificate: it has no -----BEGIN CERTIFICATE----- line`,
    );
    expect(notPem.hint).toBe(
      `a DER (binary) certificate converts with: openssl x509 -inform der -in ${der} -out em.pem`,
    );
  });

  it('--fingerprint pins the certificate; a malformed one is a usage error', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const [target] = await resolveTargets({ ...one, fingerprint: FINGERPRINT }, io);
    expect(target?.options.tls).toEqual({ fingerprint256: FINGERPRINT });
    const bad = await failure({ ...one, fingerprint: 'AB:CD' }, io);
    expect(bad).toBeInstanceOf(UsageError);
    expect(bad.message).toBe(
      '--fingerprint must be a SHA-256 fingerprint: 32 hex bytes, colons optional',
    );
  });

  it('--insecure turns verification off and warns on every run, once per target', async () => {
    for (let run = 0; run < 2; run++) {
      const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
      const [target] = await resolveTargets({ ...one, insecure: true }, io);
      expect(target?.options.tls).toEqual({ rejectUnauthorized: false });
      expect(stderr).toEqual([INSECURE_WARNING]);
    }
  });

  it('plain http to another machine warns on every run, once per target; loopback does not', async () => {
    for (let run = 0; run < 2; run++) {
      const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
      await resolveTargets({ ...one, url: 'http://em1:9399' }, io);
      expect(stderr).toEqual([`${PLAIN_HTTP_WARNING('http://em1:9399')}\n`]);
    }
    for (const url of [
      'http://127.0.0.1:9399',
      'http://127.8.9.10',
      'http://[::1]:9399',
      'http://localhost:9399',
    ]) {
      const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
      await resolveTargets({ ...one, url }, io);
      expect(stderr, url).toEqual([]);
    }
  });

  it('--ca or --fingerprint with --insecure is a usage error', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const withCa = await failure({ ...one, insecure: true, ca: '/ca.pem' }, io);
    expect(withCa).toBeInstanceOf(UsageError);
    expect(withCa.message).toBe(
      "--ca cannot go with --insecure: --ca verifies EM's certificate, --insecure turns verification off",
    );
    const withPin = await failure({ ...one, insecure: true, fingerprint: FINGERPRINT }, io);
    expect(withPin).toBeInstanceOf(UsageError);
    expect(withPin.message).toMatch(/^--fingerprint cannot go with --insecure/);
  });
});

describe('--max-response-size and maxResponseSize', () => {
  const MIB = 1024 * 1024;

  it('takes a size with a unit or a bare number of MiB; the flag beats the profile', async () => {
    const io = () => fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    for (const [given, bytes] of [
      ['32MiB', 32 * MIB],
      ['2048kib', 2 * MIB],
      ['1GiB', 1024 * MIB],
      ['100MB', 100_000_000],
      ['16', 16 * MIB],
      ['1.5GiB', 1536 * MIB],
    ] as const) {
      const [target] = await resolveTargets({ ...one, maxResponseSize: given }, io());
      expect(target?.options.maxResponseBytes, given).toBe(bytes);
    }
    const cfg = config({
      profiles: {
        a: { url: 'https://a:9398', username: 'u', maxResponseSize: '8MiB' },
        b: { url: 'https://b:9398', username: 'u', maxResponseSize: 4 },
      },
    });
    const [a, b] = await resolveTargets({ config: cfg, all: true }, io());
    expect([a?.options.maxResponseBytes, b?.options.maxResponseBytes]).toEqual([8 * MIB, 4 * MIB]);
    const [flagged] = await resolveTargets(
      { config: cfg, profile: 'a', maxResponseSize: '2MiB' },
      io(),
    );
    expect(flagged?.options.maxResponseBytes).toBe(2 * MIB);
  });

  it('refuses what is not a size, or is outside 1MiB to 2GiB, naming where it came from', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const bad = await failure({ ...one, maxResponseSize: '64 furlongs' }, io);
    expect(bad).toBeInstanceOf(UsageError);
    expect(bad.message).toBe(
      '--max-response-size: "64 furlongs" is not a size such as 64MiB, 512KiB or 1GiB (a bare number is MiB)',
    );
    const small = await failure({ ...one, maxResponseSize: '100KiB' }, io);
    expect(small.message).toBe('--max-response-size: "100KiB" is not from 1MiB to 2GiB');
    const cfg = config({ profiles: { a: { url: 'https://a:9398', maxResponseSize: '3GiB' } } });
    const fromProfile = await failure({ config: cfg, profile: 'a', username: 'u' }, io);
    expect(fromProfile.message).toContain(
      'profiles.a.maxResponseSize: "3GiB" is not from 1MiB to 2GiB',
    );
  });
});

describe('TLS settings with a plain http URL', () => {
  const http = { ...one, url: 'http://em1:9399' };

  it('--ca or --fingerprint is a usage error naming both flags', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const withCa = await failure({ ...http, ca: '/ca.pem' }, io);
    expect(withCa).toBeInstanceOf(UsageError);
    expect(withCa.message).toBe(
      '--ca needs an https URL, and --url is plain http: without TLS there is no certificate to verify',
    );
    expect(withCa.hint).toBe('give the https URL (EM serves it on port 9398), or drop --ca');
    const withPin = await failure({ ...http, fingerprint: FINGERPRINT }, io);
    expect(withPin).toBeInstanceOf(UsageError);
    expect(withPin.message).toBe(
      '--fingerprint needs an https URL, and --url is plain http: without TLS there is no certificate to pin',
    );
    const fromEnv = await failure(
      { username: 'u', ca: '/ca.pem' },
      fakeIo({ VBEM_URL: 'http://em1:9399', VBEM_PASSWORD: 'pw' }).io,
    );
    expect(fromEnv.message).toMatch(/^--ca needs an https URL, and VBEM_URL is plain http/);
  });

  it("a profile's ca is refused the same way, naming the profile's keys", async () => {
    const cfg = config({
      profiles: { lab: { url: 'http://lab:9399', username: 'u', ca: '/ca.pem' } },
    });
    const single = await failure(
      { config: cfg, profile: 'lab' },
      fakeIo({ VBEM_PASSWORD: 'pw' }).io,
    );
    expect(single).toBeInstanceOf(UsageError);
    expect(single.message).toBe(
      'ca of profile lab needs an https URL, and url of profile lab is plain http: without TLS there is no certificate to verify',
    );
    const [all] = await resolveTargets(
      { config: cfg, all: true },
      fakeIo({ VBEM_PASSWORD: 'pw' }).io,
    );
    expect(all?.failure?.message).toBe(single.message);
  });

  it('--insecure is not refused, but warns that it has no effect rather than that verification is off', async () => {
    const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
    const [target] = await resolveTargets(
      { ...http, url: 'http://127.0.0.1:9399', insecure: true },
      io,
    );
    expect(target?.options.tls).toBeUndefined();
    expect(stderr).toEqual([
      'vbem: warning: --insecure has no effect: --url is plain http, without TLS, so there is no certificate to verify\n',
    ]);
  });
});

describe('the config file', () => {
  const profiles = {
    defaultProfile: 'prod',
    profiles: {
      prod: {
        url: 'https://em1:9398',
        username: 'CORP\\svc',
        passwordEnv: 'PROD_PW',
        fingerprint: FINGERPRINT,
        apiFormat: 'json',
        timeout: 12,
      },
      lab: { url: 'http://lab:9399', username: 'lab-user', passwordEnv: 'LAB_PW', insecure: true },
    },
  };
  const env = { PROD_PW: 'prod-pw', LAB_PW: 'lab-pw' };

  it('is found at $XDG_CONFIG_HOME/vbem/config.json, else $HOME/.config/vbem/config.json', async () => {
    const xdg = join(dir, 'xdg');
    mkdirSync(join(xdg, 'vbem'), { recursive: true });
    writeFileSync(join(xdg, 'vbem', 'config.json'), JSON.stringify(profiles), { mode: 0o600 });
    const [fromXdg] = await resolveTargets({}, fakeIo({ ...env, XDG_CONFIG_HOME: xdg }).io);
    expect(fromXdg?.name).toBe('prod');
    writeFileSync(
      join(home, '.config', 'vbem', 'config.json'),
      JSON.stringify({ ...profiles, defaultProfile: 'lab' }),
      {
        mode: 0o600,
      },
    );
    const [fromHome] = await resolveTargets({}, fakeIo({ ...env, HOME: home }).io);
    expect(fromHome?.name).toBe('lab');
    rmSync(join(home, '.config', 'vbem', 'config.json'));
  });

  it('defaultProfile applies without --url; its values reach the client options', async () => {
    const cfg = config(profiles);
    const [target] = await resolveTargets({ config: cfg }, fakeIo(env).io);
    expect(target).toEqual({
      name: 'prod',
      options: {
        url: 'https://em1:9398',
        username: 'CORP\\svc',
        password: 'prod-pw',
        format: 'json',
        timeout: 12_000,
        maxResponseBytes: DEFAULT_LIMIT,
        tls: { fingerprint256: FINGERPRINT },
      },
      passwordSource: 'PROD_PW (passwordEnv of profile prod)',
      profile: { name: 'prod', configFile: cfg, fromConfigFlag: true },
    });
    // With --url (or VBEM_URL) there is no default profile.
    const [direct] = await resolveTargets(
      { ...one, config: cfg },
      fakeIo({ ...env, VBEM_PASSWORD: 'pw' }).io,
    );
    expect(direct).toEqual({
      name: 'em1:9398',
      options: { ...one, password: 'pw', maxResponseBytes: DEFAULT_LIMIT },
      passwordSource: 'VBEM_PASSWORD',
    });
    const [fromEnvUrl] = await resolveTargets(
      { config: cfg, username: 'u' },
      fakeIo({ ...env, VBEM_URL: 'https://other:9398', VBEM_PASSWORD: 'pw' }).io,
    );
    expect(fromEnvUrl?.name).toBe('other:9398');
  });

  it('--profile picks one; flags override its values; the environment fills what flags leave', async () => {
    const cfg = config(profiles);
    const ca = file(PEM, 0o644);
    const [target] = await resolveTargets(
      { config: cfg, profile: 'prod', username: 'other', apiFormat: 'xml', timeout: '5', ca },
      fakeIo(env).io,
    );
    expect(target).toEqual({
      name: 'prod',
      options: {
        url: 'https://em1:9398',
        username: 'other',
        password: 'prod-pw',
        format: 'xml',
        timeout: 5000,
        maxResponseBytes: DEFAULT_LIMIT,
        tls: { ca: PEM, fingerprint256: FINGERPRINT },
      },
      passwordSource: 'PROD_PW (passwordEnv of profile prod)',
      profile: { name: 'prod', configFile: cfg, fromConfigFlag: true },
      // What the doctor of this EM takes of the flags, for a hint that names it.
      doctorFlags: ['--username', 'other', '--ca', ca, '--timeout', '5', '--api-format', 'xml'],
    });
    const [withEnv] = await resolveTargets(
      { config: cfg, profile: 'prod' },
      fakeIo({ ...env, VBEM_USERNAME: 'env-user', VBEM_URL: 'https://elsewhere:9398' }).io,
    );
    // An explicit --profile beats the environment: its url and username, not VBEM_URL's.
    expect(withEnv?.options.username).toBe('CORP\\svc');
    expect(withEnv?.options.url).toBe('https://em1:9398');
    const [overridden] = await resolveTargets(
      { config: cfg, profile: 'prod', url: 'https://em2:9398' },
      fakeIo(env).io,
    );
    expect(overridden).toMatchObject({
      name: 'prod',
      options: { url: 'https://em2:9398' },
      doctorFlags: ['--url', 'https://em2:9398'],
    });
  });

  it('a profile with insecure: true warns, naming where it comes from', async () => {
    const { io, stderr } = fakeIo(env);
    const [target] = await resolveTargets({ config: config(profiles), profile: 'lab' }, io);
    // lab is plain http: there is no verification to turn off.
    expect(target?.options.tls).toBeUndefined();
    expect(stderr).toEqual([
      `${PLAIN_HTTP_WARNING('http://lab:9399')}\n`,
      'vbem: warning: insecure: true in profile lab has no effect: url of profile lab is plain http, without TLS, so there is no certificate to verify\n',
    ]);
    const conflict = await failure(
      { config: config(profiles), profile: 'lab', ca: '/ca.pem' },
      fakeIo(env).io,
    );
    expect(conflict).toBeInstanceOf(UsageError);
    expect(conflict.message).toMatch(/^--ca cannot go with insecure: true in profile lab/);
  });

  it('without --url, --profile or defaultProfile: a usage error that names the profiles', async () => {
    const cfg = config({ profiles: profiles.profiles });
    const error = await failure({ config: cfg }, fakeIo(env).io);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'no EM to connect to: give --url (or set VBEM_URL), --profile NAME, or --demo',
    );
    expect(error.hint).toBe(`${cfg} has profiles (prod, lab) but no defaultProfile`);
    const noUser = await failure(
      { config: config({ profiles: { bare: { url: 'https://em1:9398' } } }), profile: 'bare' },
      fakeIo(env).io,
    );
    expect(noUser.message).toBe(
      'no username for em1:9398: give --username, set VBEM_USERNAME, or add "username" to profile bare',
    );
  });

  it('an unknown profile lists the names; no config file says where it looked', async () => {
    const cfg = config(profiles);
    const unknown = await failure({ config: cfg, profile: 'qa' }, fakeIo(env).io);
    expect(unknown).toBeInstanceOf(UsageError);
    expect(unknown.message).toBe(`unknown profile "qa"; ${cfg} has these: prod, lab`);
    const nowhere = await failure(
      { profile: 'prod' },
      fakeIo({ HOME: join(dir, 'empty-home') }).io,
    );
    expect(nowhere).toBeInstanceOf(UsageError);
    expect(nowhere.message).toBe(
      `unknown profile "prod": there is no config file at ${join(dir, 'empty-home', '.config', 'vbem', 'config.json')}`,
    );
  });

  it('a missing default file is fine; a missing --config file, a file others can write, or a password in it are not', async () => {
    const [target] = await resolveTargets(
      one,
      fakeIo({ HOME: join(dir, 'empty-home'), VBEM_PASSWORD: 'pw' }).io,
    );
    expect(target?.name).toBe('em1:9398');
    const missing = join(dir, 'missing.json');
    expect(
      (await failure({ ...one, config: missing }, fakeIo({ VBEM_PASSWORD: 'pw' }).io)).message,
    ).toBe(`config file ${missing} does not exist`);
    const writable = config(profiles, 0o666);
    const open = await failure({ config: writable }, fakeIo(env).io);
    expect(open.message).toMatch(
      `config file ${writable} can be changed by group or others (mode 0666)`,
    );
    expect(open.hint).toBe(`chmod go-w ${writable}`);
    const withPassword = config({
      profiles: { prod: { url: 'https://em1', password: 'hunter2' } },
    });
    const secret = await failure({ config: withPassword, profile: 'prod' }, fakeIo().io);
    expect(secret.message).toMatch(
      `${withPassword}: profiles.prod.password: a password does not belong in a config file`,
    );
    expect(secret.message).not.toContain('hunter2');
  });

  it('a broken default config file does not stop --url', async () => {
    const broken = join(dir, 'broken-home');
    mkdirSync(join(broken, '.config', 'vbem'), { recursive: true });
    writeFileSync(join(broken, '.config', 'vbem', 'config.json'), '{ nope', { mode: 0o600 });
    const [target] = await resolveTargets(one, fakeIo({ HOME: broken, VBEM_PASSWORD: 'pw' }).io);
    expect(target?.name).toBe('em1:9398');
    const error = await failure({ profile: 'prod' }, fakeIo({ HOME: broken }).io);
    expect(error.message).toBe(
      `${join(broken, '.config', 'vbem', 'config.json')} is not valid JSON (line 1, column 3)`,
    );
  });
});

describe('--all', () => {
  const cfgOf = (extra: Record<string, unknown> = {}) =>
    config({
      profiles: {
        prod: { url: 'https://em1:9398', username: 'svc', passwordEnv: 'PROD_PW' },
        lab: { url: 'https://lab:9398', username: 'lab', insecure: true },
        dr: { url: 'https://dr:9398', username: 'svc', passwordFile: file('dr-pw\n') },
        ...extra,
      },
    });

  it('one target per profile, in file order, each with its own password, else VBEM_PASSWORD', async () => {
    const { io, stderr } = fakeIo({ PROD_PW: 'prod-pw', VBEM_PASSWORD: 'shared' });
    const targets = await resolveTargets({ config: cfgOf(), all: true }, io);
    expect(
      targets.map((target) => [target.name, target.options.username, target.options.password]),
    ).toEqual([
      ['prod', 'svc', 'prod-pw'],
      ['lab', 'lab', 'shared'],
      ['dr', 'svc', 'dr-pw'],
    ]);
    expect(stderr).toEqual([
      'vbem: warning: lab: TLS certificate verification is off (insecure: true in profile lab): anyone on the network path can read the password and the data\n',
    ]);
  });

  it('--insecure warns once per target; --username applies to all', async () => {
    const cfg = config({
      profiles: {
        a: { url: 'https://a:9398', passwordEnv: 'A_PW' },
        b: { url: 'https://b:9398', passwordEnv: 'B_PW' },
      },
    });
    const { io, stderr } = fakeIo({ A_PW: 'a', B_PW: 'b' });
    const targets = await resolveTargets(
      { config: cfg, all: true, insecure: true, username: 'everyone' },
      io,
    );
    expect(targets.map((target) => target.options.username)).toEqual(['everyone', 'everyone']);
    expect(stderr).toEqual([
      INSECURE_WARNING.replace('warning: ', 'warning: a: '),
      INSECURE_WARNING.replace('warning: ', 'warning: b: '),
    ]);
  });

  it('a profile without a password is a usage error naming it, before anything runs; never a prompt', async () => {
    const { io, stderr } = fakeIo({ PROD_PW: 'prod-pw' }, 'tty');
    const error = await failure({ config: cfgOf(), all: true }, io);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('no password for profile lab; --all never prompts');
    expect(stderr).toEqual([]);
  });

  it("a profile's unset passwordEnv fails that profile alone, naming it: VBEM_PASSWORD is only for profiles without a source", async () => {
    const targets = await resolveTargets(
      { config: cfgOf(), all: true },
      fakeIo({ VBEM_PASSWORD: 'HQ-Secret-Pw' }).io,
    );
    const [prod, lab, dr] = targets;
    expect(prod?.failure).toBeInstanceOf(UsageError);
    expect(prod?.failure?.message).toBe(
      'no password for profile prod: PROD_PW (passwordEnv of profile prod) is not set',
    );
    expect(prod?.failure?.hint).toBe(
      'set PROD_PW; a profile that names passwordEnv or passwordFile takes its password from there only',
    );
    expect(prod?.options.password).toBe('');
    expect(JSON.stringify(prod)).not.toContain('HQ-Secret-Pw');
    expect([lab?.failure, lab?.options.password]).toEqual([undefined, 'HQ-Secret-Pw']);
    expect([dr?.failure, dr?.options.password]).toEqual([undefined, 'dr-pw']);
    // Without --all, the same profile is the command line's mistake.
    const error = await failure(
      { config: cfgOf(), profile: 'prod' },
      fakeIo({ VBEM_PASSWORD: 'HQ-Secret-Pw' }).io,
    );
    expect(error).toBeInstanceOf(UsageError);
  });

  it("a profile's missing or group-readable passwordFile, or missing CA file, fails that profile alone", async () => {
    const cfg = config({
      profiles: {
        gone: { url: 'https://gone:9398', username: 'u', passwordFile: join(dir, 'no-such-pw') },
        open: { url: 'https://open:9398', username: 'u', passwordFile: file('open-pw\n', 0o644) },
        noca: { url: 'https://noca:9398', username: 'u', ca: join(dir, 'no-such-ca.pem') },
        fine: { url: 'https://fine:9398', username: 'u', passwordEnv: 'FINE_PW' },
      },
    });
    const targets = await resolveTargets(
      { config: cfg, all: true },
      fakeIo({ FINE_PW: 'fine-pw', VBEM_PASSWORD: 'shared-pw' }).io,
    );
    expect(targets.map((target) => [target.name, target.failure?.message])).toEqual([
      [
        'gone',
        expect.stringMatching(/no-such-pw \(passwordFile of profile gone\) does not exist$/),
      ],
      [
        'open',
        expect.stringMatching(
          /\(passwordFile of profile open\) can be read or changed by group or others/,
        ),
      ],
      ['noca', expect.stringMatching(/no-such-ca\.pem \(ca of profile noca\) does not exist$/)],
      ['fine', undefined],
    ]);
    expect(JSON.stringify(targets.map((target) => target.failure?.message))).not.toMatch(
      /open-pw|shared-pw|fine-pw/,
    );
    expect(targets.filter((target) => target.failure).map((t) => t.options.password)).toEqual([
      '',
      '',
      '',
    ]);
  });

  it('a profile without a username takes --username or VBEM_USERNAME, else is a usage error', async () => {
    const cfg = config({ profiles: { a: { url: 'https://a:9398', passwordEnv: 'A_PW' } } });
    const [target] = await resolveTargets(
      { config: cfg, all: true },
      fakeIo({ A_PW: 'a', VBEM_USERNAME: 'env-user' }).io,
    );
    expect(target?.options.username).toBe('env-user');
    const error = await failure({ config: cfg, all: true }, fakeIo({ A_PW: 'a' }).io);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `no username for profile a: add "username" to it in ${cfg}, or give --username or VBEM_USERNAME for all`,
    );
  });

  it('plain http warns for each profile that uses it, naming the profile', async () => {
    const cfg = config({
      profiles: {
        branch: { url: 'http://branch.example.com:9399', username: 'u' },
        local: { url: 'http://127.0.0.1:9399', username: 'u' },
        hq: { url: 'https://hq.example.com:9398', username: 'u' },
        dc: { url: 'http://10.1.2.3:9399', username: 'u' },
      },
    });
    const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
    await resolveTargets({ config: cfg, all: true }, io);
    expect(stderr).toEqual([
      `${PLAIN_HTTP_WARNING('http://branch.example.com:9399').replace('warning: ', 'warning: branch: ')}\n`,
      `${PLAIN_HTTP_WARNING('http://10.1.2.3:9399').replace('warning: ', 'warning: dc: ')}\n`,
    ]);
  });

  it("a profile's name reaches the warning inert: no escape sequence, bidi control or line break", async () => {
    const name = 'evil\u001b]0;TITLE\u0007\u001b[31mRED\u001b[0m\u202e\nNEXT';
    const cfg = config({
      profiles: { [name]: { url: 'https://evil:9398', username: 'u', insecure: true } },
    });
    for (const flags of [
      { config: cfg, all: true },
      { config: cfg, profile: name },
    ]) {
      const { io, stderr } = fakeIo({ VBEM_PASSWORD: 'pw' });
      await resolveTargets(flags, io);
      expect(stderr).toHaveLength(1);
      const [line] = stderr;
      expect(line).toMatch(/^vbem: warning: .*TLS certificate verification is off/);
      expect(line).toContain('evil\uFFFD]0;TITLE\uFFFD');
      expect(line?.slice(0, -1)).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
    }
  });

  it('--all with --url or --profile, or with --fingerprint, is a usage error; so is an empty config', async () => {
    const io = fakeIo({ VBEM_PASSWORD: 'pw' }).io;
    const withUrl = await failure({ all: true, url: 'https://em1' }, io);
    expect(withUrl).toBeInstanceOf(UsageError);
    expect(withUrl.message).toBe(
      '--all takes every profile of the config file; it cannot go with --url',
    );
    expect((await failure({ all: true, profile: 'prod' }, io)).message).toBe(
      '--all takes every profile of the config file; it cannot go with --profile',
    );
    expect((await failure({ all: true, fingerprint: FINGERPRINT }, io)).message).toBe(
      '--fingerprint pins one certificate, and --all reaches several EMs',
    );
    const empty = config({});
    expect((await failure({ all: true, config: empty }, io)).message).toBe(
      `--all reaches every profile of the config file, and ${empty} has none`,
    );
  });
});

describe('vbem through main, against the emulator', () => {
  let em: RunningEmulator;
  beforeAll(async () => {
    em = await startEmulator({ host: '127.0.0.1', port: 0, onWarning: () => {} });
  });
  afterAll(async () => {
    await em.close();
  });
  const args = (passwordFile: string) => [
    'sessions',
    '--url',
    em.url,
    '--username',
    'emulator',
    '--password-file',
    passwordFile,
    '--since',
    '30d',
    '--format',
    'json',
  ];

  it('--password-file (chmod 600) connects and prints JSON', async () => {
    const { io, stdout, stderr } = fakeIo();
    const code = await main(args(file('emulator\n')), io);
    expect(code, stderr.join('')).toBe(0);
    expect(em.stats().openLogonSessions).toBe(0);
    const rows = JSON.parse(stdout.join('')) as unknown[];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('a password file others can read: exit 1 with the chmod hint, nothing connected', async () => {
    const open = file('emulator\n', 0o644);
    const { io, stdout, stderr } = fakeIo();
    const before = em.stats().requests;
    expect(await main(args(open), io)).toBe(1);
    expect(stdout).toEqual([]);
    const text = stderr.join('');
    expect(text).toContain(
      `vbem: password file ${open} (--password-file) can be read or changed by group or others`,
    );
    expect(text).toContain(`hint: chmod 600 ${open}`);
    expect(text).not.toContain('emulator\n');
    expect(em.stats().requests).toBe(before);
  });

  it('--password on the command line: exit 2 with the explanation, the value never shown', async () => {
    const { io, stderr } = fakeIo();
    expect(
      await main(
        ['sessions', '--url', em.url, '--username', 'emulator', '--password', 'x-secret'],
        io,
      ),
    ).toBe(2);
    const text = stderr.join('');
    expect(text).toMatch(
      /--password is not accepted: a password on the command line is visible to every user/,
    );
    expect(text).toMatch(
      /hint: use --password-file FILE \(chmod 600\) or --password-stdin, let vbem prompt for it, or read -rs VBEM_PASSWORD; export VBEM_PASSWORD/,
    );
    expect(text).not.toContain('x-secret');
  });
});
