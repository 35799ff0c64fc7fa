import { formatDuration } from '@vbem/reporting';

/**
 * A row's duration as a table shows it: `running 5m` while it runs, `waiting 5m` while a task
 * waits for its turn (Pending: it has not started), `-` when its end is unknown.
 */
export const durationCell = (row: {
  readonly running: boolean;
  readonly state?: string;
  readonly durationSeconds: number | null;
}): string => {
  if (row.durationSeconds === null) return '-';
  const marker = !row.running ? '' : row.state === 'Pending' ? 'waiting ' : 'running ';
  return `${marker}${formatDuration(row.durationSeconds)}`;
};
