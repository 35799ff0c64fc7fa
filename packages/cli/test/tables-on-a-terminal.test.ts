import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { SESSION_COLUMNS } from '../src/commands/sessions.js';
import { TASK_COLUMNS } from '../src/commands/tasks.js';
import { RowWriter } from '../src/output/row-writer.js';
import { SESSION_ROW_FIELDS, type SessionRow } from '../src/output/session-rows.js';
import { TASK_ROW_FIELDS, type TaskRow } from '../src/output/task-rows.js';

/** The table a RowWriter prints on a terminal `columns` wide, as lines. */
function tableAt<Row extends object>(
  columns: number,
  writerOf: (io: CliIo) => RowWriter<Row>,
  rows: readonly Row[],
): string[] {
  let out = '';
  const io = {
    stdout: { write: (text: string) => (out += text), isTTY: true, columns },
    env: { NO_COLOR: '1' },
  } as unknown as CliIo;
  const writer = writerOf(io);
  for (const row of rows) writer.write(row);
  writer.end('nothing');
  return out.trimEnd().split('\n');
}

/** The width a column takes: from its header to the next one's, less the gap (undefined: not shown). */
function columnWidth(header: string, lines: readonly string[]): number | undefined {
  const [heading = ''] = lines;
  const start = heading.search(new RegExp(`(^| )${header}( |$)`));
  if (start < 0) return undefined;
  const from = start === 0 ? 0 : start + 1;
  const next = heading.slice(from + header.length).search(/ {2}\S/);
  const end =
    next < 0 ? Math.max(...lines.map((line) => line.length)) + 2 : from + header.length + next + 2;
  return end - from - 2;
}

const session = (jobName: string, jobType: string, server: string): SessionRow => ({
  uid: `urn:veeam:BackupJobSession:${jobName}`,
  jobName,
  jobType,
  creationTime: '2026-11-25T02:10:00.000Z',
  endTime: '2026-11-25T02:12:00.000Z',
  state: 'Stopped',
  result: 'Warning',
  isRetry: false,
  running: false,
  durationSeconds: 112,
  server,
});

const task = (vmName: string, jobSessionName: string, reason: string): TaskRow => ({
  uid: `urn:veeam:BackupTaskSession:${vmName}`,
  vmName,
  jobSessionName,
  jobSessionUid: 'urn:veeam:BackupJobSession:1',
  family: 'Backup',
  creationTime: '2026-11-24T20:40:00.000Z',
  endTime: '2026-11-24T20:40:03.000Z',
  state: 'Stopped',
  result: 'Failed',
  reason,
  running: false,
  durationSeconds: 3,
  server: 'vbr01.example.com',
});

// As `vbem sessions --demo --since 7d` lists them: one running (`running 18m 42s`), one a retry.
const sessions: readonly SessionRow[] = [
  {
    ...session('Engineering NAS Backup', 'NasBackup', 'vbr01.example.com'),
    endTime: null,
    state: 'Working',
    result: 'None',
    running: true,
    durationSeconds: 1122,
  },
  session('Mail Gateways Backup Copy', 'BackupCopy', 'vbr01.example.com'),
  {
    ...session('Citrix Immediate Copy', 'ImmediateBackupCopy', 'vbr02.example.com'),
    isRetry: true,
  },
];
const finished = sessions.filter((row) => !row.running);

const reason =
  'Error: There is not enough space on the disk. Failed to write data to the file [E:\\Backups\\Linux Servers Backup\\Linux Servers BackupD2026-11-24T204040_DE4F.vib].';
// As `vbem tasks --demo --since 7d --result Failed` lists them.
const tasks: readonly TaskRow[] = [
  task('lnx04', 'Linux Servers Backup@2026-11-24 20:40:32.232', reason),
  task(
    'exch03',
    'Exchange Backup@2026-11-23 20:41:22.259',
    'Failed to prepare guest for hot backup.',
  ),
];

