import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { RowWriter } from '../src/output/row-writer.js';

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
