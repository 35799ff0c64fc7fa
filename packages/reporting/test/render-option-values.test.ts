import {
  ReportError,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderPrometheus,
  renderTable,
  renderText,
  type TextColumn,
} from '@vbem/reporting';
import { describe, expect, it } from 'vitest';
import { smallReport } from './render-fixtures.js';

// From JavaScript, or through a cast: the types would refuse every one of these.
const loose = <T>(value: unknown): T => value as T;
const COLUMNS: readonly TextColumn[] = [
  { header: 'Name', align: 'start', shrinks: true },
  { header: 'Count', align: 'end' },
];

describe('render option values outside their types', () => {
  it('a flag must be a boolean: a string or a number is refused, not read as truthy or ignored', () => {
    const r = smallReport();
    const cases: readonly [() => string, string][] = [
      [
        () => renderText(r, loose({ color: 'no' })),
        'color must be true, false or undefined, not a string',
      ],
      [
        () => renderText(r, loose({ color: 1 })),
        'color must be true, false or undefined, not a number',
      ],
      [
        () => renderJson(r, loose({ pretty: 'false' })),
        'pretty must be true, false or undefined, not a string',
      ],
      [
        () => renderJson(r, loose({ pretty: 2 })),
        'pretty must be true, false or undefined, not a number',
      ],
      [
        () => renderTable(COLUMNS, [], loose({ color: 'yes' })),
        'color must be true, false or undefined, not a string',
      ],
      [
        () => renderCsv(r, loose({ bom: 'yes' })),
        'bom must be true, false or undefined, not a string',
      ],
    ];
    for (const [render, message] of cases) {
      expect(render).toThrow(new ReportError('invalid-option', message));
    }
    expect(renderText(r, { color: false })).not.toContain('\u001b[');
    expect(renderJson(r, { pretty: false })).toBe(renderJson(r));
    expect(renderJson(r, { pretty: true }).split('\n').length).toBeGreaterThan(3);
  });

  it("renderHtml's title must be a string", () => {
    const r = smallReport();
    expect(() => renderHtml(r, loose({ title: 42 }))).toThrow(
      new ReportError('invalid-option', 'title must be a string or undefined, not a number'),
    );
    expect(() => renderHtml(r, loose({ title: { toString: () => '<script>' } }))).toThrow(
      new ReportError('invalid-option', 'title must be a string or undefined, not an object'),
    );
    expect(renderHtml(r, { title: 'Weekly <b>' })).toContain('<title>Weekly &lt;b&gt;</title>');
  });

  it("renderTable's width is a whole number of 1 or more, as renderText's", () => {
    for (const [width, shown] of [
      ['abc', '"abc"'],
      [Number.NaN, 'NaN'],
      [1.5, '1.5'],
      [0, '0'],
      [-5, '-5'],
      [null, 'null'],
    ] as const) {
      const message = `width must be a whole number of 1 or more, not ${shown}`;
      expect(() => renderTable(COLUMNS, [['a', '1']], loose({ width }))).toThrow(
        new ReportError('invalid-option', message),
      );
      expect(() => renderText(smallReport(), loose({ width }))).toThrow(
        new ReportError('invalid-option', message),
      );
    }
    expect(renderTable(COLUMNS, [['a', '1']], { width: 1 })).toBe('…\n…\n');
  });

  it('top and prefix name a value given as text quoted', () => {
    const r = smallReport();
    expect(() => renderMarkdown(r, loose({ top: '3' }))).toThrow(
      new ReportError('invalid-option', 'top must be a whole number of 1 or more, not "3"'),
    );
    expect(() => renderPrometheus(r, loose({ prefix: ['vbem'] }))).toThrow(
      new ReportError(
        'invalid-option',
        'prefix must be a metric name ([a-zA-Z_][a-zA-Z0-9_]*), not an array',
      ),
    );
  });
});