const sessionTable = (columns: number, rows: readonly SessionRow[] = sessions) =>
  tableAt(columns, (io) => new RowWriter(io, 'table', SESSION_COLUMNS, SESSION_ROW_FIELDS), rows);
const taskTable = (columns: number, rows: readonly TaskRow[] = tasks) =>
  tableAt(columns, (io) => new RowWriter(io, 'table', TASK_COLUMNS, TASK_ROW_FIELDS), rows);

describe('tables on a terminal', () => {
  it.each([40, 60, 80, 120])('every line of a table fits %i columns', (columns) => {
    for (const lines of [
      sessionTable(columns),
      sessionTable(columns, finished),
      taskTable(columns),
    ])
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
  });

  it('sessions at 120 columns: every column, the job name whole', () => {
    const lines = sessionTable(120);
    expect(lines[0]).toMatch(/ {2}Server +Retry$/);
    expect(lines[2]).toContain('  Mail Gateways Backup Copy  ');
    expect(lines[3]).toContain('  ImmediateBackupCopy  ');
  });

  it('sessions at 80 columns: the job name keeps at least 20 columns, the server and the type go before it', () => {
    for (const rows of [sessions, finished]) {
      const lines = sessionTable(80, rows);
      expect(columnWidth('Job', lines)).toBeGreaterThanOrEqual(20);
      expect(lines[0]).not.toContain('Server');
      expect(lines[0]).toMatch(/Retry$/);
      expect(lines.at(-1)).toMatch(/retry$/);
    }
    // A running session's duration takes 15 columns: no room is left for a type of 10.
    expect(sessionTable(80)[0]).not.toContain('Type');
    expect(sessionTable(80)[1]).toContain('  running 18m 42s');
    // Without one, the type keeps its 10 columns: BackupCopy whole.
    expect(sessionTable(80, finished)[1]).toContain('  BackupCopy  ');
  });

  it('sessions at 60 columns: the Retry column goes too, before the name gives up more; the duration stays whole', () => {
    const lines = sessionTable(60);
    expect(lines[0]).toBe('Created (UTC)      Job              Result          Duration');
    expect(lines[1]).toMatch(/ {2}Engineering NA… {2}Working {2}running 18m 42s$/);
    expect(columnWidth('Job', sessionTable(60, finished))).toBeGreaterThanOrEqual(20);
  });

  it('sessions at 40 columns: the job name keeps 8 columns, what is still over is cut off the end', () => {
    const lines = sessionTable(40);
    expect(columnWidth('Job', lines)).toBe(8);
    expect(lines[2]).toMatch(/^2026-11-25 02:10Z {2}Mail Ga… {2}Warning/);
  });

  it('tasks at 120 columns: the reason keeps 30 columns while the job session narrows', () => {
    const lines = taskTable(120);
    expect(columnWidth('Reason', lines)).toBeGreaterThanOrEqual(30);
    expect(lines[1]).toContain('Linux Servers Backup@');
  });

  it('tasks at 80 columns: the reason keeps 30 columns, the job session goes', () => {
    const lines = taskTable(80);
    expect(columnWidth('Reason', lines)).toBeGreaterThanOrEqual(30);
    expect(lines[0]).not.toContain('Job session');
    expect(lines[1]).toContain('  lnx04  ');
    expect(lines[1]).toContain('Error: There is not enough space');
  });

  it('tasks at 80 columns: a long VM name narrows to 10 columns and the reason still keeps 30', () => {
    const lines = taskTable(
      80,
      tasks.map((row) => ({ ...row, vmName: `${row.vmName}.corp.example.com`, result: 'Warning' })),
    );
    expect(columnWidth('VM', lines)).toBe(10);
    expect(columnWidth('Reason', lines)).toBe(30);
  });

  it('tasks at 60 columns: the reason is there, after the whole duration', () => {
    const lines = taskTable(60);
    expect(lines[0]).toMatch(/Duration {2}Reason$/);
    expect(lines[1]).toMatch(/ {2}3s {2}Error: There i…$/);
  });
});
