import type { Progress } from '../progress.js';
import { newestFirst } from './creation-time.js';
import type { RowWriter } from './row-writer.js';

/** What `sessions()` and `taskSessions()` return: pages of items, and how many pages so far. */
export interface PagedCrawl<Item> {
  pages(): AsyncIterable<{ readonly items: readonly Item[] }>;
  readonly stats: { readonly pages: number };
}

/**
 * The share of the window a `--limit` listing reads first, back from its end (at least an hour);
 * each next read is twice as long, so that five reads at most cover the window.
 */
const FIRST_SHARE = 1 / 16;
const MIN_FIRST_SPAN_MS = 3_600_000;

/** What a listing read and wrote. */
export interface Listed {
  readonly rows: number;
  readonly pages: number;
}

/** The rows a listing read, newest first (all of them: a `limit` only stops the reading). */
export interface ReadRows<Row> extends Listed {
  readonly read: readonly Row[];
}

/**
 * Reads the sessions of [since, until) into rows, newest first. Rows, not items, are kept until
 * the sort: flat copies (via JSON) share no memory with the decoded pages, which a kept slice of
 * a string would hold whole.
 *
 * With a `limit`, the window is read backwards from its end, a sixteenth of it first, then twice
 * as much each time, until `limit` rows are read: `--limit 10` over 30 days of a busy EM reads
 * about its last two days, not the month.
 */
export async function readNewestFirst<Item, Row extends { readonly creationTime: string }>(
  crawlOf: (since: Date, until: Date) => PagedCrawl<Item>,
  [since, until]: readonly [Date, Date],
  toRow: (item: Item) => Row,
  input: { readonly progress: Progress; readonly limit: number | undefined },
): Promise<ReadRows<Row>> {
  const rows: Row[] = [];
  let pages = 0;
  // The window's own bounds as given (an EM 13 time keeps its microseconds); the parts of it
  // that --limit reads are cut at whole milliseconds between them.
  const boundOf = (ms: number): Date =>
    ms === since.getTime() ? since : ms === until.getTime() ? until : new Date(ms);
  const read = async (from: number, to: number) => {
    const crawl = crawlOf(boundOf(from), boundOf(to));
    const fromThisWindow: Row[] = [];
    for await (const page of crawl.pages()) {
      for (const item of page.items) {
        fromThisWindow.push(JSON.parse(JSON.stringify(toRow(item))) as Row);
      }
      const shown = rows.length + fromThisWindow.length;
      input.progress.update(shown, `${pages + crawl.stats.pages} pages`);
    }
    pages += crawl.stats.pages;
    fromThisWindow.sort(newestFirst);
    for (const row of fromThisWindow) rows.push(row);
  };
  const start = since.getTime();
  if (input.limit === undefined) {
    await read(start, until.getTime());
  } else {
    let to = until.getTime();
    const first = Math.max(MIN_FIRST_SPAN_MS, (to - start) * FIRST_SHARE);
    for (let span = first; to > start && rows.length < input.limit; span *= 2) {
      const from = Math.max(start, to - span);
      await read(from, to);
      to = from;
    }
  }
  input.progress.done();
  return { read: rows, rows: rows.length, pages };
}

/**
 * Reads the sessions of [since, until) into rows (see readNewestFirst), then writes them newest
 * first, at most `limit`; `empty` is said when there is none.
 */
export async function writeNewestFirst<Item, Row extends { readonly creationTime: string }>(
  crawlOf: (since: Date, until: Date) => PagedCrawl<Item>,
  window: readonly [Date, Date],
  toRow: (item: Item) => Row,
  output: {
    readonly writer: RowWriter<Row>;
    readonly progress: Progress;
    readonly limit: number | undefined;
    readonly empty: string;
  },
): Promise<Listed> {
  const { read, rows, pages } = await readNewestFirst(crawlOf, window, toRow, output);
  const shown = output.limit === undefined ? read : read.slice(0, output.limit);
  for (const row of shown) output.writer.write(row);
  output.writer.end(output.empty);
  return { rows, pages };
}
