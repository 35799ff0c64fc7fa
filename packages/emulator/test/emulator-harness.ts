import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../src/index.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

export const NOW = new Date('2026-11-20T12:00:00Z');

/** Starts an emulator on loopback for one test (closed after it) with a small, fixed dataset and clock. */
export async function emulatorForTest(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    now: () => NOW,
    ...options,
    dataset: { seed: 7, servers: 2, jobs: 10, days: 40, now: NOW, ...options.dataset },
  });
  running.push(emulator);
  return emulator;
}

export const basic = (username = 'emulator', password = 'emulator') =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** Logs on and returns the token. */
export async function logOn(emulator: RunningEmulator): Promise<string> {
  const response = await fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: basic() },
  });
  if (response.status !== 201) throw new Error(`logon failed: ${response.status}`);
  await response.text();
  return response.headers.get('x-restsvcsessionid') as string;
}

export async function get(
  emulator: RunningEmulator,
  path: string,
  token?: string,
  accept?: string,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers['X-RestSvcSessionId'] = token;
  if (accept) headers.Accept = accept;
  return fetch(`${emulator.url}/api/${path}`, { headers });
}

/** A GET with headers fetch would not send (any Host) and a target fetch would normalise. */
export function rawRequest(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: string;
}> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          statusMessage: response.statusMessage ?? '',
          headers: response.headers,
          body,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** What `call` throws (undefined when it returns). */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (caught) {
    return caught;
  }
  return undefined;
}
