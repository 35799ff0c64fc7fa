import { csvRecord, inertJson, renderTable, type TextColumn } from '@vbem/reporting';
import type { CliIo } from '../cli-io.js';
import { tableWidth, wantsColor } from '../cli-io.js';
import { isoTime } from './iso-time.js';

export type RowFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const ROW_FORMATS: readonly RowFormat[] = ['table', 'json', 'ndjson', 'csv'];

/** A column of printed rows: its header, how to show a row's cell, and how to align it. */
export interface RowColumn<Row> extends TextColumn {
  cell(row: Row): string;
}

/** The column as renderTable takes it: renderTable refuses a key it does not know, as `cell`. */
const textColumnOf = <Row>({ cell: _cell, ...column }: RowColumn<Row>): TextColumn => column;

/**
 * Writes rows as a table (aligned to the terminal width), one JSON array, NDJSON or CSV.
 * NDJSON and CSV go out row by row as they come, so a long crawl prints as it goes; JSON and
 * the table wait for the last row. Server text
 * is inert in each: table and CSV cells are single lines (`toSingleLine`, which `csvRecord`
 * applies), JSON escapes control and bidi characters (`inertJson`).
 */
export class RowWriter<Row extends object> {
  readonly #io: CliIo;
  readonly #format: RowFormat;
  readonly #columns: readonly RowColumn<Row>[];
  readonly #fields: readonly (keyof Row & string)[];
  readonly #held: Row[] = [];
  #count = 0;

  /**
   * `fields`: the properties of a row, in order: the CSV header, written even when no row comes,
   * so that a script or a spreadsheet gets the columns of an empty listing.
   */
  constructor(
    io: CliIo,
    format: RowFormat,
    columns: readonly RowColumn<Row>[],
    fields: readonly (keyof Row & string)[],
  ) {
    this.#io = io;
    this.#format = format;
    this.#columns = columns;
    this.#fields = fields;
  }

  get count(): number {
    return this.#count;
  }

  write(row: Row): void {
    this.#count++;
    if (this.#format === 'ndjson') {
      this.#io.stdout.write(`${inertJson(row)}\n`);
    } else if (this.#format === 'csv') {
      if (this.#count === 1) this.#io.stdout.write(csvRecord(this.#fields));
      this.#io.stdout.write(csvRecord(this.#fields.map((field) => csvValue(row[field]))));
    } else {
      this.#held.push(row);
    }
  }

  /**
   * Prints what was held (table, JSON), or the CSV header alone when no row came; `empty` is said
   * plainly when a table has no rows.
   */
  end(empty: string): void {
    if (this.#format === 'csv' && this.#count === 0) {
      this.#io.stdout.write(csvRecord(this.#fields));
    } else if (this.#format === 'json') {
      // Held until the end, so that a crawl that fails prints no half array; then written a row
      // at a time, as JSON.stringify(rows, null, 2) would write it: one string of every row is,
      // past about a million rows, longer than a string can be.
      if (this.#held.length === 0) {
        this.#io.stdout.write('[]\n');
        return;
      }
      this.#held.forEach((row, index) => {
        const element = inertJson(row, 2).replace(/^/gm, '  ');
        this.#io.stdout.write(`${index === 0 ? '[\n' : ',\n'}${element}`);
      });
      this.#io.stdout.write('\n]\n');
    } else if (this.#format === 'table') {
      if (this.#held.length === 0) {
        this.#io.stdout.write(`${empty}\n`);
        return;
      }
      const rows = this.#held.map((row) => this.#columns.map((column) => column.cell(row)));
      this.#io.stdout.write(
        renderTable(this.#columns.map(textColumnOf), rows, {
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
  if (value instanceof Date) return isoTime(value);
  return inertJson(value);
}
