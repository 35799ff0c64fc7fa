import type { SessionFamily } from '@vbem/client';
import { JobSessionState, SessionResult } from '@vbem/model';
import { formatDuration } from '@vbem/reporting';
import { Command, Option } from 'commander';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { oneTarget } from '../connection/one-target.js';
import { addConnectionOptions, addOutputOptions, hideAllOption } from '../global-options.js';
import { integerOf, listOf } from '../option-values.js';
import { ROW_FORMATS, type RowColumn, type RowFormat, RowWriter } from '../output/row-writer.js';
import { type SessionRow, sessionRow } from '../output/session-rows.js';
import { timeWindowOf } from '../time-window.js';
import { sessionsShowCommand } from './sessions-show.js';

interface SessionsFlags extends ConnectionFlags, OutputFlags {
  readonly since?: string;
  readonly from?: string;
  readonly to?: string;
  readonly job?: string[];
  readonly result?: string[];
  readonly state?: string[];
  readonly type?: string[];
  readonly format: RowFormat;
  readonly limit?: string;
}

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;

export const SESSION_COLUMNS: readonly RowColumn<SessionRow>[] = [
  { header: 'Created (UTC)', align: 'start', cell: (row) => minute(row.creationTime) },
  { header: 'Job', align: 'start', shrinks: true, cell: (row) => row.jobName },
  { header: 'Type', align: 'start', cell: (row) => row.jobType },
  { header: 'Result', align: 'start', cell: (row) => (row.running ? row.state : row.result) },
  {
    header: 'Duration',
    align: 'end',
    cell: (row) => `${row.running ? 'running ' : ''}${formatDuration(row.durationSeconds)}`,
  },
  { header: 'Server', align: 'start', cell: (row) => row.server ?? '' },
  { header: 'Retry', align: 'start', cell: (row) => (row.isRetry ? 'retry' : '') },
];

const repeatable = (value: string, previous: string[] = []) => [...previous, value];

export function sessionsCommand(context: CommandContext): Command {
  const command = new Command('sessions')
    .summary('job sessions of a time window, newest first')
    .description(
      'Lists the job sessions (backup and replica) of a window, newest first, with their duration (running ones marked), backup server and retry flag. EM filters them; nothing is fetched one by one.',
    )
    .addOption(
      new Option(
        '--since <duration>',
        'window back from --to (default now): 30m, 24h, 7d, 2w',
      ).default('24h'),
    )
    .addOption(
      new Option('--from <iso>', 'window start, e.g. 2026-11-20T00:00:00Z (instead of --since)'),
    )
    .addOption(new Option('--to <iso>', 'window end (default now)'))
    .addOption(
      new Option('--job <name>', 'only this job, its name whole (repeat for several)').argParser(
        repeatable,
      ),
    )
    .addOption(
      new Option('--result <results>', 'Success, Warning, Failed (comma-separated)').argParser(
        repeatable,
      ),
    )
    .addOption(
      new Option(
        '--state <states>',
        'e.g. Working for running sessions (of those created in the window, as for every filter)',
      ).argParser(repeatable),
    )
    .addOption(new Option('--type <types>', 'Backup, Replica').argParser(repeatable))
    .addOption(
      new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'),
    )
    .addOption(new Option('--limit <n>', 'print at most n sessions (the newest)'))
    .addHelpText(
      'after',
      `
Examples:
  vbem sessions --demo                                 the last 24 hours of the demo EM
  vbem sessions --since 7d --result Failed,Warning     last week's problems
  vbem sessions --job "SQL Backup" --format json       one job, as JSON
  vbem sessions --state Working --since 7d             what is running now (started this week)
  vbem sessions show <id> --tasks                      one session and its VMs`,
    );
  hideAllOption(addOutputOptions(addConnectionOptions(command)));
  command.addCommand(sessionsShowCommand(context));
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<SessionsFlags>();
    const window = timeWindowOf(cmd, flags, '24h', context.io.now());
    const limit = integerOf('--limit', flags.limit, 1);
    const options = {
      since: window.start,
      ...(window.to === undefined ? {} : { until: window.to }),
      now: context.io.now,
      jobName: flags.job ?? [],
      result: listOf('--result', flags.result, Object.values(SessionResult)),
      state: listOf('--state', flags.state, Object.values(JobSessionState)) as JobSessionState[],
      types: listOf('--type', flags.type, ['Backup', 'Replica']) as SessionFamily[],
      signal: context.io.signal,
    };
    if (options.types.length === 0) delete (options as { types?: unknown }).types;
    const target = await oneTarget(context, flags);
    const client = context.client(target);
    const progress = context.progress('sessions', flags);
    // Rows, not sessions, are kept until the sort: flat copies (via JSON) share no memory with
    // the decoded pages, which a kept slice of a string would hold whole.
    const now = context.io.now();
    const rows: SessionRow[] = [];
    const crawl = client.sessions(options);
    for await (const page of crawl.pages()) {
      for (const session of page.items) {
        rows.push(JSON.parse(JSON.stringify(sessionRow(session, now))) as SessionRow);
      }
      progress.update(rows.length, `${crawl.stats.pages} pages`);
    }
    progress.done();
    rows.sort((a, b) =>
      a.creationTime < b.creationTime ? 1 : a.creationTime > b.creationTime ? -1 : 0,
    );
    const writer = new RowWriter(context.io, flags.format, SESSION_COLUMNS);
    for (const row of limit === undefined ? rows : rows.slice(0, limit)) writer.write(row);
    writer.end('No job sessions in the window.');
    context.verbose(
      flags,
      `${rows.length} sessions from ${target.name} in ${crawl.stats.pages} pages`,
    );
  });
  return command;
}
