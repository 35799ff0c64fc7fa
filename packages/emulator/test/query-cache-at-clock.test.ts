import { describe, expect, it, vi } from 'vitest';
import { DatasetClock } from '../src/dataset/dataset-clock.js';
import { taskSessionSource } from '../src/dataset/task-runs.js';
import { generateDataset } from '../src/index.js';
import { type QueryRequest, QueryService } from '../src/query/query-service.js';
import { NOW } from './emulator-harness.js';

const dataset = generateDataset({ seed: 5, jobs: 30, days: 3, now: NOW, runningSessions: 2 });
const REQUESTS: readonly QueryRequest[] = [
  { type: 'BackupJobSession', sortField: 'CreationTime', descending: true },
  { type: 'BackupJobSession', filter: 'State==Working' },
  { type: 'BackupTaskSession', sortField: 'Name' },
  { type: 'BackupTaskSession', filter: 'State==InProgress' },
  { type: 'RestoreSession', sortField: 'CreationTime' },
];

/** Readings over the dataset's last 12 hours: every 3 minutes, and a millisecond each side of every task end then. */
function readings(): number[] {
  const end = NOW.getTime();
  const times: number[] = [];
  for (let time = end - 12 * 3_600_000; time < end; time += 3 * 60_000) times.push(time);
  const table = dataset.jobSessions;
  const { creationTime, count } = table;
  for (let row = 0; row < count; row++) {
    if ((creationTime[row] as number) < end - 14 * 3_600_000) continue;
    for (const task of dataset.taskSessionsOf(row)) {
      if (task.endTime > end - 12 * 3_600_000 && task.endTime < end)
        times.push(task.endTime - 1, task.endTime);
    }
  }
  // Only readings at which a session runs: at the others the key never held the reading.
  const isRunningAt = (time: number) =>
    table.creationTime.some(
      (created, row) => created <= time && !((table.endTime[row] as number) <= time),
    );
  return times.filter(isRunningAt).sort((a, b) => a - b);
}

describe('query results cached while the clock is before the dataset’s end', () => {
  it('are those a fresh evaluation gives at every reading, and reused between sessions’ and tasks’ events', () => {
    const clock = new DatasetClock(dataset, taskSessionSource(dataset));
    const cached = new QueryService(dataset, 13, clock);
    const evaluations = vi.spyOn(cached as unknown as { evaluation: () => unknown }, 'evaluation');
    const times = readings();
    expect(times.length).toBeGreaterThan(40);
    let runs = 0;
    for (const reading of times) {
      for (const request of REQUESTS) {
        // Asked twice, a millisecond apart, as a client pages a result.
        for (const at of [reading, reading + 1]) {
          // A service and clock of its own, with nothing cached.
          const freshClock = new DatasetClock(dataset, taskSessionSource(dataset));
          const fresh = new QueryService(dataset, 13, freshClock).run(request, freshClock.at(at));
          expect(cached.run(request, clock.at(at)), `${request.type} at ${at}`).toEqual(fresh);
          runs++;
        }
      }
    }
    // Before, the reading was part of the key whenever a session ran: 2,240 of 2,500 runs were
    // evaluated, against 329 now.
    expect(evaluations.mock.calls.length).toBeLessThan(runs / 2);
  });
});
