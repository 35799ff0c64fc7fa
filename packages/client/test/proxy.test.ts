import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, connect as netConnect, type Socket } from 'node:net';
import { inspect } from 'node:util';
import {
  ClientError,
  type ClientOptions,
  ClientOptionsError,
  createClient,
  type EmClient,
  NetworkError,
  TlsError,
} from '@vbem/client';
import { DEFAULT_USER, type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chosenProxy } from '../src/transport/chosen-proxy.js';
import { createDispatcher } from '../src/transport/create-dispatcher.js';
import { undiciFetchWith } from '../src/transport/undici-fetch.js';
import { type SelfSigned, selfSigned } from './helpers/self-signed.js';

const DATASET = { servers: 1, jobs: 2, days: 2, sessionsPerDay: 2, vmsPerJob: 1 } as const;

interface ForwardProxy {
  readonly url: string;
  /** Plain-HTTP requests relayed (absolute URI), by `METHOD url`. */
  readonly relayed: string[];
  /** `CONNECT` tunnels opened, by `host:port`. */
  readonly tunnels: string[];
  /** `Proxy-Authorization` headers received. */
  readonly authorizations: string[];
  reset(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
];

function endToEndHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/** A forward proxy on loopback: CONNECT tunnels for https targets, absolute-URI relaying for http. */
async function startForwardProxy(): Promise<ForwardProxy> {
  const relayed: string[] = [];
  const tunnels: string[] = [];
  const authorizations: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    if (sockets.has(socket)) return; // a kept-alive upstream socket is handed out again
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((request, response) => {
    const auth = request.headers['proxy-authorization'];
    if (auth) authorizations.push(auth);
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end('a forward proxy wants an absolute URI');
      return;
    }
    if (target.protocol !== 'http:') {
      response.writeHead(400).end('only http targets are relayed without CONNECT');
      return;
    }
    relayed.push(`${request.method} ${target.href}`);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: `${target.pathname}${target.search}`,
        headers: endToEndHeaders(request.headers),
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
        answer.pipe(response);
      },
    );
    upstream.on('socket', track);
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  server.on('connection', track);
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const auth = request.headers['proxy-authorization'];
    if (auth) authorizations.push(auth);
    const authority = request.url ?? '';
    tunnels.push(authority);
    const colon = authority.lastIndexOf(':');
    const upstream = netConnect(
      Number(authority.slice(colon + 1)),
      authority.slice(0, colon),
      () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      },
    );
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    relayed,
    tunnels,
    authorizations,
    reset() {
      relayed.length = 0;
      tunnels.length = 0;
      authorizations.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

let pair: SelfSigned;
let other: SelfSigned;
let proxy: ForwardProxy;
let plainEm: RunningEmulator;
let tlsEm: RunningEmulator;
const clients: EmClient[] = [];

beforeAll(async () => {
  [pair, other] = await Promise.all([selfSigned(), selfSigned()]);
  [proxy, plainEm, tlsEm] = await Promise.all([
    startForwardProxy(),
    startEmulator({ dataset: DATASET }),
    startEmulator({ dataset: DATASET, tls: { key: pair.key, cert: pair.cert } }),
  ]);
});

afterAll(async () => {
  await Promise.all([proxy?.close(), plainEm?.close(), tlsEm?.close()]);
});

beforeEach(() => proxy.reset());

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  expect(plainEm.stats().openLogonSessions).toBe(0);
  expect(tlsEm.stats().openLogonSessions).toBe(0);
});

function client(options: Partial<ClientOptions> & Pick<ClientOptions, 'url'>): EmClient {
  const made = createClient({ ...DEFAULT_USER, retry: { limit: 0 }, timeout: 5_000, ...options });
  clients.push(made);
  return made;
}

