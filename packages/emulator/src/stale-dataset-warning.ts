import { SESSION_LIST_DAYS, SESSION_LIST_WINDOW_MS } from './session-list-window.js';

/**
 * A warning when the dataset's history ends before the 30-day window of the emulator's clock at
 * start, so that every session list is empty, or after the clock, so that its last sessions are
 * from the future, which EM never shows (a `dataset.now` set without a matching `now` clock), or
 * undefined.
 */
export function staleDatasetWarning(datasetEnd: Date, clockAtStart: Date): string | undefined {
  const end = datasetEnd.toISOString();
  if (datasetEnd.getTime() > clockAtStart.getTime())
    return `vbem emulator: the dataset ends at ${end}, after the emulator's clock (${clockAtStart.toISOString()}), so the sessions created after the clock's time are in no session list, query or report until the clock reaches them: EM shows no session from the future. Pass now: () => new Date('${end}') to serve the history as of its end.`;
  if (clockAtStart.getTime() - datasetEnd.getTime() <= SESSION_LIST_WINDOW_MS) return undefined;
  return `vbem emulator: the dataset ends at ${end}, more than ${SESSION_LIST_DAYS} days before the emulator's clock (${clockAtStart.toISOString()}), so every session list (/backupSessions, /replicaSessions, /restoreSessions, …) is empty: they show the last ${SESSION_LIST_DAYS} days of the clock. Pass now: () => new Date('${end}') to serve the history as of its end.`;
}
