import { type ClientOptions, createClient, type EmClient } from '@vbem/client';
import {
  type Dataset,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '@vbem/emulator';
import { afterEach, beforeEach, expect } from 'vitest';

/** The fixed "now" of test datasets, so windows and expected sets are reproducible. */
export const DATASET_NOW = new Date('2026-06-15T12:00:00Z');

/** The emulator's clock: starts at DATASET_NOW; tests move it to expire logon sessions. */
export class TestClock {
  time = DATASET_NOW.getTime();
  readonly now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

export async function emulator(
  options: EmulatorOptions = {},
  clock = new TestClock(),
): Promise<RunningEmulator> {
  return startEmulator({
    onWarning: () => {},
    now: clock.now,
    ...options,
    dataset: { now: DATASET_NOW, ...options.dataset },
  });
}

export function clientOf(em: RunningEmulator, options: Partial<ClientOptions> = {}): EmClient {
  return createClient({
    url: em.url,
    username: 'emulator',
    password: 'emulator',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** UIDs of the job sessions created in [from, to), from the dataset itself. */
export function expectedSessionUids(dataset: Dataset, from: Date, to: Date): string[] {
  const table = dataset.jobSessions;
  const uids: string[] = [];
  for (let row = 0; row < table.count; row++) {
    const created = table.creationTime[row] as number;
    if (created < from.getTime() || created >= to.getTime()) continue;
    const job = dataset.jobs[table.jobIndex[row] as number];
    const kind = job?.jobType === 'Replica' ? 'ReplicaJobSession' : 'BackupJobSession';
    uids.push(`urn:veeam:${kind}:${table.id(row)}`);
  }
  return uids;
}

/** A fetch that records every request's method, URL and headers before passing it on. */
export function recordingFetch(): {
  fetch: typeof globalThis.fetch;
  requests: { method: string; url: string; headers: Record<string, string> }[];
} {
  const requests: { method: string; url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    requests.push({ method: request.method, url: request.url, headers });
    return globalThis.fetch(request);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/**
 * A fresh emulator for each test of the file, handed to `use`; after each test it must have no
 * logon session left open (every client logged off), and it is closed.
 */
export function useEmulator(
  use: (emulator: RunningEmulator) => void,
  options: EmulatorOptions = {},
): void {
  let running: RunningEmulator | undefined;
  beforeEach(async () => {
    running = await emulator(options);
    use(running);
  });
  afterEach(async () => {
    expect(running?.stats().openLogonSessions).toBe(0);
    await running?.close();
  });
}
