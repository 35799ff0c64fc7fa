import { subMillisecondTicks } from '@vbem/model';
import { parseDuration } from '@vbem/reporting';
import { type Command, Option } from 'commander';
import { UsageError } from './cli-error.js';
import { durationOf, instantOf, isWithinEmYears } from './option-values.js';

export interface WindowFlags {
  readonly since?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** A window from `--from`, or `--since` back from `--to` (default now); checked in the flags' words. */
export interface TimeWindow {
  readonly from: Date | undefined;
  readonly to: Date | undefined;
  /** The `--since` duration, or its default. */
  readonly since: string;
  /** Where the window starts: `--from`, else `--since` before `--to` (or now). */
  readonly start: Date;
}

/** Adds `--since` (default `defaultSince`), `--from` and `--to`, which `timeWindowOf` reads. */
export function addWindowOptions(command: Command, defaultSince: string): Command {
  return command
    .addOption(
      new Option(
        '--since <duration>',
        'window back from --to (default now): 30m, 24h, 7d, 2w',
      ).default(defaultSince),
    )
    .addOption(
      new Option('--from <iso>', 'window start, e.g. 2026-11-20T00:00:00Z (instead of --since)'),
    )
    .addOption(new Option('--to <iso>', 'window end (default now)'));
}

/**
 * `--since`, `--from` and `--to` of `command` as one window. `--from` with a `--since` the user
 * typed is refused (one would be silently ignored), and so is a start that is not before the end.
 */
export function timeWindowOf(
  command: Command,
  flags: WindowFlags,
  defaultSince: string,
  now: Date,
): TimeWindow {
  const from = instantOf('--from', flags.from);
  const to = instantOf('--to', flags.to);
  const since = durationOf('--since', flags.since) ?? defaultSince;
  if (from !== undefined && command.getOptionValueSource('since') === 'cli') {
    throw new UsageError(
      '--from and --since both set where the window starts: give one of them',
      '--since counts back from --to (default now); --from names the start',
    );
  }
  if (from !== undefined && to !== undefined && from >= to) {
    throw new UsageError(
      from.getTime() === to.getTime() && subMillisecondTicks(from) < subMillisecondTicks(to)
        ? '--from must be at least a millisecond before --to'
        : '--from must be before --to',
    );
  }
  if (from !== undefined && to === undefined && from >= now) {
    throw new UsageError(
      `--from (${from.toISOString()}) is after now (${now.toISOString()})`,
      'give a start in the past, or --to as well',
    );
  }
  const start = from ?? new Date((to ?? now).getTime() - parseDuration(since) * 1000);
  if (!isWithinEmYears(start)) {
    throw new UsageError(
      `--since ${since} before ${(to ?? now).toISOString()} reaches before the year 0001`,
    );
  }
  return { from, to, since, start };
}
