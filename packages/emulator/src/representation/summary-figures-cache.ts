import type { DatasetAtClock } from '../dataset/dataset-clock.js';
import { SummaryFigures } from './summary-figures.js';

const latest = new WeakMap<object, { inputs: string; figures: SummaryFigures }>();

/**
 * The summary figures of an emulator's dataset at a clock reading: the last ones `owner` had
 * computed while the rows of the report windows, the day, and the job and task sessions running
 * are the same, since scanning the tasks takes seconds. The figures read no progress, so readings
 * between two sessions' or tasks' events share them.
 */
export function summaryFiguresAt(owner: object, atClock: DatasetAtClock): SummaryFigures {
  const inputs = `${SummaryFigures.inputsAt(atClock.dataset, atClock.reading)}/${atClock.tasksKey()}`;
  const cached = latest.get(owner);
  if (cached?.inputs === inputs) return cached.figures;
  const figures = new SummaryFigures(atClock.dataset, atClock.taskSource, atClock.reading);
  latest.set(owner, { inputs, figures });
  return figures;
}
