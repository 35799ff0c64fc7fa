import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { SESSION_COLUMNS } from '../src/commands/sessions.js';
import { TASK_COLUMNS } from '../src/commands/tasks.js';
import { RowWriter } from '../src/output/row-writer.js';
import { SESSION_ROW_FIELDS, type SessionRow } from '../src/output/session-rows.js';
import { TASK_ROW_FIELDS, type TaskRow } from '../src/output/task-rows.js';

/** A RowWriter over an io whose stdout collects every write apart. */
function writerOf(format: 'json' | 'ndjson' | 'csv', fields: readonly string[] = []) {
  const writes: string[] = [];
  const io = { stdout: { write: (text: string) => writes.push(text) > 0 } } as unknown as CliIo;
  const columns = [{ header: 'A', align: 'start' as const, cell: () => '' }];
  return { writer: new RowWriter<Record<string, unknown>>(io, format, columns, fields), writes };
}

describe('RowWriter', () => {
  it.each([0, 1, 3])(
    'writes %i rows of JSON at the end as JSON.stringify would, a row a write',
    (count) => {
      const rows = Array.from({ length: count }, (_, i) => ({
        id: i,
        name: `row "${i}"\nsecond line`,
        nested: { list: [1, 2], empty: {}, none: null },
      }));
      const { writer, writes } = writerOf('json');
      for (const row of rows) writer.write(row);
      // Nothing before the end: a crawl that fails half way prints no half array.
      expect(writes).toHaveLength(0);
      writer.end('nothing');
      expect(writes.join('')).toBe(`${JSON.stringify(rows, null, 2)}\n`);
      expect(writes).toHaveLength(count === 0 ? 1 : count + 1);
    },
  );

  it('keeps JSON inert: control and bidi characters as escapes, in every format', () => {
    for (const format of ['json', 'ndjson'] as const) {
      const { writer, writes } = writerOf(format);
      writer.write({ name: 'a\u009b31m\u202Eb' });
      writer.end('nothing');
      expect(writes.join('')).toContain('a\\u009b31m\\u202eb');
    }
  });

  it('writes the CSV header of the fields, in their order, even when no row comes', () => {
    const empty = writerOf('csv', ['uid', 'name', 'when']);
    empty.writer.end('nothing');
    expect(empty.writes.join('')).toBe('uid,name,when\r\n');

    const { writer, writes } = writerOf('csv', ['uid', 'name', 'when']);
    writer.write({ when: new Date('2026-11-27T00:00:00Z'), name: '=cmd', uid: 'u1' });
    writer.end('nothing');
    expect(writes.join('')).toBe("uid,name,when\r\nu1,'=cmd,2026-11-27T00:00:00.000000Z\r\n");
  });
});

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

/** The width a column takes: from its header to the next one's, less the gap. */
function columnWidth(header: string, next: string | undefined, lines: readonly string[]): number {
  const [heading = ''] = lines;
  const start = heading.indexOf(header);
  const end =
    next === undefined ? Math.max(...lines.map((line) => line.length)) + 2 : heading.indexOf(next);
  return end - start - 2;
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
  type: 'Backup',
  creationTime: '2026-11-24T20:40:00.000Z',
  endTime: '2026-11-24T20:40:03.000Z',
  state: 'Stopped',
  result: 'Failed',
  reason,
  running: false,
  durationSeconds: 3,
  server: 'vbr01.example.com',
});

describe('tables on a terminal', () => {
  // One of them a retry, so that the Retry column has something in it.
  const sessions = [
    session('Mail Gateways Backup Copy', 'BackupCopy', 'vbr01.example.com'),
    {
      ...session('Citrix Immediate Copy', 'ImmediateBackupCopy', 'vbr02.example.com'),
      isRetry: true,
    },
  ];
  const sessionTable = (columns: number, rows: readonly SessionRow[] = sessions) =>
    tableAt(columns, (io) => new RowWriter(io, 'table', SESSION_COLUMNS, SESSION_ROW_FIELDS), rows);
  const reason =
    'Error: There is not enough space on the disk. Failed to write data to the file [E:\\Backups\\Linux Servers Backup\\Linux Servers BackupD2026-11-24T204040_DE4F.vib].';
  const tasks = [
    task('lnx04', 'Linux Servers Backup@2026-11-24 20:40:32.232', reason),
    task(
      'exch03',
      'Exchange Backup@2026-11-23 20:41:22.259',
      'Failed to prepare guest for hot backup.',
    ),
  ];
  const taskTable = (columns: number) =>
    tableAt(columns, (io) => new RowWriter(io, 'table', TASK_COLUMNS, TASK_ROW_FIELDS), tasks);

  it('sessions at 80 columns: server and type give up width before the job name, and every column stays', () => {
    const lines = sessionTable(80);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/Server {2}Retry$/);
    expect(columnWidth('Job', 'Type', lines)).toBeGreaterThanOrEqual(15);
    expect(lines[1]).toContain('Mail Gateways …');
    // The type keeps its 10 columns: BackupCopy whole.
    expect(lines[1]).toContain('  BackupCopy  ');
  });

  it('sessions at 80 columns with no retry: the empty Retry column goes first, the job name keeps 20', () => {
    const lines = sessionTable(
      80,
      sessions.map((row) => ({ ...row, isRetry: false })),
    );
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/ {2}Server$/);
    expect(columnWidth('Job', 'Type', lines)).toBe(20);
    expect(lines[1]).toContain('Mail Gateways Backu…');
  });

  it('sessions at 100 columns: the job name keeps 20 columns, the type stays whole', () => {
    const lines = sessionTable(100);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(columnWidth('Job', 'Type', lines)).toBe(20);
    expect(lines[2]).toContain('  ImmediateBackupCopy  ');
    expect(lines[1]).toMatch(/vbr01\.exa[a-z.]*…$/);
  });

  it('tasks at 100 columns: the job session gives up width, the reason keeps 30 columns', () => {
    const lines = taskTable(100);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(columnWidth('Reason', undefined, lines)).toBe(30);
    expect(lines[1]).toMatch(/ {2}Error: There is not enough sp…$/);
    expect(lines[1]).toContain('Linux Servers Backup@');
  });

  it('tasks at 80 columns: the reason is still more than a word once the others are at their least', () => {
    const lines = taskTable(80);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/Reason$/);
    expect(columnWidth('Reason', undefined, lines)).toBeGreaterThanOrEqual(15);
    expect(lines[1]).toContain('Error: There is');
  });

  it('into a pipe, every cell stays whole', () => {
    const lines = tableAt(
      Number.NaN,
      (io) =>
        new RowWriter(
          { ...io, stdout: { ...io.stdout, isTTY: false } },
          'table',
          TASK_COLUMNS,
          TASK_ROW_FIELDS,
        ),
      tasks,
    );
    expect(lines[1]).toContain(reason);
  });
});
