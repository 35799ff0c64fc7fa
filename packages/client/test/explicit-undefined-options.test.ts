import {
  type CallOptions,
  type ClientEvent,
  type ClientOptions,
  createClient,
  type EmClient,
  HttpError,
  type JobSession,
  NetworkError,
  type QueryFormat,
  type QueryOptions,
  type ResponseFormat,
  type RetryOptions,
  type SessionFamily,
  type SessionsOptions,
  type StopSessionOptions,
  type TaskSessionsOfOptions,
  type TaskSessionsOptions,
  type TlsOptions,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import type {
  JobSessionState,
  RootElementName,
  SessionResult,
  TaskSessionState,
} from '@vbem/model';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../src/resolved-options.js';
import { needsOwnDispatcher } from '../src/transport/create-dispatcher.js';
import { closedPort } from './helpers/closed-port.js';
import { DATASET_NOW, expectedSessionUids, useEmulator } from './helpers/emulator.js';

// Options as a caller often holds them: read from a config or flags, each possibly undefined.
// Compiled with exactOptionalPropertyTypes (tsconfig.test.json), so passing them on to every
// options bag of the client must type-check; at run time each must act as if not given.
interface Config {
  readonly format?: ResponseFormat | undefined;
  readonly apiVersion?: string | undefined;
  readonly timeout?: number | undefined;
  readonly deadline?: number | undefined;
  readonly limit?: number | undefined;
  readonly baseDelayMs?: number | undefined;
  readonly maxDelayMs?: number | undefined;
  readonly maxRetryAfterMs?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  readonly ca?: string | undefined;
  readonly fingerprint256?: string | undefined;
  readonly rejectUnauthorized?: boolean | undefined;
  readonly tls?: TlsOptions | undefined;
  readonly proxy?: string | false | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly userAgent?: string | undefined;
  readonly concurrency?: number | undefined;
  readonly maxResponseBytes?: number | undefined;
  readonly onEvent?: ((event: ClientEvent) => void) | undefined;
  readonly since?: Date | string | undefined;
  readonly until?: Date | undefined;
  readonly jobName?: string | undefined;
  readonly result?: SessionResult | undefined;
  readonly state?: JobSessionState | undefined;
  readonly taskState?: TaskSessionState | undefined;
  readonly vmName?: readonly string[] | undefined;
  readonly types?: readonly SessionFamily[] | undefined;
  readonly sliceBy?: string | undefined;
  readonly maxPagesPerSlice?: number | undefined;
  readonly pageSize?: number | undefined;
  readonly now?: (() => Date) | undefined;
  readonly filter?: string | undefined;
  readonly sortAsc?: 'CreationTime' | undefined;
  readonly sortDesc?: 'CreationTime' | undefined;
  readonly queryFormat?: QueryFormat | undefined;
  readonly root?: RootElementName | undefined;
  readonly pollIntervalMs?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly retryable?: boolean | undefined;
}
const cfg: Config = {};

const credentials = (em: RunningEmulator) => ({
  url: em.url,
  username: 'emulator',
  password: 'emulator',
});

/** Every option of createClient, each undefined (the sub-options too). */
const clientOptions = (em: RunningEmulator): ClientOptions => ({
  ...credentials(em),
  format: cfg.format,
  apiVersion: cfg.apiVersion,
  timeout: cfg.timeout,
  deadline: cfg.deadline,
  retry: {
    limit: cfg.limit,
    baseDelayMs: cfg.baseDelayMs,
    maxDelayMs: cfg.maxDelayMs,
    maxRetryAfterMs: cfg.maxRetryAfterMs,
  },
  tls: {
    ca: cfg.ca,
    fingerprint256: cfg.fingerprint256,
    rejectUnauthorized: cfg.rejectUnauthorized,
  },
  proxy: cfg.proxy,
  fetch: cfg.fetch,
  signal: cfg.signal,
  userAgent: cfg.userAgent,
  concurrency: cfg.concurrency,
  maxResponseBytes: cfg.maxResponseBytes,
  onEvent: cfg.onEvent,
});

const sessionsOptions: SessionsOptions = {
  since: cfg.since,
  until: cfg.until,
  jobName: cfg.jobName,
  result: cfg.result,
  state: cfg.state,
  types: cfg.types,
  sliceBy: cfg.sliceBy,
  maxPagesPerSlice: cfg.maxPagesPerSlice,
  pageSize: cfg.pageSize,
  concurrency: cfg.concurrency,
  signal: cfg.signal,
  now: cfg.now,
};

const taskSessionsOptions: TaskSessionsOptions = {
  ...sessionsOptions,
  state: cfg.taskState,
  vmName: cfg.vmName,
};

const uids = (items: readonly { readonly UID: string }[]) => items.map((item) => item.UID).sort();

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

describe('client options given as undefined are not given', () => {
  it('createClient resolves every option to its default', () => {
    const { onEvent: _given, ...given } = resolveOptions({
      ...clientOptions(em),
      // undefined sub-option bags too, not only undefined fields in them
      retry: cfg.retry,
      tls: cfg.tls,
    });
    const { onEvent: _absent, ...absent } = resolveOptions(credentials(em));
    expect(given).toEqual(absent);
    expect(given).toMatchObject({
      format: 'xml',
      timeout: 30_000,
      deadline: undefined,
      retry: { limit: 3, baseDelayMs: 300, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 },
      concurrency: 4,
      maxResponseBytes: 256 * 1024 * 1024,
    });
    expect(given.userAgent).toMatch(/^vbem-client\//);
    // TLS options that are all undefined ask for no CA, pin or dispatcher of the client's own.
    const withTls = resolveOptions(clientOptions(em));
    expect(needsOwnDispatcher(withTls.tls, undefined)).toBe(false);
    expect(needsOwnDispatcher(absent.tls, undefined)).toBe(false);
  });

  it('createClient with proxy: undefined reads the proxy from the environment, as without it', async () => {
    // A proxy nothing listens on: a request that goes through it fails naming it.
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    for (const name of ['HTTP_PROXY', 'http_proxy']) vi.stubEnv(name, proxy);
    for (const name of ['NO_PROXY', 'no_proxy']) vi.stubEnv(name, '');
    const client = createClient({ ...clientOptions(em), proxy: cfg.proxy, retry: { limit: 0 } });
    try {
      const failure = await client.logon().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(NetworkError);
      expect((failure as NetworkError).proxy).toEqual({ url: proxy, source: 'HTTP_PROXY' });
    } finally {
      await client.close();
      vi.unstubAllEnvs();
    }
  });

  describe('with the system clock at the dataset time', () => {
    beforeEach(() => {
      // Only Date: the client's and the emulator's timers keep running.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(DATASET_NOW);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('sessions() and taskSessions() read the last 24 hours of both families', async () => {
      const client = createClient(clientOptions(em));
      const call: CallOptions = { signal: cfg.signal };
      const logon = await client.logon(call);
      expect(logon.userName).toBeTruthy();
      expect(client.format).toBe('xml');

      const sessions = await client.sessions(sessionsOptions).toArray();
      const expected = expectedSessionUids(
        em.dataset,
        new Date(DATASET_NOW.getTime() - 86_400_000),
        DATASET_NOW,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(uids(sessions)).toEqual(expected.sort());
      expect(uids(await client.sessions().toArray())).toEqual(uids(sessions));

      const tasks = await client.taskSessions(taskSessionsOptions).toArray();
      expect(tasks.length).toBeGreaterThan(0);
      expect(uids(tasks)).toEqual(uids(await client.taskSessions().toArray()));

      const ofOptions: TaskSessionsOfOptions = { concurrency: cfg.concurrency, signal: cfg.signal };
      let taskCount = 0;
      for await (const { taskSessions } of client.taskSessionsOf(sessions, ofOptions)) {
        taskCount += taskSessions.length;
      }
      expect(taskCount).toBe(tasks.length);
      await client.close();
    });
  });

  it('query() sorts by creation time and returns entities, as without options', async () => {
    const client = createClient(clientOptions(em));
    const options: QueryOptions<'BackupJobSession', QueryFormat> = {
      filter: cfg.filter,
      sortAsc: cfg.sortAsc,
      sortDesc: cfg.sortDesc,
      pageSize: cfg.pageSize,
      format: cfg.queryFormat,
      concurrency: cfg.concurrency,
      signal: cfg.signal,
    };
    const given = await client.query('BackupJobSession', options).toArray();
    const absent = await client.query('BackupJobSession').toArray();
    expect(given.length).toBeGreaterThan(0);
    expect(given).toEqual(absent);
    const times = given.map((item) => ('CreationTimeUTC' in item ? item.CreationTimeUTC : 0));
    expect(times).toEqual([...times].sort((a, b) => Number(a) - Number(b)));
    await client.close();
  });

  it('resource calls, follow() and stopSession() take undefined call options', async () => {
    const client: EmClient = createClient(clientOptions(em));
    const call: CallOptions = { signal: cfg.signal };
    const refs = await client.backupSessions.list(call);
    expect(refs.length).toBeGreaterThan(0);
    const session = (await client.backupSessions.listEntities(call))[0] as JobSession;
    expect(await client.backupSessions.get(session.UID, { signal: cfg.signal })).toEqual(session);
    const tasks = await client.backupSessions
      .taskSessionEntities(session.UID, { signal: cfg.signal })
      .toArray();
    expect(tasks.length).toBeGreaterThan(0);
    expect((await client.reports.summary({ signal: cfg.signal })).Links.length).toBeGreaterThan(0);

    const followed = await client.follow(session.Href, { root: cfg.root, signal: cfg.signal });
    expect(followed.root).toBe('BackupJobSession');
    expect(followed.value).toEqual(session);

    const [running] = await client
      .query('BackupJobSession', { filter: 'State==Working', signal: cfg.signal })
      .toArray();
    const stop: StopSessionOptions = {
      signal: cfg.signal,
      pollIntervalMs: cfg.pollIntervalMs,
      timeoutMs: cfg.timeoutMs,
    };
    const task = await client.stopSession(running?.UID ?? '', stop);
    expect(task.State).toBe('Finished');
    await client.close();
  });

  it('an error built with undefined options is not retryable and has no request', () => {
    const error = new HttpError('EM answered 500', {
      status: 500,
      retryable: cfg.retryable,
      request: undefined,
      emError: undefined,
    });
    expect(error.retryable).toBe(false);
    expect(error.request).toBeUndefined();
    expect(error.cause).toBeUndefined();
  });
});
