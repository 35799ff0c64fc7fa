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

  it('shares the CSV and duration formats of the renderers', () => {
    expect(csvRecord(['=cmd', 'a,b', 3])).toBe(`'=cmd,"a,b",3\r\n`);
    expect(formatDuration(725)).toBe('12m 5s');
  });
});