async function failure(call: Promise<unknown>): Promise<ClientError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('through a forward proxy', () => {
  it('relays every request to an http EM as an absolute URI', async () => {
    const before = plainEm.stats().requests;
    const viaProxy = client({ url: plainEm.url, proxy: proxy.url });
    expect((await viaProxy.backupSessions.list()).length).toBeGreaterThan(0);
    await viaProxy.close();
    const sent = plainEm.stats().requests - before;
    expect(sent).toBeGreaterThanOrEqual(4); // GET /api/, the logon, the list, the logoff
    expect(proxy.relayed).toHaveLength(sent);
    expect(proxy.relayed).toContain(`GET ${plainEm.url}/api/`);
    expect(
      proxy.relayed.some((line) => line.startsWith(`POST ${plainEm.url}/api/sessionMngr/`)),
    ).toBe(true);
    expect(proxy.relayed.some((line) => line.startsWith('DELETE '))).toBe(true);
    expect(proxy.tunnels).toEqual([]);
  });

  it('tunnels to an https EM with CONNECT and still verifies its certificate', async () => {
    const trusted = client({ url: tlsEm.url, proxy: proxy.url, tls: { ca: pair.cert } });
    expect((await trusted.backupSessions.list()).length).toBeGreaterThan(0);
    const host = new URL(tlsEm.url).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([host]));
    expect(proxy.relayed).toEqual([]);
  });

  it('fails TLS through the tunnel when the CA is wrong or missing, before any logon', async () => {
    const before = tlsEm.stats();
    for (const tls of [{ ca: other.cert }, {}]) {
      proxy.reset();
      const error = await failure(
        client({ url: tlsEm.url, proxy: proxy.url, tls }).backupSessions.list(),
      );
      expect(error).toBeInstanceOf(TlsError);
      expect((error as TlsError).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(proxy.tunnels.length).toBeGreaterThan(0);
    }
    const after = tlsEm.stats();
    expect(after.requests).toBe(before.requests);
    expect(after.logons).toBe(before.logons);
    expect(after.failedLogons).toBe(before.failedLogons);
  });

  it('sends the credentials of the proxy URL as Proxy-Authorization', async () => {
    const url = new URL(proxy.url);
    url.username = 'proxy user';
    url.password = 'p@ss:word';
    const viaProxy = client({ url: plainEm.url, proxy: url.href });
    await viaProxy.logon();
    const expected = `Basic ${Buffer.from('proxy user:p@ss:word').toString('base64')}`;
    expect(proxy.authorizations.length).toBeGreaterThan(0);
    expect(new Set(proxy.authorizations)).toEqual(new Set([expected]));
    await viaProxy.close();

    proxy.reset();
    const tunnelled = client({ url: tlsEm.url, proxy: url.href, tls: { ca: pair.cert } });
    await tunnelled.logon();
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.authorizations)).toEqual(new Set([expected]));
  });

  it('ignores a path on the proxy URL', async () => {
    const viaProxy = client({ url: plainEm.url, proxy: `${proxy.url}/some/path` });
    await viaProxy.logon();
    expect(proxy.relayed.length).toBeGreaterThan(0);
  });

  it('bypasses the proxy with proxy: false', async () => {
    const direct = client({ url: plainEm.url, proxy: false });
    expect((await direct.backupSessions.list()).length).toBeGreaterThan(0);
    const directTls = client({ url: tlsEm.url, proxy: false, tls: { ca: pair.cert } });
    expect((await directTls.backupSessions.list()).length).toBeGreaterThan(0);
    expect(proxy.relayed).toEqual([]);
    expect(proxy.tunnels).toEqual([]);
  });
});

