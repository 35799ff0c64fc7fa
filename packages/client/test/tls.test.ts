import {
  type ClientOptions,
  ClientOptionsError,
  createClient,
  type EmClient,
  TlsError,
  type TlsOptions,
} from '@vbem/client';
import { DEFAULT_USER, type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SelfSigned, selfSigned } from './helpers/self-signed.js';

const DATASET = { servers: 1, jobs: 2, days: 2, sessionsPerDay: 2, vmsPerJob: 1 } as const;

let server: SelfSigned;
let other: SelfSigned;
let em: RunningEmulator;
const clients: EmClient[] = [];

beforeAll(async () => {
  [server, other] = await Promise.all([selfSigned(), selfSigned()]);
  em = await startEmulator({ tls: { key: server.key, cert: server.cert }, dataset: DATASET });
});

afterAll(async () => {
  await em?.close();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  expect(em.stats().openLogonSessions).toBe(0);
});

/** A client of the HTTPS emulator that the test closes afterwards; no retries, so failures are quick. */
function client(options: Partial<ClientOptions> = {}): EmClient {
  const made = createClient({
    url: em.url,
    ...DEFAULT_USER,
    proxy: false,
    retry: { limit: 0 },
    timeout: 5_000,
    ...options,
  });
  clients.push(made);
  return made;
}

async function tlsFailure(call: Promise<unknown>): Promise<TlsError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TlsError);
  return error as TlsError;
}

/** The logon counters must not move when TLS fails: the Basic header never left the client. */
function expectNoLogon(before: ReturnType<RunningEmulator['stats']>): void {
  const after = em.stats();
  expect(after.logons).toBe(before.logons);
  expect(after.failedLogons).toBe(before.failedLogons);
  expect(after.requests).toBe(before.requests);
}

