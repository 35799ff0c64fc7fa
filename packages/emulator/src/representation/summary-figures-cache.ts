import type { SessionStops } from '../dataset/session-stops.js';
import { SummaryFigures } from './summary-figures.js';

const latest = new WeakMap<SessionStops, { inputs: string; figures: SummaryFigures }>();

/**
 * The summary figures of an emulator's dataset at `now`: the last ones computed while the rows of
 * the report windows, the day and the stops are the same, since scanning the tasks takes seconds.
 */
export function summaryFiguresAt(stops: SessionStops, now: number): SummaryFigures {
  const inputs = `${SummaryFigures.inputsAt(stops.dataset, now)}/${stops.count}`;
  const cached = latest.get(stops);
  if (cached?.inputs === inputs) return cached.figures;
  const figures = new SummaryFigures(stops.dataset, stops.taskSource, now);
  latest.set(stops, { inputs, figures });
  return figures;
}
