import { createServer, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { createClient, NetworkError, TimeoutError } from '@vbem/client';
import { DEFAULT_USER } from '@vbem/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from './helpers/closed-port.js';

const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'NO_PROXY',
  'no_proxy',
];
const SECRET = 'pr0xy-s3cret';

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Every text an error shows: message, String, inspect, JSON, and its causes' messages and stacks. */
function textsOf(error: unknown): string[] {
  const seen = [String(error), inspect(error, { depth: 8 }), JSON.stringify(error)];
  let cause: unknown = error;
  for (let depth = 0; depth < 8 && cause instanceof Error; depth++) {
    seen.push(cause.message, String(cause.stack));
    cause = cause.cause;
  }
  return seen;
}

describe('a network failure through a proxy', () => {
  const saved = new Map<string, string | undefined>();
  beforeEach(() => {
    for (const name of PROXY_VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('names the proxy and the variable it came from, without its credentials', async () => {
    const port = await closedPort();
    process.env.HTTP_PROXY = `http://proxy-user:${SECRET}@127.0.0.1:${port}/`;
    const em = `http://127.0.0.1:${await closedPort()}`;
    const client = createClient({ url: em, ...DEFAULT_USER, retry: { limit: 0 } });
    try {
      const error = await failureOf(client.logon());
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).message).toBe(
        `GET ${em}/api/ failed via the proxy http://127.0.0.1:${port} (HTTP_PROXY): connect ECONNREFUSED 127.0.0.1:${port} (ECONNREFUSED)`,
      );
      expect((error as NetworkError).proxy).toEqual({
        url: `http://127.0.0.1:${port}`,
        source: 'HTTP_PROXY',
      });
      for (const text of textsOf(error)) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain('proxy-user');
      }
    } finally {
      await client.close();
    }
  });

  it('names the proxy option as its source', async () => {
    const port = await closedPort();
    const client = createClient({
      url: `http://127.0.0.1:${await closedPort()}`,
      ...DEFAULT_USER,
      retry: { limit: 0 },
      proxy: `proxy-user:${SECRET}@127.0.0.1:${port}`,
    });
    try {
      const error = await failureOf(client.logon());
      expect((error as NetworkError).message).toContain(
        ` failed via the proxy http://127.0.0.1:${port} (proxy option): `,
      );
      for (const text of textsOf(error)) expect(text).not.toContain(SECRET);
    } finally {
      await client.close();
    }
  });

  it('names the proxy of a request it leaves unanswered past its timeout', async () => {
    // A proxy that takes the connection and never answers, as a filtering firewall does.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    process.env.HTTP_PROXY = `http://proxy-user:${SECRET}@127.0.0.1:${port}`;
    const em = `http://127.0.0.1:${await closedPort()}`;
    const client = createClient({ url: em, ...DEFAULT_USER, retry: { limit: 0 }, timeout: 300 });
    try {
      const error = await failureOf(client.logon());
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toBe(
        `GET ${em}/api/ got no whole answer within 300 ms via the proxy http://127.0.0.1:${port} (HTTP_PROXY)`,
      );
      expect((error as TimeoutError).proxy).toEqual({
        url: `http://127.0.0.1:${port}`,
        source: 'HTTP_PROXY',
      });
      for (const text of textsOf(error)) expect(text).not.toContain(SECRET);
    } finally {
      await client.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('names the proxy the request went through, whatever the environment says at another reading', async () => {
    // A variable read again while the client is made may say something else by then (a getter,
    // another part of the program setting it): the proxy is read once, so the error names the
    // one the connection went to, and no other.
    const ports = new Set<number>();
    while (ports.size < 6) ports.add(await closedPort());
    const proxies = [...ports].map((port) => `http://127.0.0.1:${port}`);
    let reads = 0;
    const environment = process.env;
    process.env = new Proxy(environment, {
      get: (target, name) =>
        name === 'HTTP_PROXY'
          ? proxies[Math.min(reads++, proxies.length - 1)]
          : Reflect.get(target, name),
    });
    let client: ReturnType<typeof createClient>;
    try {
      const em = `http://127.0.0.1:${await closedPort()}`;
      client = createClient({ url: em, ...DEFAULT_USER, retry: { limit: 0 } });
    } finally {
      process.env = environment;
    }
    try {
      const error = await failureOf(client.logon());
      expect(error).toBeInstanceOf(NetworkError);
      const refused = /connect ECONNREFUSED 127\.0\.0\.1:(\d+)/.exec((error as Error).message);
      expect(refused).not.toBeNull();
      expect((error as NetworkError).proxy).toEqual({
        url: `http://127.0.0.1:${refused?.[1]}`,
        source: 'HTTP_PROXY',
      });
    } finally {
      await client.close();
    }
  });

  it('says nothing of a proxy when NO_PROXY exempts EM', async () => {
    process.env.HTTP_PROXY = `http://127.0.0.1:${await closedPort()}`;
    process.env.NO_PROXY = '127.0.0.1';
    const em = `http://127.0.0.1:${await closedPort()}`;
    const client = createClient({ url: em, ...DEFAULT_USER, retry: { limit: 0 } });
    try {
      const error = await failureOf(client.logon());
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).message).toMatch(
        new RegExp(`^GET ${em}/api/ failed: connect`),
      );
      expect((error as NetworkError).proxy).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});
