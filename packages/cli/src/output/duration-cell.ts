import { formatDuration } from '@vbem/reporting';

/** A row's duration as a table shows it: `running 5m` while it runs, `-` when its end is unknown. */
export const durationCell = (row: {
  readonly running: boolean;
  readonly durationSeconds: number | null;
}): string =>
  row.durationSeconds === null
    ? '-'
    : `${row.running ? 'running ' : ''}${formatDuration(row.durationSeconds)}`;