describe('the proxy from the environment', () => {
  async function getApiRoot(emUrl: string, env: Record<string, string | undefined>, tls = {}) {
    const apiBase = `${emUrl}/api/`;
    const dispatcher = createDispatcher(apiBase, tls, chosenProxy(apiBase, undefined, env));
    try {
      const response = await undiciFetchWith(dispatcher)(apiBase, {
        headers: { Accept: 'application/xml' },
      });
      const body = await response.text();
      return { status: response.status, body };
    } finally {
      await (await dispatcher).close();
    }
  }

  it('uses HTTP_PROXY for an http EM', async () => {
    const answer = await getApiRoot(plainEm.url, { HTTP_PROXY: proxy.url });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('EnterpriseManager');
    expect(proxy.relayed).toEqual([`GET ${plainEm.url}/api/`]);
  });

  it('uses HTTPS_PROXY for an https EM, through CONNECT', async () => {
    const answer = await getApiRoot(
      tlsEm.url,
      { https_proxy: proxy.url, HTTP_PROXY: 'http://127.0.0.1:1' },
      { ca: pair.cert },
    );
    expect(answer.status).toBe(200);
    expect(proxy.tunnels).toEqual([new URL(tlsEm.url).host]);
  });

  it('reads a proxy without a scheme as an http one, as curl does', async () => {
    const { host } = new URL(proxy.url);
    const answer = await getApiRoot(plainEm.url, { HTTP_PROXY: host });
    expect(answer.status).toBe(200);
    expect(proxy.relayed).toEqual([`GET ${plainEm.url}/api/`]);
  });

  it('ignores HTTPS_PROXY for an http EM', async () => {
    const answer = await getApiRoot(plainEm.url, { HTTPS_PROXY: proxy.url });
    expect(answer.status).toBe(200);
    expect(proxy.relayed).toEqual([]);
  });

  it('goes direct when NO_PROXY covers the EM', async () => {
    const port = new URL(plainEm.url).port;
    for (const noProxy of ['127.0.0.1', `127.0.0.1:${port}`, '*', 'example.com, 127.0.0.1']) {
      const answer = await getApiRoot(plainEm.url, { HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
      expect(answer.status).toBe(200);
    }
    expect(proxy.relayed).toEqual([]);
    const answer = await getApiRoot(plainEm.url, {
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1:1',
    });
    expect(answer.status).toBe(200);
    expect(proxy.relayed).toHaveLength(1);
  });

  it('goes direct when the environment names no proxy', async () => {
    const answer = await getApiRoot(plainEm.url, {});
    expect(answer.status).toBe(200);
    expect(proxy.relayed).toEqual([]);
  });

  it('is overridden by the proxy option', () => {
    // A pin cannot go through a proxy; with proxy: false the environment's proxy is not used.
    const pin = { fingerprint256: pair.fingerprint256 };
    const apiBase = `${tlsEm.url}/api/`;
    const env = { HTTPS_PROXY: proxy.url };
    expect(() => createDispatcher(apiBase, pin, chosenProxy(apiBase, undefined, env))).toThrow(
      ClientOptionsError,
    );
    const dispatcher = createDispatcher(apiBase, pin, chosenProxy(apiBase, false, env));
    return dispatcher.then((ready) => ready.close());
  });
});

describe('proxy credentials never show in errors', () => {
  const SECRET = 'secret';

  function expectNoSecret(error: unknown): void {
    const seen = [String(error), inspect(error, { depth: 8 }), JSON.stringify(error)];
    let cause: unknown = error;
    for (let depth = 0; depth < 8 && cause instanceof Error; depth++) {
      seen.push(cause.message, String(cause.stack));
      cause = cause.cause;
    }
    for (const text of seen) expect(text).not.toContain(SECRET);
  }

  it('when the proxy cannot be reached', async () => {
    const viaDeadProxy = client({ url: plainEm.url, proxy: `http://user:${SECRET}@127.0.0.1:1` });
    const error = await failure(viaDeadProxy.backupSessions.list());
    expect(error).toBeInstanceOf(NetworkError);
    expectNoSecret(error);
    const tunnelled = client({
      url: tlsEm.url,
      proxy: `http://user:${SECRET}@127.0.0.1:1`,
      tls: { ca: pair.cert },
    });
    const tlsError = await failure(tunnelled.logon());
    expect(tlsError).toBeInstanceOf(NetworkError);
    expectNoSecret(tlsError);
  });

  it('when the proxy URL is invalid or of an unknown kind', () => {
    for (const bad of [
      `http://user:${SECRET}@[bad`,
      `socks5://user:${SECRET}@127.0.0.1:1`,
      `http://user:%E0${SECRET}@127.0.0.1:1`,
    ]) {
      let thrown: unknown;
      try {
        createClient({ url: plainEm.url, ...DEFAULT_USER, proxy: bad });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ClientOptionsError);
      expectNoSecret(thrown);
    }
  });

  it('when the proxy comes from the environment and is invalid', () => {
    let thrown: unknown;
    try {
      const apiBase = `${plainEm.url}/api/`;
      const env = { HTTP_PROXY: `http://user:${SECRET}@[bad` };
      createDispatcher(apiBase, {}, chosenProxy(apiBase, undefined, env));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ClientOptionsError);
    expectNoSecret(thrown);
  });
});
