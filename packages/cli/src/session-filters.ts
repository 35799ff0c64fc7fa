import { type SessionFamily, sessionFamilyOf } from '@vbem/client';
import { type KnownJobType, SessionResult } from '@vbem/model';
import { type Command, Option } from 'commander';
import { UsageError } from './cli-error.js';
import { listOf, repeatable } from './option-values.js';

/** The session families, as `--family` takes them: which query types EM is asked. */
const SESSION_FAMILIES: readonly SessionFamily[] = ['Backup', 'Replica'];

/** The filter flags `vbem sessions` and `vbem tasks` share. */
export interface SessionFilterFlags {
  readonly job?: string[];
  readonly result?: string[];
  readonly state?: string[];
  readonly family?: string[];
}

/** Adds `--job`, `--result`, `--state` (its help and values differ: job or task states) and `--family`. */
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
    .addOption(
      new Option(
        '--family <families>',
        'Backup (every backup-family job: copies, agents, NAS...) or Replica (default both)',
      ).argParser(repeatable),
    );
}

/**
 * The families to ask EM for: those of `--family`, narrowed to the families of `jobTypes` when
 * some are asked for; none, for the client's default (both, or the families of the job types).
 * A choice that leaves none is a usage error, not an empty listing.
 */
function familiesOf(
  flags: SessionFilterFlags,
  jobTypes: readonly KnownJobType[],
): readonly SessionFamily[] {
  const families = listOf('--family', flags.family, SESSION_FAMILIES) as SessionFamily[];
  if (jobTypes.length === 0 || families.length === 0) return families;
  // Every job type `--type` takes is of a family (see LISTED_JOB_TYPES).
  const ofTypes = [...new Set(jobTypes.map((type) => sessionFamilyOf(type) as SessionFamily))];
  const both = families.filter((family) => ofTypes.includes(family));
  if (both.length === 0) {
    throw new UsageError(
      `--type ${jobTypes.join(',')} and --family ${families.join(',')} select nothing: ${jobTypes.join(', ')} sessions are of the ${ofTypes.join(' and ')} family`,
    );
  }
  return both;
}

/**
 * The options of a `sessions()` or `taskSessions()` crawl from the filter flags, each value
 * checked against what EM knows (`states`: the job or the task session states; `jobTypes`: the
 * job types `vbem sessions --type` asks EM for, which narrow the families asked). The window is
 * the listing's to give (see writeNewestFirst), read whole or a part at a time.
 */
export function sessionFilters<State extends string>(
  flags: SessionFilterFlags,
  states: readonly State[],
  clock: { readonly now: () => Date; readonly signal: AbortSignal },
  jobTypes: readonly KnownJobType[] = [],
) {
  const types = familiesOf(flags, jobTypes);
  return {
    now: clock.now,
    jobName: flags.job ?? [],
    result: listOf('--result', flags.result, Object.values(SessionResult)) as SessionResult[],
    state: listOf('--state', flags.state, states) as State[],
    ...(types.length === 0 ? {} : { types }),
    ...(jobTypes.length === 0 ? {} : { jobTypes }),
    signal: clock.signal,
  };
}
