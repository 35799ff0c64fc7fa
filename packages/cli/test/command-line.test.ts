import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { tableWidth } from '../src/cli-io.js';
import { main } from '../src/main.js';

const NOW = new Date('2026-11-25T12:00:00Z');

/** `vbem argv…` in-process, with no EM and no terminal. */
async function vbem(
  argv: readonly string[],
  env: Record<string, string> = {},
  terminal?: { columns: number | undefined },
) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: {
      write: (text: string) => (stdout += text),
      ...(terminal ? { isTTY: true, columns: terminal.columns } : {}),
    },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    env: { HOME: '/nonexistent', ...env },
    signal: new AbortController().signal,
    now: () => NOW,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('extra positional arguments are usage errors, not ignored', () => {
  it.each([
    [['sessions', '--demo', '--result', 'Failed', 'Warning'], 'Warning'],
    [['report', '--demo', '--format', 'html', 'weekly.html'], 'weekly.html'],
    [['query', 'Job', '--demo', 'extra'], 'extra'],
    [['sessions', 'show', 'id', 'other', '--demo'], 'other'],
    [['doctor', '--demo', 'now'], 'now'],
    [['emulator', '--port', '0', 'x'], 'x'],
  ])('vbem %j: exit 2', async (argv) => {
    const run = await vbem(argv);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/too many arguments/);
    expect(run.stdout).toBe('');
  });

  it('check: UNKNOWN (3) with a status line', async () => {
    const run = await vbem(['check', '--demo', '--job', 'sql', 'backup']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^VBEM UNKNOWN - too many arguments[^\n]*\n$/);
  });
});

describe('a terminal that reports no width', () => {
  it('tableWidth: 0 or a negative width is unknown (80); a tiny one is raised to 40', () => {
    const width = (columns: number | undefined) =>
      tableWidth({ stdout: { write: () => true, isTTY: true, columns } } as unknown as CliIo);
    expect(width(undefined)).toBe(80);
    expect(width(0)).toBe(80);
    expect(width(-1)).toBe(80);
    expect(width(10)).toBe(40);
    expect(width(132)).toBe(132);
  });

  it('sessions and report print their tables, not blank lines', async () => {
    for (const argv of [
      ['sessions', '--demo', '--since', '1d'],
      ['report', '--demo', '--no-tasks'],
    ]) {
      const run = await vbem(argv, { NO_COLOR: '1' }, { columns: 0 });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Job [^\n]*\n[^\n]*Backup/);
      expect(run.stdout.replace(/\s/g, '').length).toBeGreaterThan(500);
      expect(run.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    }
  });
});
