import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LIST_STREAMING } from '../src/http/list-answer.js';
import { type EmulatorOptions, QUERY_TYPES, type RunningEmulator } from '../src/index.js';
import { emulatorForTest, logOn } from './emulator-harness.js';

const DEFAULTS = { ...LIST_STREAMING };
afterEach(() => {
  Object.assign(LIST_STREAMING, DEFAULTS);
});

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A GET whose body is kept as bytes; rejects when the connection ends inside the body. */
function getBytes(
  emulator: RunningEmulator,
  path: string,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${emulator.url}/api/${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('aborted')));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** Every list route the emulator writes item by item, with ids from `emulator`'s dataset. */
function listPaths(emulator: RunningEmulator): string[] {
  const { dataset } = emulator;
  const job = dataset.jobs.findIndex((candidate) => candidate.jobType === 'Backup');
  let row = dataset.jobSessions.count - 1;
  while (dataset.jobSessions.jobIndex[row] !== job) row--;
  const server = dataset.backupServers[0]?.id as string;
  const replicaJob = dataset.jobs.find((candidate) => candidate.jobType === 'Replica');
  const both = (path: string, entity: string) => [path, `${path}${entity}`];
  return [
    ...both('backupSessions', '?format=Entity'),
    ...both('replicaSessions', '?format=Entity'),
    ...both('backupTaskSessions', '?format=Entity'),
    ...both('replicaTaskSessions', '?format=Entity'),
    ...both('restoreSessions', '?format=Entity'),
    ...both('jobs', '?format=Entity'),
    ...both('backupServers', '?format=Entity'),
    ...both(`backupServers/${server}/jobs`, '?format=Entity'),
    ...both(`backupSessions/${dataset.jobSessions.id(row)}/taskSessions`, '?format=Entity'),
    ...both(`jobs/${dataset.jobs[job]?.id}/backupSessions`, '?format=Entity'),
    ...(replicaJob === undefined
      ? []
      : both(`jobs/${replicaJob.id}/backupSessions`, '?format=Entity')),
    ...QUERY_TYPES.flatMap((type) => [
      ...both(`query?type=${type}`, '&format=Entities'),
      ...both(`query?type=${type}&pageSize=1&page=2`, '&format=Entities'),
    ]),
  ];
}

const MEDIA = ['application/xml', 'application/json'] as const;

describe('list bodies written item by item', () => {
  for (const [size, dataset] of [
    ['small', {}],
    ['medium', { seed: 3, servers: 3, jobs: 30, days: 31 }],
  ] as const) {
    for (const emVersion of [12, 13] as const) {
      it(`are the bytes of the whole body, for every list route, XML and JSON (${size} dataset, EM ${emVersion})`, async () => {
        const emulator = await emulatorForTest({ emVersion, dataset } as EmulatorOptions);
        const token = await logOn(emulator);
        for (const path of listPaths(emulator)) {
          for (const accept of MEDIA) {
            const headers = { 'X-RestSvcSessionId': token, Accept: accept };
            LIST_STREAMING.wholeBodyItems = Number.POSITIVE_INFINITY;
            const whole = await getBytes(emulator, path, headers);
            // Every list streamed, in small chunks: many chunk boundaries to get wrong.
            LIST_STREAMING.wholeBodyItems = 0;
            LIST_STREAMING.chunkCharacters = 700;
            const streamed = await getBytes(emulator, path, headers);
            const what = `${path} as ${accept}`;
            expect(whole.status, what).toBe(200);
            expect(whole.headers['content-length'], what).toBe(String(whole.body.length));
            expect(streamed.status, what).toBe(200);
            expect(streamed.headers['transfer-encoding'], what).toBe('chunked');
            expect(streamed.headers['content-length'], what).toBeUndefined();
            expect(streamed.headers['content-type'], what).toBe(whole.headers['content-type']);
            expect(streamed.headers.server, what).toBe('Microsoft-HTTPAPI/2.0');
            if (!streamed.body.equals(whole.body)) {
              const at = [...whole.body].findIndex((byte, index) => streamed.body[index] !== byte);
              expect.fail(
                `${what}: streamed body differs at byte ${at}: …${streamed.body.subarray(at - 40, at + 40)}… instead of …${whole.body.subarray(at - 40, at + 40)}…`,
              );
            }
          }
        }
        // Some 200 requests, two of each: longer than one request's test on a loaded host.
      }, 60_000);
    }
  }

  it('are whole with a Content-Length up to 1000 items, as EM writes them, and chunked beyond', async () => {
    const emulator = await emulatorForTest({
      dataset: { seed: 3, servers: 3, jobs: 40, days: 31 },
    });
    const headers = { 'X-RestSvcSessionId': await logOn(emulator) };
    const short = await getBytes(emulator, 'jobs?format=Entity', headers);
    expect(short.headers['content-length']).toBe(String(short.body.length));
    expect(short.headers['transfer-encoding']).toBeUndefined();
    const long = await getBytes(emulator, 'backupTaskSessions', headers);
    expect(long.headers['transfer-encoding']).toBe('chunked');
    expect(long.body.toString().match(/<Ref /g)).toHaveLength(3456);
  });
});

