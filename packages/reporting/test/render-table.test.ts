import { csvRecord, formatDuration, renderTable } from '@vbem/reporting';
import { describe, expect, it } from 'vitest';

describe('renderTable', () => {
  const columns = [
    { header: 'Job', align: 'start', shrinks: true },
    { header: 'Runs', align: 'end' },
  ] as const;

  it('aligns columns two spaces apart, numbers to the end', () => {
    expect(
      renderTable(columns, [
        ['SQL Backup', '12'],
        ['Web', '3'],
      ]),
    ).toBe('Job         Runs\nSQL Backup    12\nWeb            3\n');
  });

  it('cuts the shrinking column to fit the width, and colours only when asked', () => {
    const text = renderTable(columns, [['A very long job name indeed', '1']], { width: 20 });
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(20);
    expect(text).toContain('…');
    expect(text).not.toContain('\x1b[');
    expect(renderTable(columns, [['x', '1']], { color: true })).toContain('\x1b[1m');
  });

  it('makes server text inert: no control, escape or bidi characters, no line breaks', () => {
    const text = renderTable(
      [
        { header: 'VM', align: 'start' },
        { header: 'Reason', align: 'start', shrinks: true },
      ],
      [['vm01\x1b[2J\x1b]0;owned\x07', 'Error: disk full\r\nProcessing vm02\u202Egnp.exe']],
    );
    expect(text.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\u202E]/u);
    expect(text.trimEnd().split('\n')).toHaveLength(2);
    expect(text).toContain('vm01\uFFFD[2J\uFFFD]0;owned\uFFFD');
    expect(text).toContain('Error: disk full Processing vm02\uFFFDgnp.exe');
  });

  it('cuts lines that the shrinking column alone cannot bring within the width', () => {
    const text = renderTable(
      [
        { header: 'A', align: 'start' },
        { header: 'B', align: 'start' },
        { header: 'C', align: 'start', shrinks: true },
      ],
      [['x'.repeat(50), 'y'.repeat(50), 'z'.repeat(20)]],
      { width: 80 },
    );
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/…$/);
  });

  it('narrows the other columns in their order before cutting the shrinking one below what it keeps', () => {
    const narrowing = [
      { header: 'Key', align: 'start', shrinks: true, keeps: 12 },
      { header: 'Second', align: 'start', narrows: { order: 2, min: 6 } },
      { header: 'First', align: 'start', narrows: { order: 1, min: 5 } },
      { header: 'Fixed', align: 'start' },
    ] as const;
    const row = ['k'.repeat(30), 's'.repeat(20), 'f'.repeat(20), 'x'.repeat(10)];
    const widths = (width: number) => {
      const [, line = ''] = renderTable(narrowing, [row], { width }).trimEnd().split('\n');
      expect(line.length).toBeLessThanOrEqual(width);
      return line.split('  ').map((cell) => cell.length);
    };
    // Whole: 30 + 20 + 20 + 10 and three gaps.
    expect(widths(86)).toEqual([30, 20, 20, 10]);
    // The key column first, down to what it keeps.
    expect(widths(70)).toEqual([14, 20, 20, 10]);
    // Then First down to its least, then Second.
    expect(widths(60)).toEqual([12, 20, 12, 10]);
    expect(widths(45)).toEqual([12, 12, 5, 10]);
    // Then the key column down to 8; what is still over is cut off the line.
    expect(widths(37)).toEqual([10, 6, 5, 10]);
    expect(widths(35)).toEqual([8, 6, 5, 10]);
    expect(widths(30)).toEqual([8, 6, 5, 5]);
  });

  it('leaves out a column that narrows to nothing, with its gap', () => {
    const columns = [
      { header: 'Name', align: 'start', shrinks: true },
      { header: 'Notes', align: 'start', narrows: { order: 1, min: 0 } },
      { header: 'Count', align: 'end' },
    ] as const;
    const rows = [['name', 'a long note', '12']];
    expect(renderTable(columns, rows, { width: 28 })).toBe(
      'Name  Notes        Count\nname  a long note     12\n',
    );
    expect(renderTable(columns, rows, { width: 13 })).toBe('Name  Count\nname     12\n');
  });

  it('leaves out a column with nothing in any row before any column with something is narrowed', () => {
    const columns = [
      { header: 'Job', align: 'start', shrinks: true, keeps: 12 },
      { header: 'Server', align: 'start', narrows: { order: 1, min: 4 } },
      { header: 'Retry', align: 'start' },
    ] as const;
    const rows = [
      ['Finance Apps Backup', 'vbr01', ''],
      ['SQL Backup', 'vbr02', ''],
    ];
    // Wide enough: the header of an empty column stays.
    expect(renderTable(columns, rows, { width: 80 }).split('\n')[0]).toBe(
      'Job                  Server  Retry',
    );
    // Too narrow: the empty column goes whole, and the job name keeps its width.
    expect(renderTable(columns, rows, { width: 30 })).toBe(
      'Job                  Server\nFinance Apps Backup  vbr01\nSQL Backup           vbr02\n',
    );
    // A column with one cell in it stays, and the others give up width as before.
    const retried = [...rows, ['HR Apps', 'vbr01', 'retry']];
    expect(renderTable(columns, retried, { width: 30 }).split('\n')[3]).toBe(
      'HR Apps          vbr01   retry',
    );
  });

  it('shares the CSV and duration formats of the renderers', () => {
    expect(csvRecord(['=cmd', 'a,b', 3])).toBe(`'=cmd,"a,b",3\r\n`);
    expect(formatDuration(725)).toBe('12m 5s');
  });
});
