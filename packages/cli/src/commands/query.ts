import { MAX_PAGE_SIZE, QUERY_FIELDS, type QueryTypeName } from '@vbem/client';
import type { ObjectTypeName } from '@vbem/model';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { oneTarget } from '../connection/one-target.js';
import { addConnectionOptions, addOutputOptions, hideAllOption } from '../global-options.js';
import { integerOf } from '../option-values.js';
import { entityRow, scalarFieldsOf } from '../output/entity-row.js';
import { ROW_FORMATS, type RowFormat, RowWriter } from '../output/row-writer.js';

interface QueryFlags extends ConnectionFlags, OutputFlags {
  readonly filter?: string;
  readonly sort?: string;
  readonly format: RowFormat;
  readonly pageSize?: string;
  readonly references?: boolean;
  readonly limit?: string;
}

const TYPES = Object.keys(QUERY_FIELDS) as QueryTypeName[];
const REFERENCE_FIELDS = ['Name', 'UID', 'Type', 'Href'];

/** The field of a `--sort` value, in EM's spelling, and its direction. */
function sortOf(
  type: QueryTypeName,
  sort: string | undefined,
): { sortAsc?: string; sortDesc?: string } {
  if (sort === undefined) return {};
  const [name = '', direction = 'asc'] = sort.split(':');
  const field = (QUERY_FIELDS[type] as readonly string[]).find(
    (f) => f.toLowerCase() === name.toLowerCase(),
  );
  if (!field) {
    throw new UsageError(
      `--sort: ${type} has no field ${JSON.stringify(name)}; it has ${QUERY_FIELDS[type].join(', ')}`,
    );
  }
  if (direction !== 'asc' && direction !== 'desc')
    throw new UsageError('--sort: write FIELD, FIELD:asc or FIELD:desc');
  return direction === 'desc' ? { sortDesc: field } : { sortAsc: field };
}

export function queryCommand(context: CommandContext): Command {
  const command = new CliCommand('query')
    .argument('<type>', `query type: ${TYPES.join(', ')}`)
    .summary("EM's query service, raw filters, typed output")
    .description(
      "Runs EM's query service (/api/query) over every page and prints the entities' fields. The filter is EM's own syntax: == != < <= > >=, ; for AND, , for OR, parentheses, quoted strings.",
    )
    .addOption(
      new Option(
        '--filter <expr>',
        'EM filter, e.g. \'Result==Failed;CreationTime>="2026-11-20T00:00:00Z"\'',
      ),
    )
    .addOption(new Option('--sort <field[:desc]>', 'sort field (default CreationTime, or Name)'))
    .addOption(
      new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'),
    )
    .addOption(
      new Option('--page-size <n>', `items per request, 1 to ${MAX_PAGE_SIZE}`).default('1000'),
    )
    .addOption(new Option('--references', 'references (name, UID, href) instead of entities'))
    .addOption(
      new Option('--limit <n>', "print at most n items, in the query's order; read no more pages"),
    )
    .addHelpText(
      'after',
      `
Examples:
  vbem query BackupJobSession --filter 'Result==Failed' --sort CreationTime:desc --limit 10
  vbem query BackupTaskSession --filter 'VmDisplayName=="sql06"' --format csv
  vbem query Job --format ndjson`,
    );
  hideAllOption(addOutputOptions(addConnectionOptions(command)));
  command.action(async (typeName: string, _options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<QueryFlags>();
    const type = TYPES.find((t) => t.toLowerCase() === typeName.toLowerCase());
    if (!type)
      throw new UsageError(
        `unknown query type ${JSON.stringify(typeName)}; use one of ${TYPES.join(', ')}`,
      );
    const limit = integerOf('--limit', flags.limit, 1);
    const asked = integerOf('--page-size', flags.pageSize, 1, MAX_PAGE_SIZE);
    // No page larger than the limit: `--limit 5` reads 5 items, not a page of 1,000.
    const pageSize = limit === undefined || asked === undefined ? asked : Math.min(asked, limit);
    const client = context.client(await oneTarget(context, flags));
    const crawl = client.query(type, {
      ...(flags.filter === undefined ? {} : { filter: flags.filter }),
      ...(sortOf(type, flags.sort) as object),
      ...(pageSize === undefined ? {} : { pageSize }),
      format: flags.references ? 'references' : 'entities',
      signal: context.io.signal,
    });
    const fields = flags.references ? REFERENCE_FIELDS : scalarFieldsOf(type as ObjectTypeName);
    const columns = fields.map((field) => ({
      header: field,
      align: 'start' as const,
      shrinks: field === 'Name',
      cell: (row: Record<string, unknown>) => (row[field] === null ? '' : String(row[field])),
    }));
    const writer = new RowWriter<Record<string, string | number | boolean | null>>(
      context.io,
      flags.format,
      columns,
      fields,
    );
    const progress = context.progress(type, flags);
    pages: for await (const page of crawl.pages()) {
      for (const item of page.items) {
        writer.write(entityRow(item, fields));
        if (writer.count === limit) break pages;
      }
      progress.update(writer.count, `page ${page.pageNum}/${page.pagesCount}`);
    }
    progress.done();
    writer.end(`No ${type} matches.`);
  });
  return command;
}
