import type { SessionFamily } from '@vbem/client';
import { SessionResult } from '@vbem/model';
import { type Command, Option } from 'commander';
import { listOf, repeatable } from './option-values.js';

/** The filter flags `vbem sessions` and `vbem tasks` share. */
export interface SessionFilterFlags {
  readonly job?: string[];
  readonly result?: string[];
  readonly state?: string[];
  readonly type?: string[];
}

/** Adds `--job`, `--result`, `--state` (its help and values differ: job or task states) and `--type`. */
export function addSessionFilterOptions(command: Command, stateHelp: string): Command {
  return command
    .addOption(
      new Option('--job <name>', 'only this job, its name whole (repeat for several)').argParser(
        repeatable,
      ),
    )
    .addOption(
      new Option(
        '--result <results>',
        'Success, Warning, Failed, or None for running ones (comma-separated)',
      ).argParser(repeatable),
    )
    .addOption(new Option('--state <states>', stateHelp).argParser(repeatable))
    .addOption(new Option('--type <types>', 'Backup, Replica').argParser(repeatable));
}

/**
 * The options of a `sessions()` or `taskSessions()` crawl from the filter flags, each value
 * checked against what EM knows (`states`: the job or the task session states). The window is
 * the listing's to give (see writeNewestFirst), read whole or a part at a time.
 */
export function sessionFilters<State extends string>(
  flags: SessionFilterFlags,
  states: readonly State[],
  clock: { readonly now: () => Date; readonly signal: AbortSignal },
) {
  const types = listOf('--type', flags.type, ['Backup', 'Replica']) as SessionFamily[];
  return {
    now: clock.now,
    jobName: flags.job ?? [],
    result: listOf('--result', flags.result, Object.values(SessionResult)) as SessionResult[],
    state: listOf('--state', flags.state, states) as State[],
    ...(types.length === 0 ? {} : { types }),
    signal: clock.signal,
  };
}
