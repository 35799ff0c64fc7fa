import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorForTest, logOn } from './emulator-harness.js';

// Its own file, so its own process: the peak RSS below is this file's.

/** A GET whose body is counted, not kept: the client holds no more than a chunk either. */
function getCounting(
  emulator: RunningEmulator,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: number; chunked: boolean }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${emulator.url}/api/${path}`,
      { headers, agent: false },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            bytes,
            chunked: response.headers['transfer-encoding'] === 'chunked',
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;
const MIB = 2 ** 20;

/**
 * Runs `long` while asking for `/api/` every 10 ms: how long each of those waited for its answer
 * while `long` was running, and how long `long` took.
 */
async function waitsWhile<T>(
  emulator: RunningEmulator,
  long: Promise<T>,
): Promise<{ answer: T; waits: number[]; took: number }> {
  const started = performance.now();
  let done = false;
  const finished = long.finally(() => {
    done = true;
  });
  const waits: number[] = [];
  while (!done) {
    const sent = performance.now();
    expect((await getCounting(emulator, '')).status).toBe(200);
    if (!done) waits.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const answer = await finished;
  return { answer, waits, took: performance.now() - started };
}

describe('a long list body', () => {
  // 1000 jobs × 31 days: 130,000-odd task sessions, a 69 MB XML body, which the emulator once
  // built as one string and the references behind it (800 MB peak RSS, 14 s, the loop blocked).
  const dataset = { seed: 11, servers: 4, jobs: 1000, days: 31 };

  it('is answered with memory bounded by a chunk, not by the body', async () => {
    const emulator = await emulatorForTest({ dataset });
    const headers = { 'X-RestSvcSessionId': await logOn(emulator) };
    expect((await getCounting(emulator, 'backupServers', headers)).status).toBe(200);
    const before = peakRss();
    const answer = await getCounting(emulator, 'backupTaskSessions', headers);
    expect(answer).toMatchObject({ status: 200, chunked: true });
    expect(answer.bytes).toBeGreaterThan(60_000_000);
    expect((peakRss() - before) / MIB).toBeLessThan(200);
  });

  it('lets other requests be answered while it is written, not after', async () => {
    const emulator = await emulatorForTest({ dataset });
    const token = await logOn(emulator);
    const { answer, waits, took } = await waitsWhile(
      emulator,
      getCounting(emulator, 'query?type=BackupJobSession&format=Entities', {
        'X-RestSvcSessionId': token,
        Accept: 'application/json',
      }),
    );
    expect(answer).toMatchObject({ status: 200, chunked: true });
    expect(answer.bytes).toBeGreaterThan(40_000_000);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    // Each waited for a chunk at most, not for the body: a small share of the whole.
    expect(Math.max(...waits)).toBeLessThan(took / 4);
  });

  it('lets other requests be answered while a query is evaluated, before its first byte', async () => {
    // 3000 jobs × 31 days: about 400,000 task sessions, every one scanned and sorted by UID for
    // a page of one. The evaluation once held the event loop for all of it (1.2 s at 10,000 jobs).
    const emulator = await emulatorForTest({ dataset: { ...dataset, jobs: 3000 } });
    const token = await logOn(emulator);
    const { answer, waits, took } = await waitsWhile(
      emulator,
      getCounting(emulator, 'query?type=BackupTaskSession&sortAsc=UID&pageSize=1', {
        'X-RestSvcSessionId': token,
      }),
    );
    expect(answer).toMatchObject({ status: 200, chunked: false });
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...waits)).toBeLessThan(took / 4);
  });
});
