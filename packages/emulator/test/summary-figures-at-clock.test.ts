import { describe, expect, it } from 'vitest';
import { DatasetClock } from '../src/dataset/dataset-clock.js';
import { taskSessionSource } from '../src/dataset/task-runs.js';
import { generateDataset } from '../src/index.js';
import { SummaryFigures } from '../src/representation/summary-figures.js';
import { summaryFiguresAt } from '../src/representation/summary-figures-cache.js';
import { NOW } from './emulator-harness.js';

const dataset = generateDataset({ seed: 7, jobs: 30, days: 10, now: NOW, runningSessions: 2 });

/** Every frame of the figures, as the report routes serve them. */
const framesOf = (figures: SummaryFigures) => ({
  overview: figures.overview(),
  vmsOverview: figures.vmsOverview('id'),
  jobStatistics: figures.jobStatistics('id'),
  processedVms: figures.processedVms(),
  repository: figures.repository('id'),
});

/** Readings over the dataset's last 12 hours: every 3 minutes, and a millisecond each side of every task end then. */
function readings(): number[] {
  const end = NOW.getTime();
  const times: number[] = [];
  for (let time = end - 12 * 3_600_000; time < end; time += 3 * 60_000) times.push(time);
  const { creationTime, endTime, count } = dataset.jobSessions;
  for (let row = 0; row < count; row++) {
    if ((creationTime[row] as number) < end - 14 * 3_600_000) continue;
    for (const task of dataset.taskSessionsOf(row))
      if (task.endTime > end - 12 * 3_600_000 && task.endTime < end)
        times.push(task.endTime - 1, task.endTime);
  }
  // Only readings at which a session runs: at the others the key never held the reading.
  const isRunningAt = (time: number) =>
    creationTime.some((created, row) => created <= time && !((endTime[row] as number) <= time));
  return times.filter(isRunningAt).sort((a, b) => a - b);
}

describe('report figures cached while the clock is before the dataset’s end', () => {
  it('are those a fresh computation gives at every reading, and reused between sessions’ and tasks’ events', () => {
    const owner = {};
    const clock = new DatasetClock(dataset, taskSessionSource(dataset));
    const computed = new Set<SummaryFigures>();
    const times = readings();
    expect(times.length).toBeGreaterThan(40);
    let asked = 0;
    for (const reading of times) {
      // Asked twice, a millisecond apart, as a dashboard asks for its frames one by one.
      for (const at of [reading, reading + 1]) {
        const figures = summaryFiguresAt(owner, clock.at(at));
        computed.add(figures);
        const freshClock = new DatasetClock(dataset, taskSessionSource(dataset));
        const { dataset: shown, taskSource } = freshClock.at(at);
        expect(framesOf(figures), `figures at ${at}`).toEqual(
          framesOf(new SummaryFigures(shown, taskSource, at)),
        );
        asked++;
      }
    }
    // Keyed on the reading whenever a session ran, 453 of these 506 asks computed the figures
    // anew; 118 now.
    expect(computed.size).toBeLessThan(asked / 2);
  });
});
