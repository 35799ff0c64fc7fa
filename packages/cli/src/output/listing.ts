import type { Progress } from '../progress.js';
import { newestFirst } from './creation-time.js';
import type { RowWriter } from './row-writer.js';

/** What `sessions()` and `taskSessions()` return: pages of items, and how many pages so far. */
interface PagedCrawl<Item> {
  pages(): AsyncIterable<{ readonly items: readonly Item[] }>;
  readonly stats: { readonly pages: number };
}

/**
 * Reads every page of a crawl into rows, then writes them newest first, at most `limit`; `empty`
 * is said when there is none. Rows, not items, are kept until the sort: flat copies (via JSON)
 * share no memory with the decoded pages, which a kept slice of a string would hold whole.
 * `toRow` gives undefined for an item to leave out. Returns the number of rows.
 */
export async function writeNewestFirst<Item, Row extends { readonly creationTime: string }>(
  crawl: PagedCrawl<Item>,
  toRow: (item: Item) => Row | undefined,
  output: {
    readonly writer: RowWriter<Row>;
    readonly progress: Progress;
    readonly limit: number | undefined;
    readonly empty: string;
  },
): Promise<number> {
  const rows: Row[] = [];
  for await (const page of crawl.pages()) {
    for (const item of page.items) {
      const row = toRow(item);
      if (row !== undefined) rows.push(JSON.parse(JSON.stringify(row)) as Row);
    }
    output.progress.update(rows.length, `${crawl.stats.pages} pages`);
  }
  output.progress.done();
  rows.sort(newestFirst);
  const shown = output.limit === undefined ? rows : rows.slice(0, output.limit);
  for (const row of shown) output.writer.write(row);
  output.writer.end(output.empty);
  return rows.length;
}
