import type { TaskSession } from '@vbem/client';
import { TaskSessionState } from '@vbem/model';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-error.js';
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
import { listOneEm } from '../one-em-listing.js';
import { integerOf, repeatable } from '../option-values.js';
import { minuteOf } from '../output/creation-time.js';
import { durationCell } from '../output/duration-cell.js';
import { ROW_FORMATS, type RowColumn, type RowFormat } from '../output/row-writer.js';
import { TASK_ROW_FIELDS, type TaskRow, taskRow } from '../output/task-rows.js';
import {
  addSessionFilterOptions,
  type SessionFilterFlags,
  sessionFilters,
} from '../session-filters.js';
import { timeLimitOf, timeLimitOption, withinTimeLimit } from '../time-limit.js';
import { addWindowOptions, timeWindowOf } from '../time-window.js';

interface TasksFlags extends ConnectionFlags, OutputFlags, SessionFilterFlags {
  readonly since?: string;
  readonly from?: string;
  readonly to?: string;
  readonly vm?: string[];
  readonly format: RowFormat;
  readonly limit?: string;
  /** Refused: see the action. */
  readonly type?: string[];
  readonly concurrency: string;
  readonly timeLimit?: string;
}

/**
 * On a narrow terminal the reason keeps 30 columns while the job session's name (its time is
 * about the task's own) and then the VM's narrow, and the job session's is left out; only then
 * does the reason narrow further. Time, result and duration stay whole.
 */
export const TASK_COLUMNS: readonly RowColumn<TaskRow>[] = [
  { header: 'Created (UTC)', align: 'start', cell: (row) => minuteOf(row.creationTime) },
  {
    header: 'VM',
    align: 'start',
    narrows: { order: 2, min: 10 },
    cell: (row) => row.vmName ?? '',
  },
  {
    header: 'Job session',
    align: 'start',
    narrows: [
      { order: 1, min: 16 },
      { order: 3, leftOut: true },
    ],
    cell: (row) => row.jobSessionName ?? '',
  },
  { header: 'Result', align: 'start', cell: (row) => (row.running ? row.state : row.result) },
  {
    header: 'Duration',
    align: 'end',
    cell: durationCell,
  },
  { header: 'Reason', align: 'start', shrinks: true, keeps: 30, cell: (row) => row.reason },
];

export function tasksCommand(context: CommandContext): Command {
  const command = addSessionFilterOptions(
    addWindowOptions(
      new CliCommand('tasks')
        .summary('task sessions (one per VM) of a time window')
        .description(
          `Lists the task sessions of a window, one per VM that a backup or replica job session processed, newest first, with their result, duration (running ones marked) and reason; with --all, those of every EM of the config file, each labelled with its EM (profile). EM filters them by window, job, VM, result, state and family. Nothing is fetched one by one.`,
        ),
      '24h',
    ).addOption(
      new Option(
        '--vm <name>',
        'only this VM, its whole name, in any case (repeat for several)',
      ).argParser(repeatable),
    ),
    'InProgress, Pending, Completed (comma-separated)',
  )
    .addOption(
      new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'),
    )
    .addOption(new Option('--limit <n>', 'print at most n task sessions (the newest)'))
    .addOption(concurrencyOption())
    .addOption(timeLimitOption())
    .addOption(new Option('--type <types>').hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  vbem tasks --demo --result Failed                    which VMs failed in 24 hours, and why
  vbem tasks --since 7d --vm sql01 --vm sql02          two VMs over a week
  vbem tasks --job "SQL Backup" --format csv           one job's VMs, for a spreadsheet
  vbem tasks --state InProgress,Pending                what is being processed now
  vbem tasks --all --result Failed --format csv        every EM's failed VMs, for a spreadsheet

Exit codes: 0 listed, 1 failed, 2 usage error, 3 listed without the EMs that failed (--all)`,
    );
  addOutputOptions(addConnectionOptions(command));
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<TasksFlags>();
    if (flags.type !== undefined) {
      // Said plainly rather than left to "unknown option": vbem sessions takes --type.
      throw new UsageError(
        '--type: task sessions carry no job type',
        'use --family Backup or --family Replica for the tasks of backup or replica jobs (vbem sessions --type filters job sessions by job type)',
      );
    }
    // Checked before a password is read; the window itself is placed once it has been (below).
    timeWindowOf(cmd, flags, '24h', context.io.now());
    const limit = integerOf('--limit', flags.limit, 1);
    const options = {
      ...sessionFilters(flags, Object.values(TaskSessionState), context.io),
      vmName: flags.vm ?? [],
    };
    const concurrency = concurrencyOf(flags.concurrency);
    refuseConcurrencyWithoutAll(cmd, flags);
    const timeLimit = timeLimitOf(flags);
    const listing: EmListing<TaskSession, TaskRow> = {
      noun: 'task sessions',
      crawlOf: (client, since, until) => client.taskSessions({ ...options, since, until }),
      toRow: taskRow,
      columns: TASK_COLUMNS,
      fields: TASK_ROW_FIELDS,
      limit,
      empty: 'No task sessions in the window.',
      concurrency,
    };
    await withinTimeLimit(context, timeLimit, (within) =>
      flags.all
        ? listEveryEm(within, cmd, flags, listing)
        : listOneEm(within, cmd, flags, listing, 'tasks'),
    );
  });
  return command;
}
