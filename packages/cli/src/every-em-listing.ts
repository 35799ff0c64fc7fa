import type { EmClient } from '@vbem/client';
import type { CommandContext, OutputFlags } from './command-context.js';
import type { Target } from './connection/target.js';
import { eachEm } from './each-em.js';
import { newestFirst } from './output/creation-time.js';
import { type PagedCrawl, readNewestFirst } from './output/listing.js';
import type { RowColumn, RowWriter } from './output/row-writer.js';
import { PARTIAL_EXIT_CODE } from './partial-exit-code.js';

/** A row of an `--all` listing: the profile of the EM it came from, first. */
export type EmRow<Row> = { readonly em: string } & Row;

/** The column of an `--all` listing that names each row's EM (its profile). */
export const emColumn = <Row>(): RowColumn<EmRow<Row>> => ({
  header: 'EM',
  align: 'start',
  cell: (row) => row.em,
});

/** What an `--all` listing reads from each EM, and how it writes the rows of them all. */
export interface EveryEmListing<Item, Row extends { readonly creationTime: string }> {
  /** What is listed, plural, for messages: `sessions`, `task sessions`. */
  readonly noun: string;
  readonly crawlOf: (client: EmClient, since: Date, until: Date) => PagedCrawl<Item>;
  readonly window: readonly [Date, Date];
  readonly toRow: (item: Item) => Row;
  readonly writer: RowWriter<EmRow<Row>>;
  readonly limit: number | undefined;
  readonly empty: string;
  readonly concurrency: number;
}

/**
 * The listing of every EM of `--all`, `concurrency` EMs read at once: newest first, rows of the
 * same time in the config file's order of their EMs, each row labelled with its EM; at most
 * `limit` of them all. An EM that fails is named on stderr with its own error and the others are
 * listed, with exit code PARTIAL_EXIT_CODE; when every EM fails, the run fails as `report --all`.
 */
export async function listEveryEm<Item, Row extends { readonly creationTime: string }>(
  context: CommandContext,
  targets: readonly Target[],
  flags: OutputFlags,
  listing: EveryEmListing<Item, Row>,
): Promise<void> {
  const { results, failures } = await eachEm(
    context,
    targets,
    listing.concurrency,
    async (target) => {
      const client = context.client(target);
      const { read, pages } = await readNewestFirst(
        (since, until) => listing.crawlOf(client, since, until),
        listing.window,
        listing.toRow,
        // One progress line cannot show several EMs at once.
        { progress: context.progress(target.name, { quiet: true }), limit: listing.limit },
      );
      context.verbose(flags, `${target.name}: ${read.length} ${listing.noun} in ${pages} pages`);
      return listing.limit === undefined ? read : read.slice(0, listing.limit);
    },
  );
  // A stable sort of the EMs' rows in the config file's order: the same times keep that order.
  const rows = results
    .flatMap(({ target, value }) => value.map((row): EmRow<Row> => ({ em: target.name, ...row })))
    .sort(newestFirst);
  const shown = listing.limit === undefined ? rows : rows.slice(0, listing.limit);
  for (const row of shown) listing.writer.write(row);
  listing.writer.end(listing.empty);
  if (failures.length > 0) {
    context.warn(
      `partial listing: ${failures.length} of ${targets.length} EMs failed; the ${listing.noun} listed are of the others (exit code ${PARTIAL_EXIT_CODE})`,
    );
    context.exitCode = PARTIAL_EXIT_CODE;
  }
}
