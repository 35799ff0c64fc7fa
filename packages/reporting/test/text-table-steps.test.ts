import { describe, expect, it } from 'vitest';
import { fitLine, paintLine, span } from '../src/render/styled-line.js';
import { type TextColumn, textTable } from '../src/render/text-table.js';

const plain = (lines: ReturnType<typeof textTable>) =>
  lines.map((line) => paintLine(fitLine(line, 200), false));

describe('textTable narrowing steps', () => {
  const columns: readonly TextColumn[] = [
    { header: 'Name', align: 'start', shrinks: true, keeps: 10 },
    {
      header: 'Kind',
      align: 'start',
      narrows: [
        { order: 1, min: 6 },
        { order: 2, leftOut: true },
      ],
    },
    { header: 'Flag', align: 'start', narrows: { order: 3, leftOut: true } },
    { header: 'Time', align: 'end' },
  ];
  const rows = [
    [span('a rather long name here'), span('BackupCopyJob'), span('yes'), span('running 18m 42s')],
  ];

  it('runs the steps in their order while the table is too wide', () => {
    // Natural: 23 + 13 + 4 + 15 and three gaps = 61. At 46 the name is down to 10, the kind to 11.
    expect(plain(textTable(columns, rows, 46))).toEqual([
      'Name        Kind         Flag             Time',
      'a rather …  BackupCopy…  yes   running 18m 42s',
    ]);
  });

  it('leaves a column out whole, not as a sliver, and the name takes back what that freed', () => {
    // The kind at 6 is still 2 over; leaving it out frees 8, and the name takes back 6.
    expect(plain(textTable(columns, rows, 39))).toEqual([
      'Name              Flag             Time',
      'a rather long n…  yes   running 18m 42s',
    ]);
  });

  it('narrows the shrinking column below what it keeps only after every other step', () => {
    expect(plain(textTable(columns, rows, 26))).toEqual([
      'Name                  Time',
      'a rather…  running 18m 42s',
    ]);
  });
});
