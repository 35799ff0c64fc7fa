import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type DatasetOptions,
  DEFAULT_DATASET_OPTIONS,
  DEFAULT_USER,
  type EmulatorOptions,
  type EmulatorUser,
  type Fault,
  type FaultRule,
  generateDataset,
  type RunningEmulator,
  startEmulator,
} from '../src/index.js';
import { basic, NOW } from './emulator-harness.js';

// Options as a caller often holds them: read from a config or flags, each possibly undefined.
// Compiled with exactOptionalPropertyTypes (tsconfig.test.json), so passing them on to every
// options bag of the package must type-check; at run time each must act as if not given.
interface Config {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly dataset?: DatasetOptions | undefined;
  readonly users?: readonly EmulatorUser[] | undefined;
  readonly idleTimeoutMs?: number | undefined;
  readonly headersTimeoutMs?: number | undefined;
  readonly requestTimeoutMs?: number | undefined;
  readonly keepAliveTimeoutMs?: number | undefined;
  readonly now?: (() => Date) | undefined;
  readonly emVersion?: 12 | 13 | undefined;
  readonly faults?: readonly FaultRule[] | undefined;
  readonly tls?: { readonly key: string; readonly cert: string } | undefined;
  readonly onWarning?: ((message: string) => void) | undefined;
  readonly seed?: number | undefined;
  readonly datasetNow?: Date | undefined;
  readonly count?: number | undefined;
  readonly rate?: number | undefined;
  readonly method?: string | undefined;
  readonly path?: string | undefined;
  readonly retryAfter?: string | undefined;
  readonly acted?: boolean | undefined;
}
const cfg: Config = {};

/** Every dataset option, each undefined. */
const datasetOptions: DatasetOptions = {
  seed: cfg.seed,
  now: cfg.datasetNow,
  servers: cfg.count,
  jobs: cfg.count,
  days: cfg.count,
  sessionsPerDay: cfg.count,
  vmsPerJob: cfg.count,
  failureRate: cfg.rate,
  warningRate: cfg.rate,
  retryRate: cfg.rate,
  runningSessions: cfg.count,
  restoreSessions: cfg.count,
};

const running: RunningEmulator[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  const emulator = await startEmulator(options);
  running.push(emulator);
  return emulator;
}

const logOn = (emulator: RunningEmulator) =>
  fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: basic(DEFAULT_USER.username, DEFAULT_USER.password) },
  });

describe('emulator options given as undefined are not given', () => {
  it('generateDataset fills in every default, as without options', () => {
    // `now` undefined means the time of generation: fixed, so that two datasets can be compared.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const given = generateDataset(datasetOptions);
    const absent = generateDataset();
    expect(given.options).toEqual({ ...DEFAULT_DATASET_OPTIONS, now: NOW });
    expect(given.options).toEqual(absent.options);
    expect(given.jobs).toEqual(absent.jobs);
    expect(given.backupServers).toEqual(absent.backupServers);
    expect(given.jobSessions.count).toBe(absent.jobSessions.count);
    expect(given.jobSessions.count).toBeGreaterThan(0);
  });

  it("a dataset `now` given as undefined ends the history at the emulator clock's time", async () => {
    // The history must end at the clock's "now", not at the system time.
    const emulator = await start({
      now: () => NOW,
      dataset: { ...datasetOptions, jobs: 4, days: 3 },
      onWarning: () => {},
    });
    expect(emulator.dataset.now).toEqual(NOW);
    expect(emulator.dataset.options.now).toEqual(NOW);
  });

  it('startEmulator with every option undefined serves EM 13 on loopback to the default user', async () => {
    const emulator = await start({
      host: cfg.host,
      port: cfg.port,
      dataset: cfg.dataset,
      users: cfg.users,
      idleTimeoutMs: cfg.idleTimeoutMs,
      headersTimeoutMs: cfg.headersTimeoutMs,
      requestTimeoutMs: cfg.requestTimeoutMs,
      keepAliveTimeoutMs: cfg.keepAliveTimeoutMs,
      now: cfg.now,
      emVersion: cfg.emVersion,
      faults: cfg.faults,
      tls: cfg.tls,
      onWarning: cfg.onWarning,
    });
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.dataset.options).toMatchObject(DEFAULT_DATASET_OPTIONS);
    const logon = await logOn(emulator);
    expect(logon.status).toBe(201);
    const token = logon.headers.get('x-restsvcsessionid') ?? '';
    await logon.text();
    const answer = await fetch(`${emulator.url}/api/jobs?format=Entity`, {
      headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' },
    });
    expect(answer.status).toBe(200);
    // EM 13 writes camelCase JSON.
    expect(Object.keys((await answer.json()) as object)).toContain('jobs');
  });

  it('a fault rule with undefined conditions applies once, to any request, without Retry-After', async () => {
    const fault: Fault = { kind: 'status', status: 503, retryAfter: cfg.retryAfter };
    const rule: FaultRule = {
      fault,
      method: cfg.method,
      path: cfg.path,
      after: cfg.count,
      times: cfg.count,
    };
    const emulator = await start({
      now: () => NOW,
      dataset: { jobs: 2, days: 1, now: NOW },
      faults: [rule],
      onWarning: () => {},
    });
    const failed = await logOn(emulator);
    expect(failed.status).toBe(503);
    expect(failed.headers.has('retry-after')).toBe(false);
    await failed.text();
    const logon = await logOn(emulator);
    expect(logon.status).toBe(201);
    await logon.text();
    expect(emulator.stats().faultsInjected).toEqual({ status: 1 });
  });

  it('a fault with acted undefined spoils the answer before the request is handled, as without it', async () => {
    const emulator = await start({
      now: () => NOW,
      dataset: { jobs: 2, days: 1, now: NOW },
      faults: [{ fault: { kind: 'malformed', acted: cfg.acted }, method: 'POST' }],
      onWarning: () => {},
    });
    const garbled = await logOn(emulator);
    expect(garbled.status).toBe(200);
    await garbled.text();
    expect(emulator.stats().logons).toBe(0);
  });
});
