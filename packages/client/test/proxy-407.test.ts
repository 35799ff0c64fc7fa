import { createServer, type Server } from 'node:http';
import { createClient, ProxyAuthenticationError } from '@vbem/client';
import { DEFAULT_USER } from '@vbem/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureOf } from './helpers/failure-of.js';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY'];

/** A proxy that refuses every request and every CONNECT with a 407, counting them. */
async function refusingProxy(): Promise<{ server: Server; port: number; asked: () => number }> {
  let asked = 0;
  const server = createServer((_request, response) => {
    asked++;
    response.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' });
    response.end('denied');
  });
  server.on('connect', (_request, socket) => {
    asked++;
    socket.end(
      'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, asked: () => asked };
}

describe("a proxy's 407", () => {
  const saved = new Map<string, string | undefined>();
  let proxy: Awaited<ReturnType<typeof refusingProxy>>;
  beforeEach(async () => {
    for (const name of PROXY_VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    proxy = await refusingProxy();
  });
  afterEach(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  it('to the CONNECT of an https EM is named and not retried', async () => {
    process.env.HTTPS_PROXY = `http://pu:wrong-pass@127.0.0.1:${proxy.port}`;
    const client = createClient({ url: 'https://em.example.test:9398', ...DEFAULT_USER });
    try {
      const error = await failureOf(() => client.logon());
      expect(error).toBeInstanceOf(ProxyAuthenticationError);
      expect((error as ProxyAuthenticationError).message).toBe(
        `GET https://em.example.test:9398/api/: the proxy http://127.0.0.1:${proxy.port} (HTTPS_PROXY) refused its credentials (407)`,
      );
      expect((error as ProxyAuthenticationError).retryable).toBe(false);
      expect(proxy.asked()).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('to a request forwarded to an http EM is named and not retried', async () => {
    const client = createClient({
      url: 'http://em.example.test:9399',
      ...DEFAULT_USER,
      proxy: `http://pu:wrong-pass@127.0.0.1:${proxy.port}`,
    });
    try {
      const error = await failureOf(() => client.logon());
      expect(error).toBeInstanceOf(ProxyAuthenticationError);
      expect((error as ProxyAuthenticationError).message).toBe(
        `GET http://em.example.test:9399/api/: the proxy http://127.0.0.1:${proxy.port} (proxy option) refused its credentials (407)`,
      );
      expect(proxy.asked()).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('says when the proxy URL carries no credentials', async () => {
    const client = createClient({
      url: 'http://em.example.test:9399',
      ...DEFAULT_USER,
      proxy: `http://127.0.0.1:${proxy.port}`,
    });
    try {
      const error = await failureOf(() => client.logon());
      expect((error as Error).message).toMatch(
        /the proxy http:\/\/127\.0\.0\.1:\d+ \(proxy option\) asks for credentials \(407\), and its URL carries none$/,
      );
    } finally {
      await client.close();
    }
  });
});
