import { csvRecord, inertJson, renderTable, type TextColumn } from '@vbem/reporting';
import type { CliIo } from '../cli-io.js';
import { tableWidth, wantsColor } from '../cli-io.js';

export type RowFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const ROW_FORMATS: readonly RowFormat[] = ['table', 'json', 'ndjson', 'csv'];

/** A column of printed rows: its header, how to show a row's cell, and how to align it. */
export interface RowColumn<Row> extends TextColumn {
  cell(row: Row): string;
}

/**
 * Writes rows as a table (aligned to the terminal width), one JSON array, NDJSON or CSV.
 * JSON, NDJSON and CSV go out row by row as they come, so a long crawl prints as it goes. Server text
 * is inert in each: table and CSV cells are single lines (`toSingleLine`, which `csvRecord`
 * applies), JSON escapes control and bidi characters (`inertJson`).
 */
export class RowWriter<Row extends object> {
  readonly #io: CliIo;
  readonly #format: RowFormat;
  readonly #columns: readonly RowColumn<Row>[];
  readonly #held: Row[] = [];
  #count = 0;

  constructor(io: CliIo, format: RowFormat, columns: readonly RowColumn<Row>[]) {
    this.#io = io;
    this.#format = format;
    this.#columns = columns;
  }

  get count(): number {
    return this.#count;
  }

  write(row: Row): void {
    this.#count++;
    if (this.#format === 'ndjson') {
      this.#io.stdout.write(`${inertJson(row)}\n`);
    } else if (this.#format === 'json') {
      // Written as it comes, as JSON.stringify(rows, null, 2) would write the array: no string
      // of every row at once, which past about a million rows is longer than a string can be.
      const element = inertJson(row, 2).replace(/^/gm, '  ');
      this.#io.stdout.write(`${this.#count === 1 ? '[\n' : ',\n'}${element}`);
    } else if (this.#format === 'csv') {
      if (this.#count === 1) this.#io.stdout.write(csvRecord(Object.keys(row)));
      this.#io.stdout.write(csvRecord(Object.values(row).map(csvValue)));
    } else {
      this.#held.push(row);
    }
  }

  /** Prints what was held (a table) or closes the JSON array; `empty` is said plainly when a table has no rows. */
  end(empty: string): void {
    if (this.#format === 'json') {
      this.#io.stdout.write(this.#count === 0 ? '[]\n' : '\n]\n');
    } else if (this.#format === 'table') {
      if (this.#held.length === 0) {
        this.#io.stdout.write(`${empty}\n`);
        return;
      }
      const rows = this.#held.map((row) => this.#columns.map((column) => column.cell(row)));
      this.#io.stdout.write(
        renderTable(this.#columns, rows, {
          width: tableWidth(this.#io),
          color: wantsColor(this.#io),
        }),
      );
    }
  }
}

function csvValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value.toISOString();
  return inertJson(value);
}
