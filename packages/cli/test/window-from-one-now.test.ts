import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const HISTORY_END = new Date('2026-03-02T12:00:00Z');
const env = { VBEM_PASSWORD: 'emulator' };

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({
    dataset: { seed: 3, jobs: 6, days: 3, now: HISTORY_END },
    now: () => HISTORY_END,
  });
});
afterAll(() => em.close());

const uidsOf = async (command: string, clock: () => Date): Promise<string[]> => {
  const run = await vbemInProcess(
    [command, '--url', em.url, '--username', 'emulator', '--since', '30m', '--format', 'json'],
    { env, clock },
  );
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { uid: string }[]).map((row) => row.uid);
};

describe('sessions and tasks: the window is --since long, however late the crawl starts', () => {
  it.each(['sessions', 'tasks'])(
    '%s reads the window from the now it crawls at',
    async (command) => {
      // Every row of the history, then one of them to fall just outside the window.
      const all = await vbemInProcess(
        [command, '--url', em.url, '--username', 'emulator', '--since', '3d', '--format', 'json'],
        { env, now: HISTORY_END },
      );
      const rows = JSON.parse(all.stdout) as { uid: string; creationTime: string }[];
      const row = rows[Math.floor(rows.length / 2)] as { uid: string; creationTime: string };
      const created = Date.parse(row.creationTime);
      // The clock reads 30 minutes after the row less a second, then (a password typed) two
      // seconds later: a window placed from both reads would reach back to the row.
      const first = new Date(created + 30 * 60_000 - 1000);
      const later = new Date(first.getTime() + 2000);
      let reads = 0;
      const uids = await uidsOf(command, () => (reads++ === 0 ? first : later));
      expect(reads).toBeGreaterThan(1);
      expect(uids).not.toContain(row.uid);
      // The same clock without the jump finds it: the row is in a window read at `first`.
      expect(await uidsOf(command, () => first)).toContain(row.uid);
    },
  );
});
