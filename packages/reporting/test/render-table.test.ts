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

  it('shares the CSV and duration formats of the renderers', () => {
    expect(csvRecord(['=cmd', 'a,b', 3])).toBe(`'=cmd,"a,b",3\r\n`);
    expect(formatDuration(725)).toBe('12m 5s');
  });
});
