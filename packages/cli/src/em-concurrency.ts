import { type Command, Option } from 'commander';
import { UsageError } from './cli-error.js';
import { integerOf } from './option-values.js';

/** EMs read at once with `--all`, unless `--concurrency` says otherwise. */
export const DEFAULT_EM_CONCURRENCY = 4;

/**
 * The most `--concurrency` takes: each EM read at once holds a logon session, a few sockets and
 * its pages in memory; an estate of more EMs than this is past what one run should open at once.
 */
export const MAX_EM_CONCURRENCY = 64;

/** `--concurrency N`, for the commands that read every EM of the config file with `--all`. */
export function concurrencyOption(): Option {
  return new Option(
    '--concurrency <n>',
    `with --all, EMs read at once (1 to ${MAX_EM_CONCURRENCY})`,
  ).default(String(DEFAULT_EM_CONCURRENCY));
}

/** `--concurrency`'s value: a whole number from 1 to MAX_EM_CONCURRENCY, else a usage error. */
export const concurrencyOf = (value: string | undefined): number =>
  integerOf('--concurrency', value, 1, MAX_EM_CONCURRENCY) ?? DEFAULT_EM_CONCURRENCY;

/**
 * `--concurrency` on the command line of `cmd` without `--all`: a usage error, as one EM is read
 * alone and the flag would be silently ignored.
 */
export function refuseConcurrencyWithoutAll(
  cmd: Command,
  flags: { readonly all?: boolean | undefined },
): void {
  if (!flags.all && cmd.getOptionValueSource('concurrency') === 'cli') {
    throw new UsageError(
      '--concurrency sets how many EMs --all reads at once: it needs --all',
      'add --all to read every profile, or drop --concurrency',
    );
  }
}