describe('a list body being written', () => {
  /** Counts the task sessions generated: what a body of task sessions costs. */
  function countTaskGeneration(emulator: RunningEmulator): { calls: number } {
    const counter = { calls: 0 };
    const dataset = emulator.dataset as { taskSessionsOf: (row: number) => unknown };
    const generate = dataset.taskSessionsOf;
    dataset.taskSessionsOf = (row) => {
      counter.calls++;
      return generate(row);
    };
    return counter;
  }

  /** Starts a GET and resolves with its response once the first body bytes are in, paused. */
  function firstBytes(emulator: RunningEmulator, path: string, token: string) {
    return new Promise<{
      response: import('node:http').IncomingMessage;
      request: import('node:http').ClientRequest;
    }>((resolve, reject) => {
      const request = httpRequest(
        `${emulator.url}/api/${path}`,
        { headers: { 'X-RestSvcSessionId': token } },
        (response) => {
          response.once('data', () => {
            response.pause();
            resolve({ response, request });
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  /** `count()` once it has not changed for 300 ms (within 6 s). */
  async function steady(count: () => number): Promise<number> {
    for (let tries = 0; tries < 20; tries++) {
      const before = count();
      await settle();
      if (count() === before) return before;
    }
    throw new Error(`still changing: ${count()}`);
  }
  const LARGE = { seed: 5, servers: 2, jobs: 300, days: 31 };

  it('waits for a client that does not read, and stops when it disconnects', async () => {
    const emulator = await emulatorForTest({ dataset: LARGE });
    const token = await logOn(emulator);
    const generation = countTaskGeneration(emulator);
    const { request } = await firstBytes(emulator, 'backupTaskSessions', token);
    // The client reads nothing: once the sockets' buffers are full, nothing more is made.
    const paused = await steady(() => generation.calls);
    request.destroy();
    const left = await steady(() => generation.calls);
    expect(left).toBe(paused);
    // A fraction of the 9,000-odd job sessions whose tasks the whole body holds.
    expect(left).toBeLessThan(emulator.dataset.jobSessions.count / 2);
    const answer = await getBytes(emulator, '', {});
    expect(answer.status).toBe(200);
  });

  it('is cut off at once by close(), even while it waits for the client', async () => {
    const emulator = await emulatorForTest({ dataset: LARGE });
    const { response } = await firstBytes(emulator, 'backupTaskSessions', await logOn(emulator));
    const ended = new Promise<string>((resolve) => {
      response.on('aborted', () => resolve('aborted'));
      response.on('end', () => resolve('end'));
      response.on('error', () => resolve('error'));
      response.resume();
    });
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await ended).not.toBe('end');
  });

  it('fails as a whole body does: a 500 for a first item that cannot be written, a cut connection later', async () => {
    const emulator = await emulatorForTest({ dataset: LARGE });
    const token = await logOn(emulator);
    const dataset = emulator.dataset as {
      taskSessionsOf: (row: number) => readonly { reason: string }[];
    };
    const generate = dataset.taskSessionsOf;
    let calls = 0;
    let failAt = 0;
    // A Reason XML cannot carry, from the `failAt`th session on.
    dataset.taskSessionsOf = (row) => {
      const tasks = generate(row);
      return ++calls >= failAt ? tasks.map((task) => ({ ...task, reason: '\u0001' })) : tasks;
    };
    LIST_STREAMING.wholeBodyItems = 0;
    failAt = 1;
    const first = await getBytes(emulator, 'backupTaskSessions?format=Entity', {
      'X-RestSvcSessionId': token,
    });
    expect(first.status).toBe(500);
    expect(first.body.toString()).toMatch(/Emulator failure: .*XML cannot carry/);
    calls = 0;
    failAt = 2000;
    await expect(
      getBytes(emulator, 'backupTaskSessions?format=Entity', { 'X-RestSvcSessionId': token }),
    ).rejects.toThrow();
    expect((await getBytes(emulator, '', {})).status).toBe(200);
  });

  it('is spoilt by acted faults as a whole one is, and delayed by latency', async () => {
    const emulator = await emulatorForTest();
    const headers = { 'X-RestSvcSessionId': await logOn(emulator) };
    LIST_STREAMING.wholeBodyItems = Number.POSITIVE_INFINITY;
    const whole = (await getBytes(emulator, 'backupSessions?format=Entity', headers)).body;
    LIST_STREAMING.wholeBodyItems = 0;
    LIST_STREAMING.chunkCharacters = 2000;

    emulator.faults.add({ path: '/backupSessions', fault: { kind: 'truncate', acted: true } });
    await expect(getBytes(emulator, 'backupSessions?format=Entity', headers)).rejects.toThrow();

    emulator.faults.add({ path: '/backupSessions', fault: { kind: 'malformed', acted: true } });
    const malformed = await getBytes(emulator, 'backupSessions?format=Entity', headers);
    expect(malformed.status).toBe(200);
    expect(malformed.headers['content-length']).toBe(String(malformed.body.length));
    expect(malformed.body.length).toBeLessThan(2000);
    expect(whole.subarray(0, malformed.body.length).equals(malformed.body)).toBe(true);

    emulator.faults.add({ path: '/backupSessions', fault: { kind: 'latency', ms: 50 } });
    const delayed = await getBytes(emulator, 'backupSessions?format=Entity', headers);
    expect(delayed.headers['transfer-encoding']).toBe('chunked');
    expect(delayed.body.equals(whole)).toBe(true);
    expect(emulator.stats().faultsInjected).toEqual({ truncate: 1, malformed: 1, latency: 1 });
  });
});

/** A GET sent as HTTP/1.0 over a socket, read until the emulator closes the connection. */
function getAsHttp10(
  emulator: RunningEmulator,
  path: string,
  headers: Record<string, string>,
): Promise<{ statusLine: string; headers: Record<string, string>; body: Buffer }> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', reject);
    socket.on('end', () => {
      const answer = Buffer.concat(received);
      const end = answer.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = answer.subarray(0, end).toString('latin1').split('\r\n');
      const fields = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ statusLine, headers: fields, body: answer.subarray(end + 4) });
    });
    const head = Object.entries({ Host: new URL(emulator.url).host, ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`GET /api/${path} HTTP/1.0\r\n${head}\r\n`);
  });
}

describe('a list too long to be written whole, asked for over HTTP/1.0', () => {
  it('is a 500 when an item past the first chunk cannot be written: nothing is sent before the whole body is made', async () => {
    const emulator = await emulatorForTest({
      dataset: { seed: 3, servers: 3, jobs: 40, days: 31 },
    });
    const token = await logOn(emulator);
    LIST_STREAMING.wholeBodyItems = 0;
    LIST_STREAMING.chunkCharacters = 2000;
    const dataset = emulator.dataset as {
      taskSessionsOf: (row: number) => readonly { reason: string }[];
    };
    const generate = dataset.taskSessionsOf;
    let calls = 0;
    // A Reason XML cannot carry, from the 500th job session's tasks on.
    dataset.taskSessionsOf = (row) => {
      const tasks = generate(row);
      return ++calls >= 500 ? tasks.map((task) => ({ ...task, reason: '\u0001' })) : tasks;
    };
    const old = await getAsHttp10(emulator, 'backupTaskSessions?format=Entity', {
      'X-RestSvcSessionId': token,
    });
    expect(old.statusLine).toMatch(/^HTTP\/1\.[01] 500 /);
    expect(old.body.toString()).toMatch(/Emulator failure: .*XML cannot carry/);
    expect(old.headers['content-length']).toBe(String(old.body.length));
  });

  it('is made no further once the client has left', async () => {
    const emulator = await emulatorForTest({
      dataset: { seed: 3, servers: 3, jobs: 40, days: 31 },
    });
    const token = await logOn(emulator);
    LIST_STREAMING.wholeBodyItems = 0;
    LIST_STREAMING.chunkCharacters = 2000;
    const dataset = emulator.dataset as { taskSessionsOf: (row: number) => unknown };
    const generate = dataset.taskSessionsOf;
    let made = 0;
    let leave: (() => void) | undefined;
    dataset.taskSessionsOf = (row) => {
      // The client leaves once the 100th job session's tasks are made.
      if (++made === 100) leave?.();
      return generate(row);
    };
    const { port, host } = new URL(emulator.url);
    const closed = new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      leave = () => socket.destroy();
      socket.on('close', () => resolve());
      socket.write(
        `GET /api/backupTaskSessions HTTP/1.0\r\nHost: ${host}\r\nX-RestSvcSessionId: ${token}\r\n\r\n`,
      );
    });
    await closed;
    // The emulator answers the next request only once it has seen the close and stopped.
    expect((await getBytes(emulator, '', {})).status).toBe(200);
    const seen = made;
    expect((await getBytes(emulator, '', {})).status).toBe(200);
    expect(made).toBe(seen);
    expect(made).toBeLessThan(emulator.dataset.jobSessions.count / 2);
  });

  it('is made a chunk a turn before it is written: other requests are answered meanwhile', async () => {
    const emulator = await emulatorForTest({
      dataset: { seed: 3, servers: 3, jobs: 40, days: 31 },
    });
    const token = await logOn(emulator);
    LIST_STREAMING.wholeBodyItems = 0;
    LIST_STREAMING.chunkCharacters = 2000;
    // Once the HTTP/1.0 body is being made, another client asks for /api/; how many job
    // sessions' tasks had been made when it is answered says whether it waited for the body.
    const dataset = emulator.dataset as { taskSessionsOf: (row: number) => unknown };
    const generate = dataset.taskSessionsOf;
    let made = 0;
    let other: Promise<number> | undefined;
    dataset.taskSessionsOf = (row) => {
      made++;
      other ??= getBytes(emulator, '', {}).then((answer) => {
        expect(answer.status).toBe(200);
        return made;
      });
      return generate(row);
    };
    const old = await getAsHttp10(emulator, 'backupTaskSessions', { 'X-RestSvcSessionId': token });
    expect(old.headers['content-length']).toBe(String(old.body.length));
    expect(old.body.toString().match(/<Ref /g)).toHaveLength(3456);
    expect(other).toBeDefined();
    const madeWhenOtherAnswered = await other;
    expect(madeWhenOtherAnswered).toBeLessThan(made);
  });

  it('is written whole with a Content-Length, the bytes of the chunked body: no chunked encoding, no body ended by the close alone', async () => {
    const emulator = await emulatorForTest({
      dataset: { seed: 3, servers: 3, jobs: 40, days: 31 },
    });
    const token = await logOn(emulator);
    for (const [path, accept] of [
      ['backupTaskSessions', 'application/xml'],
      ['backupTaskSessions?format=Entity', 'application/json'],
      ['query?type=BackupTaskSession&format=Entities', 'application/xml'],
    ] as const) {
      const headers = { 'X-RestSvcSessionId': token, Accept: accept };
      const chunked = await getBytes(emulator, path, headers);
      expect(chunked.headers['transfer-encoding'], path).toBe('chunked');
      const old = await getAsHttp10(emulator, path, headers);
      expect(old.statusLine, path).toMatch(/^HTTP\/1\.[01] 200 OK$/);
      expect(old.headers['transfer-encoding'], path).toBeUndefined();
      expect(old.headers['content-length'], path).toBe(String(old.body.length));
      expect(old.headers['content-type'], path).toBe(chunked.headers['content-type']);
      expect(old.body.equals(chunked.body), path).toBe(true);
    }
  });
});
