import { type ClientEvent, createClient } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emulator } from './helpers/emulator.js';

let em: RunningEmulator;
beforeEach(async () => {
  em = await emulator();
});
afterEach(async () => {
  await em.close();
});

/** A fetch that sends every request to the emulator, whatever host its URL names. */
const toEmulator = (async (request: Request) => {
  const url = new URL(request.url);
  const target = new URL(em.url);
  url.protocol = target.protocol;
  url.host = target.host;
  return fetch(new Request(url, request));
}) as typeof fetch;

const warningsOf = (events: ClientEvent[]) => events.filter((event) => event.type === 'warning');

it('warns once per client when the password goes over plain http to another machine', async () => {
  const events: ClientEvent[] = [];
  const client = createClient({
    url: 'http://em.example.test:9399',
    username: 'emulator',
    password: 'emulator',
    fetch: toEmulator,
    onEvent: (event) => events.push(event),
  });
  try {
    await client.jobs.list();
    await client.jobs.list();
  } finally {
    await client.close();
  }
  expect(warningsOf(events)).toEqual([
    {
      type: 'warning',
      message:
        'http://em.example.test:9399 is plain http, without TLS: anyone on the network path can read the password, the session token and the data; use https (EM serves it on port 9398)',
    },
  ]);
  // Before anything was sent.
  expect(events[0]?.type).toBe('warning');
});

it('does not warn for https or a loopback host', async () => {
  for (const url of [
    'http://127.0.0.1:9399',
    'http://localhost:9399',
    'http://[::1]:9399',
    'https://em.example.test:9398',
  ]) {
    const events: ClientEvent[] = [];
    const client = createClient({
      url,
      username: 'emulator',
      password: 'emulator',
      fetch: toEmulator,
      onEvent: (event) => events.push(event),
    });
    try {
      await client.jobs.list();
    } finally {
      await client.close();
    }
    expect(warningsOf(events), url).toEqual([]);
  }
});
