import type { EmClient } from '@vbem/client';
import type { OutputFlags } from './command-context.js';
import type { ConnectionFlags } from './connection/connection-flags.js';
import type { PagedCrawl } from './output/listing.js';
import type { RowColumn, RowFormat } from './output/row-writer.js';
import type { WindowFlags } from './time-window.js';

/** What a listing reads from an EM (one, or each of `--all`), and how it writes its rows. */
export interface EmListing<Item, Row extends { readonly creationTime: string }> {
  /** What is listed, plural, for messages: `sessions`, `task sessions`. */
  readonly noun: string;
  readonly crawlOf: (client: EmClient, since: Date, until: Date) => PagedCrawl<Item>;
  /** A row of an item, its running duration as of `now`. */
  readonly toRow: (item: Item, now: Date) => Row;
  /** The columns and fields of one EM's listing; with `--all`, the EM's comes first. */
  readonly columns: readonly RowColumn<Row>[];
  readonly fields: readonly (keyof Row & string)[];
  readonly limit: number | undefined;
  readonly empty: string;
  /** EMs read at once with `--all`. */
  readonly concurrency: number;
}

/** The flags a listing reads: which EMs, the window and the output. */
export type EmListingFlags = ConnectionFlags &
  OutputFlags &
  WindowFlags & {
    readonly format: RowFormat;
  };
