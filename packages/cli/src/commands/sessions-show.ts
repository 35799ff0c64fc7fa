import type { EmClient, JobSession, TaskSession } from '@vbem/client';
import { NotFoundError } from '@vbem/client';
import { inertJson, renderTable, toSingleLine } from '@vbem/reporting';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import { CliError, UsageError } from '../cli-error.js';
import { tableWidth, wantsColor } from '../cli-io.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { oneTarget } from '../connection/one-target.js';
import { addConnectionOptions, addOutputOptions, hideAllOption } from '../global-options.js';
import { durationCell } from '../output/duration-cell.js';
import { sessionRow } from '../output/session-rows.js';
import { taskRow } from '../output/task-rows.js';

interface ShowFlags extends ConnectionFlags, OutputFlags {
  readonly tasks?: boolean;
  readonly format: 'table' | 'json';
}

/** A backup session by GUID or UID, else a replica session; a replica UID goes straight there. */
async function findSession(client: EmClient, id: string): Promise<JobSession> {
  if (id.startsWith('urn:veeam:ReplicaJobSession:')) return client.replicaSessions.get(id);
  try {
    return await client.backupSessions.get(id);
  } catch (error) {
    if (!(error instanceof NotFoundError) || id.startsWith('urn:')) throw error;
    try {
      return await client.replicaSessions.get(id);
    } catch (second) {
      if (second instanceof NotFoundError) {
        throw new CliError(`no backup or replica job session has the id ${id}`, {
          hint: 'ids are the GUIDs or UIDs vbem sessions --format json prints',
        });
      }
      throw second;
    }
  }
}

/**
 * Refuses an option of the listing given before `show` (`vbem sessions --format csv show <id>`):
 * show's own (`--format table|json`) would silently win, and the others mean nothing to it.
 * Connection and output options are show's too, and taken from either place.
 */
function refuseListingOptions(show: Command): void {
  const listing = show.parent;
  if (!listing) return;
  const own = new Set(show.options.map((option) => option.attributeName()));
  for (const option of listing.options) {
    const name = option.attributeName();
    if (listing.getOptionValueSource(name) !== 'cli') continue;
    if (own.has(name) && name !== 'format') continue;
    const flag = option.long ?? option.flags;
    throw new UsageError(
      own.has(name)
        ? `${flag} goes after show: before it, it is the listing's`
        : `${flag} is an option of vbem sessions, not of vbem sessions show`,
    );
  }
}

export function sessionsShowCommand(context: CommandContext): Command {
  const command = new CliCommand('show')
    .argument('<id>', 'session GUID or UID (urn:veeam:BackupJobSession:…)')
    .summary('one job session, with its task sessions and their reasons')
    .addOption(
      new Option('--tasks', 'list the task sessions (one per VM) with results and reasons'),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .addHelpText(
      'after',
      `
Examples:
  vbem sessions show 3f2b…-…-9a1c --tasks
  vbem sessions show urn:veeam:ReplicaJobSession:3f2b…-…-9a1c --format json`,
    );
  hideAllOption(addOutputOptions(addConnectionOptions(command)));
  command.action(async (id: string, _options, cmd: Command) => {
    refuseListingOptions(cmd);
    // Show's own values first: in optsWithGlobals the listing's (its --format default) would win.
    const flags = { ...cmd.optsWithGlobals<ShowFlags>(), ...cmd.opts<ShowFlags>() };
    const client = context.client(await oneTarget(context, flags));
    const session = await findSession(client, id);
    const collection = session.UID.includes(':ReplicaJobSession:')
      ? client.replicaSessions
      : client.backupSessions;
    const tasks: TaskSession[] = flags.tasks
      ? await collection.taskSessionEntities(session.UID, { signal: context.io.signal }).toArray()
      : [];
    const now = context.io.now();
    const row = sessionRow(session, now);
    // The rows of `vbem tasks`, so that one parser reads both.
    const taskRows = tasks.map((task) => taskRow(task, now));
    if (flags.format === 'json') {
      context.io.stdout.write(
        `${inertJson({ ...row, name: session.Name, taskSessions: flags.tasks ? taskRows : undefined }, 2)}\n`,
      );
      return;
    }
    const lines = [
      ['Session', session.Name],
      ['UID', session.UID],
      ['Job', `${session.JobName} (${session.JobType})`],
      ['Server', row.server ?? ''],
      ['Created', row.creationTime],
      [
        'Ended',
        // A Stopped session may come with no end at all.
        row.endTime ??
          (row.running ? `running for ${durationCell({ ...row, running: false })}` : '-'),
      ],
      ['Result', row.running ? `${row.state} (${session.Progress}%)` : row.result],
      ['Duration', durationCell({ ...row, running: false })],
      ['Retry', row.isRetry ? 'yes' : 'no'],
    ];
    context.io.stdout.write(
      `${lines.map(([key, value]) => `${`${key}:`.padEnd(10)}${toSingleLine(value ?? '')}`).join('\n')}\n`,
    );
    if (!flags.tasks) return;
    if (tasks.length === 0) {
      context.io.stdout.write(
        '\nNo task sessions (EM keeps them 30 days, and only for backup and agent jobs).\n',
      );
      return;
    }
    context.io.stdout.write(
      `\n${renderTable(
        [
          { header: 'VM', align: 'start', narrows: { order: 1, min: 12 } },
          { header: 'Result', align: 'start' },
          { header: 'Duration', align: 'end' },
          { header: 'Reason', align: 'start', shrinks: true, keeps: 30 },
        ],
        taskRows.map((task) => [
          task.vmName ?? '',
          task.running ? task.state : task.result,
          durationCell(task),
          task.reason,
        ]),
        {
          width: tableWidth(context.io),
          color: wantsColor(context.io),
        },
      )}`,
    );
  });
  return command;
}