describe('TLS to a self-signed EM', () => {
  it('serves HTTPS', () => {
    expect(em.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses the self-signed certificate by default, with the OpenSSL code and the hint', async () => {
    const before = em.stats();
    expect(before.logons).toBe(0);
    const error = await tlsFailure(client().backupSessions.list());
    expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error.message).toContain('tls.ca');
    expect(error.message).toContain('tls.fingerprint256');
    expect(error.retryable).toBe(false);
    expectNoLogon(before);
    expect(em.stats().logons).toBe(0);
    expect(em.stats().failedLogons).toBe(0);
  });

  it('trusts the certificate given as tls.ca (string and bytes)', async () => {
    const fromString = client({ tls: { ca: server.cert } });
    expect((await fromString.backupSessions.list()).length).toBeGreaterThan(0);
    const fromBytes = client({ tls: { ca: [new TextEncoder().encode(server.cert)] } });
    expect((await fromBytes.logon()).userName).toBeTruthy();
  });

  it('accepts the pinned fingerprint, upper case with colons and lower case without', async () => {
    const withColons = server.fingerprint256;
    expect(withColons).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const bare = withColons.replace(/:/g, '').toLowerCase();
    for (const fingerprint256 of [withColons, bare]) {
      const pinned = client({ tls: { fingerprint256 } });
      expect((await pinned.backupSessions.list()).length).toBeGreaterThan(0);
    }
    expect(em.stats().logons).toBeGreaterThanOrEqual(2);
  });

  it('checks the pin on every connection, resumed sessions included', async () => {
    const pinned = client({ tls: { fingerprint256: server.fingerprint256 } });
    await pinned.logon();
    // Parallel calls open further connections, which could resume the first TLS session.
    const lists = await Promise.all(Array.from({ length: 6 }, () => pinned.backupSessions.list()));
    for (const list of lists) expect(list.length).toBeGreaterThan(0);
  });

  it('rejects a pin for an http URL at createClient: there is no certificate to pin', () => {
    expect(() =>
      createClient({
        url: 'http://127.0.0.1:1',
        ...DEFAULT_USER,
        proxy: false,
        tls: { fingerprint256: server.fingerprint256 },
      }),
    ).toThrow(ClientOptionsError);
  });

  it('rejects a CA for an http URL at createClient, naming the option: there is no certificate to verify', () => {
    expect(() =>
      createClient({
        url: 'http://127.0.0.1:1',
        ...DEFAULT_USER,
        proxy: false,
        tls: { ca: server.cert },
      }),
    ).toThrow(
      new ClientOptionsError(
        'tls.ca needs an https URL; over http there is no certificate to verify',
      ),
    );
  });

  it('fails a wrong pin with CERT_FINGERPRINT_MISMATCH before any credentials are sent', async () => {
    const before = em.stats();
    const error = await tlsFailure(
      client({ tls: { fingerprint256: other.fingerprint256 } }).backupSessions.list(),
    );
    expect(error.code).toBe('CERT_FINGERPRINT_MISMATCH');
    expect(error.message).toContain(server.fingerprint256);
    expect(error.message).toContain(other.fingerprint256);
    expectNoLogon(before);
  });

  it('fails a wrong pin on an explicit logon as well', async () => {
    const before = em.stats();
    const error = await tlsFailure(
      client({ tls: { fingerprint256: other.fingerprint256 } }).logon(),
    );
    expect(error.code).toBe('CERT_FINGERPRINT_MISMATCH');
    expectNoLogon(before);
  });

  it('connects without verification when rejectUnauthorized is false', async () => {
    const unchecked = client({ tls: { rejectUnauthorized: false } });
    expect((await unchecked.backupSessions.list()).length).toBeGreaterThan(0);
  });

  it('refuses the certificate when tls.ca is a different self-signed certificate', async () => {
    const before = em.stats();
    const error = await tlsFailure(client({ tls: { ca: other.cert } }).backupSessions.list());
    expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error.message).toContain('tls.ca');
    expectNoLogon(before);
  });

  it('rejects a pin combined with a proxy at createClient', () => {
    expect(() =>
      createClient({
        url: em.url,
        ...DEFAULT_USER,
        tls: { fingerprint256: server.fingerprint256 },
        proxy: 'http://127.0.0.1:1',
      }),
    ).toThrow(ClientOptionsError);
  });

  it('rejects a CA or a pin beside an injected fetch at createClient, naming them: it would not apply them', () => {
    const base = { url: em.url, ...DEFAULT_USER, fetch: globalThis.fetch };
    const refusal = (tls: TlsOptions) => {
      try {
        createClient({ ...base, tls });
      } catch (error) {
        expect(error).toBeInstanceOf(ClientOptionsError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ fingerprint256: server.fingerprint256 })).toMatch(
      /^fetch cannot be combined with tls\.fingerprint256: /,
    );
    expect(refusal({ ca: server.cert })).toMatch(/^fetch cannot be combined with tls\.ca: /);
    expect(refusal({ ca: server.cert, fingerprint256: server.fingerprint256 })).toMatch(
      /^fetch cannot be combined with tls\.ca and tls\.fingerprint256: /,
    );
    expect(refusal({ ca: undefined, fingerprint256: undefined })).toBe('accepted');
    expect(refusal({ rejectUnauthorized: false })).toBe('accepted');
  });

  it('rejects a tls.ca that holds no certificate at createClient, naming the option', () => {
    const base = { url: em.url, username: 'u', password: 'p' };
    const broken = server.cert.replace(/^(-----BEGIN CERTIFICATE-----\n.{10})./m, '$1!');
    const cases: [unknown, RegExp][] = [
      ['not a pem', /^tls\.ca holds no PEM certificate/],
      [42, /^tls\.ca must be PEM text .* got number/],
      [[], /^tls\.ca is an empty array/],
      [[server.cert, 'not a pem'], /^tls\.ca\[1\] holds no PEM certificate/],
      [[server.cert, { pem: server.cert }], /^tls\.ca\[1\] must be PEM text .* got object/],
      [broken, /^tls\.ca: certificate 1 of 1 is not a valid X\.509 certificate/],
    ];
    for (const [ca, message] of cases) {
      const create = () => createClient({ ...base, tls: { ca } } as never);
      expect(create, String(ca)).toThrow(ClientOptionsError);
      expect(create, String(ca)).toThrow(message);
    }
    // A bundle: several certificates in one string, and bytes, are fine.
    const bundle = `${server.cert}\n${server.cert}`;
    expect(() => createClient({ ...base, tls: { ca: bundle } })).not.toThrow();
    expect(() => createClient({ ...base, tls: { ca: Buffer.from(bundle) } })).not.toThrow();
  });

  it('rejects a malformed pin at createClient', () => {
    expect(() =>
      createClient({
        url: em.url,
        ...DEFAULT_USER,
        proxy: false,
        tls: { fingerprint256: 'AB:CD' },
      }),
    ).toThrow(ClientOptionsError);
  });
});
