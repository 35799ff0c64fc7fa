import { createClient } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers/emulator.js';

describe('an EM behind a reverse proxy that serves it under a path', () => {
  let running: RunningEmulator;
  useEmulator((started) => {
    running = started;
  });

  it('keeps the path on every request (pages, logoff), so nothing is lost and no session is left open', async () => {
    const paths: string[] = [];
    // The proxy: /em/api/… goes to EM's /api/…; anything else is not found.
    const proxy = (async (input: Request | string | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      paths.push(`${request.method} ${url.pathname}`);
      if (!url.pathname.startsWith('/em/api/')) return new Response('not found', { status: 404 });
      url.pathname = url.pathname.slice('/em'.length);
      return globalThis.fetch(new Request(url, request));
    }) as typeof globalThis.fetch;
    const client = createClient({
      url: `${running.url}/em/api`,
      username: 'emulator',
      password: 'emulator',
      fetch: proxy,
    });
    const sessions = await client.query('BackupJobSession', { pageSize: 20 }).toArray();
    expect(sessions.length).toBeGreaterThan(40);
    await client.close();
    expect(
      paths.every((path) => path.split(' ')[1]?.startsWith('/em/api/')),
      paths.join('\n'),
    ).toBe(true);
    expect(paths.some((path) => path.startsWith('DELETE /em/api/logonSessions/'))).toBe(true);
    expect(running.stats().openLogonSessions).toBe(0);
  });
});
