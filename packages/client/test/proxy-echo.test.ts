import { createServer, type Server } from 'node:http';
import { inspect } from 'node:util';
import { type ClientEvent, createClient } from '@vbem/client';
import { DEFAULT_USER } from '@vbem/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureOf } from './helpers/failure-of.js';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY'];

/** A proxy that answers every request with a 500 quoting the Proxy-Authorization it got, raw and decoded. */
async function echoingProxy(): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const header = request.headers['proxy-authorization'] ?? '';
    const decoded = Buffer.from(header.split(' ')[1] ?? '', 'base64').toString();
    const quoted = `${header} ${encodeURIComponent(decoded)} ${decoded}`.replace(
      /[&<>"]/g,
      (c) => `&#${c.charCodeAt(0)};`,
    );
    response.writeHead(500, { 'content-type': 'application/xml' });
    response.end(
      `<Error xmlns="http://www.veeam.com/ent/v1.0" Message="proxy saw ${quoted}" StatusCode="500" Status="X"/>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** Every text an error shows: String, inspect, JSON, and its causes' messages and stacks. */
function textsOf(error: unknown): string[] {
  const seen = [
    String(error),
    inspect(error, { depth: 8, showHidden: true }),
    JSON.stringify(error),
  ];
  let cause: unknown = error;
  for (let depth = 0; depth < 8 && cause instanceof Error; depth++) {
    seen.push(cause.message, String(cause.stack));
    cause = cause.cause;
  }
  return seen;
}

describe('a proxy that echoes its credentials', () => {
  const saved = new Map<string, string | undefined>();
  let proxy: { server: Server; port: number };
  beforeEach(async () => {
    for (const name of PROXY_VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    proxy = await echoingProxy();
  });
  afterEach(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  const cases = [
    { how: 'the proxy option', user: 'pu', password: 'PROXYsecret-44', env: false },
    { how: 'HTTP_PROXY', user: 'puser', password: 'PROXYpw-Secret66', env: true },
    { how: 'a percent-encoded password', user: 'p u', password: 'pr%x y@Secret', env: false },
  ];
  for (const { how, user, password, env } of cases) {
    it(`keeps the credentials of ${how} out of errors and events`, async () => {
      const proxyUrl = `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`;
      if (env) process.env.HTTP_PROXY = proxyUrl;
      const events: ClientEvent[] = [];
      const client = createClient({
        url: 'http://em.example.test:9399',
        ...DEFAULT_USER,
        retry: { limit: 1, baseDelayMs: 1 },
        onEvent: (event) => events.push(event),
        ...(env ? {} : { proxy: proxyUrl }),
      });
      try {
        const error = await failureOf(() => client.logon());
        expect(error).toBeInstanceOf(Error);
        const basic = Buffer.from(`${user}:${password}`).toString('base64');
        const texts = [...textsOf(error), JSON.stringify(events), inspect(events, { depth: 8 })];
        for (const text of texts) {
          expect(text).not.toContain(password);
          expect(text).not.toContain(encodeURIComponent(password));
          expect(text).not.toContain(basic);
        }
        expect((error as Error).message).toMatch(/answered 500\).$/);
      } finally {
        await client.close();
      }
    });
  }

  it('leaves ordinary words alone for a proxy URL with a user name and no password', async () => {
    for (const user of ['s', 'http']) {
      const client = createClient({
        url: 'http://em.example.test:9399',
        ...DEFAULT_USER,
        retry: { limit: 0 },
        proxy: `http://${user}@127.0.0.1:${proxy.port}`,
      });
      try {
        const error = await failureOf(() => client.logon());
        const { message } = error as Error;
        // EM's URL and the proxy's words stay whole; the Basic token of `user:` is still scrubbed.
        expect(message, user).toContain('GET http://em.example.test:9399/api/');
        expect(message, user).toContain('proxy saw Basic [redacted]');
        expect(message, user).not.toContain(Buffer.from(`${user}:`).toString('base64'));
      } finally {
        await client.close();
      }
    }
  });

  it('scrubs the Basic token of a password too short to look for', async () => {
    const proxyUrl = `http://someone:abc@127.0.0.1:${proxy.port}`;
    const client = createClient({
      url: 'http://em.example.test:9399',
      ...DEFAULT_USER,
      retry: { limit: 0 },
      proxy: proxyUrl,
    });
    try {
      const error = await failureOf(() => client.logon());
      const basic = Buffer.from('someone:abc').toString('base64');
      for (const text of textsOf(error)) {
        expect(text).not.toContain(basic);
        expect(text).not.toContain('someone:abc');
      }
      expect((error as Error).message).toContain('[redacted]');
    } finally {
      await client.close();
    }
  });
});
