import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { oneTarget } from './connection/one-target.js';
import type { EmListing, EmListingFlags } from './em-listing.js';
import { writeNewestFirst } from './output/listing.js';
import { RowWriter } from './output/row-writer.js';
import { timeWindowOf } from './time-window.js';

/**
 * The listing of one EM, written as its pages come (newest first, at most `limit` rows), over the
 * window of the command line placed once the password is read; `progress` labels the progress line.
 * An `--all` listing of the same items is `listEveryEm`.
 */
export async function listOneEm<Item, Row extends { readonly creationTime: string }>(
  context: CommandContext,
  command: Command,
  flags: EmListingFlags,
  listing: EmListing<Item, Row>,
  progress: string,
): Promise<void> {
  const target = await oneTarget(context, flags);
  const client = context.client(target);
  // One now for both ends: --since long, however long the password took to type.
  const now = context.io.now();
  const window = timeWindowOf(command, flags, '24h', now);
  const listed = await writeNewestFirst(
    (since, until) => listing.crawlOf(client, since, until),
    [window.start, window.to ?? now],
    (item) => listing.toRow(item, now),
    {
      writer: new RowWriter(context.io, flags.format, listing.columns, listing.fields),
      progress: context.progress(progress, flags),
      limit: listing.limit,
      empty: listing.empty,
    },
  );
  context.verbose(
    flags,
    `${listed.rows} ${listing.noun} from ${target.name} in ${listed.pages} pages`,
  );
}
