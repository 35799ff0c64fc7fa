import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { eachEm } from './each-em.js';
import type { EmListing, EmListingFlags } from './em-listing.js';
import { newestFirst } from './output/creation-time.js';
import { readNewestFirst } from './output/listing.js';
import { type RowColumn, RowWriter } from './output/row-writer.js';
import { PARTIAL_EXIT_CODE } from './partial-exit-code.js';
import { partialFailureHint } from './partial-failure-hint.js';
import { timeWindowOf } from './time-window.js';

/** A row of an `--all` listing: the profile of the EM it came from, first. */
type EmRow<Row> = { readonly em: string } & Row;

/** The column of an `--all` listing that names each row's EM (its profile). */
const emColumn: RowColumn<{ readonly em: string }> = {
  header: 'EM',
  align: 'start',
  cell: (row) => row.em,
};

/**
 * The listing of every EM of `--all`, `concurrency` EMs read at once, over the window of the
 * command line placed once the passwords are read: newest first, rows of the same time in the
 * config file's order of their EMs, each row labelled with its EM; at most `limit` of them all. An
 * EM that fails is named on stderr with its own error and the others are listed, with exit code
 * PARTIAL_EXIT_CODE; when every EM fails, the run fails as `report --all`.
 */
export async function listEveryEm<Item, Row extends { readonly creationTime: string }>(
  context: CommandContext,
  command: Command,
  flags: EmListingFlags,
  listing: EmListing<Item, Row>,
): Promise<void> {
  const targets = await context.targets(flags);
  const now = context.io.now();
  const window = timeWindowOf(command, flags, '24h', now);
  const writer = new RowWriter<EmRow<Row>>(
    context.io,
    flags.format,
    [emColumn, ...listing.columns],
    ['em', ...listing.fields],
  );
  const { results, failures } = await eachEm(
    context,
    targets,
    listing.concurrency,
    async (target) => {
      const client = context.client(target);
      const { read, pages } = await readNewestFirst(
        (since, until) => listing.crawlOf(client, since, until),
        [window.start, window.to ?? now],
        (item) => listing.toRow(item, now),
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
  for (const row of shown) writer.write(row);
  writer.end(listing.empty);
  if (failures.length > 0) {
    context.warn(
      `partial listing: ${failures.length} of ${targets.length} EMs failed; the ${listing.noun} listed are of the others (exit code ${PARTIAL_EXIT_CODE})`,
    );
    context.hint(partialFailureHint(targets, failures));
    context.exitCode = PARTIAL_EXIT_CODE;
  }
}
