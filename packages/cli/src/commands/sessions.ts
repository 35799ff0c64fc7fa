import type { JobSession } from '@vbem/client';
import { JobSessionState } from '@vbem/model';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import {
  concurrencyOf,
  concurrencyOption,
  refuseConcurrencyWithoutAll,
} from '../em-concurrency.js';
import type { EmListing } from '../em-listing.js';
import { listEveryEm } from '../every-em-listing.js';
import { addConnectionOptions, addOutputOptions } from '../global-options.js';
import { jobTypesOf, LISTED_JOB_TYPES } from '../job-types.js';
import { listOneEm } from '../one-em-listing.js';
import { integerOf, repeatable } from '../option-values.js';
import { minuteOf } from '../output/creation-time.js';
import { durationCell } from '../output/duration-cell.js';
import { ROW_FORMATS, type RowColumn, type RowFormat } from '../output/row-writer.js';
import { SESSION_ROW_FIELDS, type SessionRow, sessionRow } from '../output/session-rows.js';
import {
  addSessionFilterOptions,
  type SessionFilterFlags,
  sessionFilters,
} from '../session-filters.js';
import { timeLimitOf, timeLimitOption, withinTimeLimit } from '../time-limit.js';
import { addWindowOptions, timeWindowOf } from '../time-window.js';
import { sessionsShowCommand } from './sessions-show.js';

interface SessionsFlags extends ConnectionFlags, OutputFlags, SessionFilterFlags {
  readonly since?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: RowFormat;
  readonly limit?: string;
  readonly type?: string[];
  readonly concurrency: string;
  readonly timeLimit?: string;
}

/**
 * On a narrow terminal the Retry column goes when no session is a retry (renderTable leaves out
 * an empty column first); then the job name keeps 20 columns while the server (`vbr01…`) and the
 * type (`BackupCopy` whole, `Immediate…`) narrow, and the server, the type and the Retry column
 * are left out, in that order; only then does the job name narrow further. Time, result and
 * duration stay whole.
 */
export const SESSION_COLUMNS: readonly RowColumn<SessionRow>[] = [
  { header: 'Created (UTC)', align: 'start', cell: (row) => minuteOf(row.creationTime) },
  { header: 'Job', align: 'start', shrinks: true, keeps: 20, cell: (row) => row.jobName },
  {
    header: 'Type',
    align: 'start',
    narrows: [
      { order: 2, min: 10 },
      { order: 4, leftOut: true },
    ],
    cell: (row) => row.jobType,
  },
  { header: 'Result', align: 'start', cell: (row) => (row.running ? row.state : row.result) },
  {
    header: 'Duration',
    align: 'end',
    cell: durationCell,
  },
  {
    header: 'Server',
    align: 'start',
    narrows: [
      { order: 1, min: 6 },
      { order: 3, leftOut: true },
    ],
    cell: (row) => row.server ?? '',
  },
  {
    header: 'Retry',
    align: 'start',
    narrows: { order: 5, leftOut: true },
    cell: (row) => (row.isRetry ? 'retry' : ''),
  },
];

export function sessionsCommand(context: CommandContext): Command {
  const command = addSessionFilterOptions(
    addWindowOptions(
      new CliCommand('sessions')
        .summary('job sessions of a time window, newest first')
        .description(
          'Lists the job sessions (backup and replica) of a window, newest first, with their duration (running ones marked), backup server and retry flag; with --all, those of every EM of the config file, each labelled with its EM (profile). EM filters them, --type included, and is asked only for the families those job types are of; nothing is fetched one by one.',
        ),
      '24h',
    ),
    'e.g. Working for running sessions (of those created in the window, as for every filter)',
  )
    .addOption(
      new Option(
        '--type <types>',
        `job types, as the Type column shows them: ${LISTED_JOB_TYPES.join(', ')} (comma-separated)`,
      ).argParser(repeatable),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'),
    )
    .addOption(new Option('--limit <n>', 'print at most n sessions (the newest)'))
    .addOption(concurrencyOption())
    .addOption(timeLimitOption())
    .addHelpText(
      'after',
      `
Examples:
  vbem sessions --demo                                 the last 24 hours of the demo EM
  vbem sessions --since 7d --result Failed,Warning     last week's problems
  vbem sessions --job "SQL Backup" --format json       one job, as JSON
  vbem sessions --type BackupCopy,AgentBackup          only backup copies and agent backups
  vbem sessions --family backup                        every backup-family job type, no replicas
  vbem sessions --state Working --since 7d             what is running now (started this week)
  vbem sessions --all --result Failed --concurrency 8  every EM's failures, 8 EMs at once
  vbem sessions show <id> --tasks                      one session and its VMs

Exit codes: 0 listed, 1 failed, 2 usage error, 3 listed without the EMs that failed (--all)`,
    );
  addOutputOptions(addConnectionOptions(command));
  // Options after `show` are show's own (see buildProgram).
  command.enablePositionalOptions();
  command.addCommand(sessionsShowCommand(context));
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<SessionsFlags>();
    // Checked before a password is read; the window itself is placed once it has been (below).
    timeWindowOf(cmd, flags, '24h', context.io.now());
    const limit = integerOf('--limit', flags.limit, 1);
    const jobTypes = jobTypesOf(flags.type);
    const options = sessionFilters(flags, Object.values(JobSessionState), context.io, jobTypes);
    const concurrency = concurrencyOf(flags.concurrency);
    refuseConcurrencyWithoutAll(cmd, flags);
    const timeLimit = timeLimitOf(flags);
    const listing: EmListing<JobSession, SessionRow> = {
      noun: 'sessions',
      crawlOf: (client, since, until) => client.sessions({ ...options, since, until }),
      toRow: sessionRow,
      columns: SESSION_COLUMNS,
      fields: SESSION_ROW_FIELDS,
      limit,
      empty: 'No job sessions in the window.',
      concurrency,
    };
    await withinTimeLimit(context, timeLimit, (within) =>
      flags.all
        ? listEveryEm(within, cmd, flags, listing)
        : listOneEm(within, cmd, flags, listing, 'sessions'),
    );
  });
  return command;
}