describe('renderTable cells outside their type', () => {
  it('names the row and column of a cell that is no string, instead of a TypeError', () => {
    expect(() =>
      renderTable(
        COLUMNS,
        loose([
          ['a', '1'],
          ['b', 5],
        ]),
      ),
    ).toThrow(
      new ReportError('invalid-input', 'renderTable: rows[1][1] is a number, not a string'),
    );
    expect(() => renderTable(COLUMNS, loose([[null, '1']]))).toThrow(
      new ReportError('invalid-input', 'renderTable: rows[0][0] is null, not a string'),
    );
    expect(() => renderTable(COLUMNS, loose(['a']))).toThrow(
      new ReportError('invalid-input', 'renderTable: rows[0] is a string, not an array of strings'),
    );
    expect(() => renderTable(COLUMNS, loose(null))).toThrow(
      new ReportError('invalid-input', 'renderTable: rows is null, not an array of rows'),
    );
    expect(() => renderTable(loose([{ header: 7, align: 'start' }]), [['a']])).toThrow(
      new ReportError('invalid-input', 'renderTable: columns[0].header is a number, not a string'),
    );
  });

  it('names a narrowing step outside its type, instead of laying out NaN widths', () => {
    const narrowing = (narrows: unknown) =>
      renderTable(
        [
          { header: 'Name', align: 'start', shrinks: true },
          loose({ header: 'Type', align: 'start', narrows }),
        ],
        [['a long enough name', 'Backup']],
        { width: 10 },
      );
    const refused = (message: string) =>
      new ReportError('invalid-input', `renderTable: ${message}`);
    expect(() => narrowing({ order: 1 })).toThrow(
      refused(
        'columns[1].narrows.min is missing, not a whole number of 0 or more (or leftOut: true)',
      ),
    );
    expect(() =>
      narrowing([
        { order: 1, min: 2 },
        { order: 2, leftOut: false },
      ]),
    ).toThrow(refused('columns[1].narrows[1].leftOut is false, not true or missing'));
    expect(() => narrowing({ order: '1', min: 2 })).toThrow(
      refused('columns[1].narrows.order is "1", not a finite number'),
    );
    expect(() => narrowing([{ order: 1, min: -1 }])).toThrow(
      refused(
        'columns[1].narrows[0].min is -1, not a whole number of 0 or more (or leftOut: true)',
      ),
    );
    expect(() => narrowing({ order: 1, min: 2, leftOut: true })).toThrow(
      refused('columns[1].narrows.min is 2, not missing beside leftOut: true (give one of them)'),
    );
    expect(() => narrowing(5)).toThrow(
      refused(
        'columns[1].narrows is a number, not a step { order, min } or { order, leftOut: true }',
      ),
    );
    expect(
      narrowing([
        { order: 1, min: 2 },
        { order: 2, leftOut: true },
      ]),
    ).toBe('Name\na long en…\n');
    // leftOut given as undefined is not given: the step narrows, as without it.
    const table = (narrows: unknown) =>
      renderTable(
        [
          { header: 'Name', align: 'start', shrinks: true },
          loose({ header: 'Type', align: 'start', narrows }),
          { header: 'Result', align: 'start' },
        ],
        [['a long enough name', 'Backup', 'Success']],
        { width: 22 },
      );
    expect(table({ order: 1, min: 4, leftOut: undefined })).toBe(table({ order: 1, min: 4 }));
    expect(table({ order: 1, min: 4 })).not.toBe(table({ order: 1, leftOut: true }));
  });

  it('refuses a column option value outside its type, naming the column, option, value and what it may be', () => {
    const column = (options: object) =>
      renderTable([COLUMNS[0] as TextColumn, loose({ header: 'Count', ...options })], [['a', '1']]);
    const refused = (message: string) =>
      new ReportError('invalid-input', `renderTable: ${message}`);
    // Before, anything but 'start' aligned to the end: 'left' too, without a word.
    expect(() => column({ align: 'rigth' })).toThrow(
      refused('columns[1].align is "rigth", not "start" or "end"'),
    );
    expect(() => column({ align: 'left' })).toThrow(
      refused('columns[1].align is "left", not "start" or "end"; did you mean "start"?'),
    );
    expect(() => column({ align: 'right' })).toThrow(
      refused('columns[1].align is "right", not "start" or "end"; did you mean "end"?'),
    );
    expect(() => column({ align: 'End' })).toThrow(
      refused('columns[1].align is "End", not "start" or "end"; did you mean "end"?'),
    );
    expect(() => column({ align: 5 })).toThrow(
      refused('columns[1].align is 5, not "start" or "end"'),
    );
    expect(() => column({ align: () => 'end' })).toThrow(
      refused('columns[1].align is a function, not "start" or "end"'),
    );
    expect(() => column({})).toThrow(refused('columns[1].align is missing, not "start" or "end"'));
    expect(() => column({ align: 'end', shrinks: 'yes' })).toThrow(
      refused('columns[1].shrinks is "yes", not true, false or missing'),
    );
    expect(() => column({ align: 'end', shrinks: () => true })).toThrow(
      refused('columns[1].shrinks is a function, not true, false or missing'),
    );
    for (const [keeps, shown] of [
      [Number.NaN, 'NaN'],
      [-1, '-1'],
      [2.5, '2.5'],
      ['30', '"30"'],
      [null, 'null'],
    ] as const) {
      expect(() => column({ align: 'end', keeps })).toThrow(
        refused(`columns[1].keeps is ${shown}, not a whole number of 0 or more, or missing`),
      );
    }
    expect(column({ align: 'end', shrinks: false, keeps: 0 })).toBe(column({ align: 'end' }));
  });

  it('refuses a column or narrowing step key that misspells one it knows, as an option, naming every one', () => {
    const refused = (message: string) =>
      new ReportError('invalid-input', `renderTable: ${message}`);
    expect(() =>
      renderTable([COLUMNS[0] as TextColumn, loose({ header: 'Count', aling: 'end' })], []),
    ).toThrow(refused('columns[1].aling is not a key of a column; did you mean columns[1].align?'));
    expect(() =>
      renderTable(loose([{ header: 'Name', align: 'start', shrink: true, keep: 20 }]), []),
    ).toThrow(
      refused(
        'columns[0].shrink (did you mean columns[0].shrinks?) and columns[0].keep (did you mean columns[0].keeps?) are not keys of a column',
      ),
    );
    // A misspelling is refused beside a key of the caller's own, which is not named.
    expect(() =>
      renderTable(loose([{ header: 'Name', align: 'start', cell: () => 'a', Shrinks: true }]), []),
    ).toThrow(
      refused('columns[0].Shrinks is not a key of a column; did you mean columns[0].shrinks?'),
    );
    expect(() =>
      renderTable(loose([{ header: 'Name', align: 'start', narrows: [{ order: 1, Min: 3 }] }]), []),
    ).toThrow(
      refused(
        'columns[0].narrows[0].Min is not a key of a narrowing step; did you mean columns[0].narrows[0].min?',
      ),
    );
    // A step whose known keys make it a step: the extra key would be ignored.
    expect(() =>
      renderTable(
        loose([{ header: 'Name', align: 'start', narrows: { order: 1, min: 3, leftout: true } }]),
        [],
      ),
    ).toThrow(
      refused(
        'columns[0].narrows.leftout is not a key of a narrowing step; did you mean columns[0].narrows.leftOut?',
      ),
    );
    // A known key given as undefined is not given.
    expect(
      renderTable(
        [{ header: 'Name', align: 'start', shrinks: undefined, narrows: undefined }],
        [['a']],
      ),
    ).toBe('Name\na\n');
  });

  it("lets be a key of the caller's own, one that misspells none it knows", () => {
    // A TypeScript caller's column type may extend TextColumn: it compiles, so it must render.
    interface SessionColumn extends TextColumn {
      readonly cell: (name: string) => string;
      readonly id: number;
    }
    const columns: SessionColumn[] = [
      { header: 'Name', align: 'start', cell: (name) => name, id: 1 },
      {
        header: 'Type',
        align: 'start',
        cell: () => 'Backup',
        id: 2,
        narrows: { order: 1, min: 0 },
      },
    ];
    const rows = [['a long enough name', 'Backup']];
    const plain: TextColumn[] = [
      { header: 'Name', align: 'start' },
      { header: 'Type', align: 'start', narrows: { order: 1, min: 0 } },
    ];
    expect(renderTable(columns, rows)).toBe(renderTable(plain, rows));
    const stepped = (narrows: unknown) =>
      renderTable(
        [
          { header: 'Name', align: 'start', shrinks: true },
          loose({ header: 'Type', align: 'start', narrows }),
        ],
        rows,
        { width: 20 },
      );
    expect(stepped({ order: 1, min: 0, why: 'room' })).toBe(stepped({ order: 1, min: 0 }));
  });

  it('refuses an array for a column or a narrowing step by its shape, not by its keys', () => {
    expect(() => renderTable(loose([['Name', 'start']]), [])).toThrow(
      new ReportError(
        'invalid-input',
        'renderTable: columns[0] is an array with a string at [0], not a column',
      ),
    );
    expect(() =>
      renderTable(loose([{ header: 'Name', align: 'start', narrows: [[1, 0]] }]), []),
    ).toThrow(
      new ReportError(
        'invalid-input',
        'renderTable: columns[0].narrows[0] is an array with a number at [0], not a step { order, min } or { order, leftOut: true }',
      ),
    );
  });

  it('still lays out short and long rows: a missing cell is empty, an extra one left out', () => {
    expect(renderTable(COLUMNS, [['a'], ['b', '2', 'extra']])).toBe(
      'Name  Count\na\nb         2\n',
    );
  });
});
