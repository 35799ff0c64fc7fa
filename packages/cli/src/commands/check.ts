import { parseDuration, type SuccessPolicy } from '@vbem/reporting';
import { type Command, type ErrorOptions, Option } from 'commander';
import { assessCheck } from '../check/assess-check.js';
import { emFailuresAfter } from '../check/em-failures-text.js';
import { NAGIOS_EXIT_CODE, type PerfDatum, statusLine, statusText } from '../check/nagios.js';
import { CliCommand } from '../cli-command.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import type { Target } from '../connection/target.js';
import { debugDetail, describeError } from '../describe-error.js';
import { doctorHintOf, doctorProfileHint } from '../doctor-hint.js';
import {
  concurrencyOf,
  concurrencyOption,
  refuseConcurrencyWithoutAll,
} from '../em-concurrency.js';
import { type EmFailure, EveryEmFailedError, everyEmFailed } from '../every-em-failed.js';
import { addConnectionOptions, addOutputOptions } from '../global-options.js';
import { checkReportOptions, durationOf, integerOf, repeatable } from '../option-values.js';
import { PASSWORD_ALTERNATIVES, PASSWORD_FLAG_REFUSED } from '../password-flag.js';
import { reportOfTargets } from '../report-of-targets.js';
import { timeLimited, timeLimitOf } from '../time-limit.js';
import { lineWithoutLocalPaths } from '../without-local-paths.js';

interface CheckFlags extends ConnectionFlags, OutputFlags {
  readonly timeLimit: string;
  readonly rpo: string;
  readonly since?: string;
  readonly maxFailed: string;
  readonly job?: string[];
  readonly policy: SuccessPolicy;
  readonly concurrency: string;
}

const USAGE_HINT = "run 'vbem check --help' for the options";

/**
 * Seconds a check's crawl takes at most, by default. Nagios and Icinga kill a check after 60 s and
 * call it CRITICAL ("service check timed out"); after the limit, logging off an EM that stopped
 * answering takes up to about 20 s more (two attempts of 5 s, and up to 10 s for a logon still
 * on its way), so 35 s keeps the whole run under 60 s.
 */
const DEFAULT_TIME_LIMIT_SECONDS = 35;

/**
 * The check within its time limit (see timeLimited). With --all, an EM that had not answered by
 * then fails (`not done within --time-limit 35s`), as for any other failure, and the others are
 * judged; when none had, the check is UNKNOWN. Ctrl-C is not a time limit: the run's own signal
 * stays as it is.
 */
async function runCheckWithin(
  context: CommandContext,
  flags: CheckFlags,
  seconds: number,
  failedOne: { target?: Target | undefined },
): Promise<CheckResult> {
  const limited = timeLimited(context, seconds);
  try {
    return await runCheck(limited.context, flags);
  } catch (error) {
    const resolved = limited.targets();
    if (resolved.length === 1) failedOne.target = resolved[0];
    if (limited.isPast()) {
      if (error instanceof EveryEmFailedError) return cutEveryEm(error.failures, resolved);
      throw new CliError(
        `no answer within ${seconds} s (--time-limit)${limited.lastErrorText(resolved[0]?.name)}; the EM is slow or not answering`,
        { exitCode: NAGIOS_EXIT_CODE.UNKNOWN, hint: doctorHint(resolved[0]) },
      );
    }
    const [only] = resolved;
    // --all with one profile is read as one EM, whose error would send the user to the doctor
    // with the same options (--all), which it refuses: named as an --all run names its EMs.
    if (flags.all && only && resolved.length === 1 && !context.io.signal.aborted) {
      throw everyEmFailed(
        only,
        error,
        [{ name: only.name, error: '', how: 'failed' }],
        context.hasAnswered,
      );
    }
    throw error;
  } finally {
    limited.dispose();
  }
}

/** What the check prints: its status line, its exit code, and a hint for stderr. */
interface CheckResult {
  readonly line: string;
  readonly exitCode: number;
  readonly hint?: string;
}

/**
 * Where to look next after a check that could not look: the doctor of the EM that failed (after
 * --all, the one its status line names, rather than every profile), with only the options the
 * doctor takes (it refuses --time-limit, --rpo and the like).
 */
function doctorHint(target: Target | undefined): string {
  return target === undefined
    ? 'run vbem doctor with the same --profile or --url'
    : doctorHintOf(target);
}

/**
 * UNKNOWN when the time limit cut an --all check before any EM was done: what happened to each EM
 * (its own error, cut by the limit, or not started), and the EM counts as in the judged output.
 */
function cutEveryEm(failures: readonly EmFailure[], targets: readonly Target[]): CheckResult {
  // The EM that failed of itself is the one worth a look first; else the first one cut.
  const named = failures.find((failure) => failure.how === 'failed') ?? failures[0];
  const target = targets.find((each) => each.name === named?.name);
  const perfdata: PerfDatum[] = [
    { label: 'ems', value: failures.length, min: 0 },
    { label: 'ems_failed', value: failures.length, warn: 0, min: 0 },
  ];
  return {
    line: statusLine('UNKNOWN', emFailuresAfter('no EM done: ', failures), perfdata),
    exitCode: NAGIOS_EXIT_CODE.UNKNOWN,
    ...(named ? { hint: target ? doctorHintOf(target) : doctorProfileHint(named.name) } : {}),
  };
}

/** Exit code 3 and a status line for a mistake in the command line, as for any other failure. */
export function unknownUsage(io: CliIo, message: string): never {
  const line = statusText(message.replace(/^error:\s*/, ''));
  io.stdout.write(statusLine('UNKNOWN', line));
  throw new CliError(line, { exitCode: 3, hint: USAGE_HINT });
}

/**
 * `check` reports its own usage errors (unknown option, bad choice, missing value) as UNKNOWN
 * with exit code 3: a monitoring system must never read a typo as WARNING or CRITICAL. commander
 * reports them all through `error()`, which hands them here without what was typed with an unknown
 * option; the runner prints the thrown CliError and returns its code.
 */
class CheckCommand extends CliCommand {
  constructor(private readonly io: CliIo) {
    super('check');
  }

  protected override usageError(message: string, _errorOptions?: ErrorOptions): never {
    return unknownUsage(this.io, message);
  }
}

/** What the check decides from; everything that fails in here is UNKNOWN. */
async function runCheck(
  context: CommandContext,
  flags: CheckFlags,
): Promise<{ line: string; exitCode: number }> {
  const rpo = durationOf('--rpo', flags.rpo) ?? '24h';
  const since = durationOf('--since', flags.since) ?? rpo;
  const rpoSeconds = parseDuration(rpo);
  if (parseDuration(since) < rpoSeconds) {
    throw new UsageError(
      `--since ${since} is shorter than --rpo ${rpo}: a success older than the window would be missed and read as an RPO breach`,
    );
  }
  const maxFailed = integerOf('--max-failed', flags.maxFailed, 0) ?? 0;
  const concurrency = concurrencyOf(flags.concurrency);
  const jobNames = flags.job ?? [];
  const options = { since, rpo, policy: flags.policy };
  checkReportOptions(options, context.io.now());
  const targets = await context.targets(flags);
  const { report, emFailures } = await reportOfTargets(
    context,
    targets,
    // Its verdicts do not look at durations: no history for what is usual.
    { options, tasks: false, jobNames, concurrency, history: false },
    flags,
  );
  const outcome = assessCheck(report, {
    maxFailed,
    policy: flags.policy,
    since,
    rpo,
    rpoSeconds,
    jobNames,
    sources: targets.length,
    emFailures,
  });
  for (const verdict of outcome.verdicts) {
    if (verdict.level !== 'ok') {
      context.verbose(flags, `${verdict.level}: ${verdict.name}: ${verdict.reasons.join('; ')}`);
    }
  }
  return {
    line: statusLine(outcome.state, outcome.summary, outcome.perfdata),
    exitCode: NAGIOS_EXIT_CODE[outcome.state],
  };
}

export function checkCommand(context: CommandContext): Command {
  const command = new CheckCommand(context.io)
    .summary('a Nagios/Icinga check: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN')
    .description(
      'Checks the backup jobs of one EM (or every EM of the config file with --all) against an RPO and a number of failed runs, and prints one status line in the Nagios plugin format, with performance data.',
    )
    .addOption(
      new Option(
        '--rpo <duration>',
        'recovery point objective: the oldest acceptable last success',
      ).default('24h'),
    )
    .addOption(
      new Option(
        '--since <duration>',
        'window read back from now; at least the RPO (default: the RPO)',
      ),
    )
    .addOption(
      new Option(
        '--max-failed <n>',
        'failed runs not yet followed by a success that are only a WARNING',
      ).default('0'),
    )
    .addOption(
      new Option('--job <name>', 'only this job, its name whole (repeat for several)').argParser(
        repeatable,
      ),
    )
    .addOption(
      new Option(
        '--time-limit <time>',
        "the check's crawl at most, in seconds (35, 90s) or as a duration (2m); then UNKNOWN (with --all, the EMs not done by then fail), with time left to log off before Nagios or Icinga (60 s) kill it",
      ).default(String(DEFAULT_TIME_LIMIT_SECONDS)),
    )
    .addOption(
      new Option(
        '--policy <policy>',
        'what counts as a success for the RPO and for ending failures',
      )
        .choices(['warning-is-success', 'strict'])
        .default('warning-is-success'),
    )
    .addOption(concurrencyOption())
    .addHelpText(
      'after',
      `
States (the worst applies):
  CRITICAL  a job breaches the RPO: no success in the window, or its last success is older
            than --rpo (a job with a schedule that did not run in the window included: one
            that stopped); or more than --max-failed failed runs over all jobs. A failed run
            counts until a later run of its job succeeds (the report's consecutiveFailures).
  WARNING   1 to --max-failed such failed runs; a failed run in the window that a later run
            recovered; a job whose last run ended with a warning; a job with a schedule (or
            given with --job) that did not run in the window but succeeded within --rpo; with
            --all, an EM that failed (the others are still checked).
  OK        none of these.
  UNKNOWN   the check could not look: connection, TLS, logon, permissions, a wrong option,
            a --job that no EM has, no answer within --time-limit (default 35 s), or a
            SIGINT, SIGTERM or SIGHUP (it logs off first).
Success: under warning-is-success (the default) a Warning run is a restore point and ends a
series of failures; under strict only Success does. Jobs without a schedule and without a
run in the window are left out. Retries of a run count as that one run.

Output: one line, 'VBEM <STATE> - <summary> | <perfdata>', with perfdata jobs, ok, warning,
critical, missed, failed_runs (crit = --max-failed), oldest_success_age (s; crit = RPO; U
when no job is checked, or when a job has no success among the sessions read: those created
from the window's start minus --rpo on) and with --all ems, ems_failed.

Examples:
  vbem check --profile prod                        every job, RPO 24h, no failed run allowed
  vbem check --profile prod --rpo 26h --max-failed 2
  vbem check --profile prod --job 'SQL Backup' --rpo 4h
  vbem check --all                                 every EM of the config file
  vbem check --all --concurrency 16                16 EMs at once, to end within --time-limit
  vbem check --demo                                try it against the embedded emulator`,
    );
  addOutputOptions(addConnectionOptions(command));
  // A password on the command line is refused with UNKNOWN too (parsed before the runner's check).
  command.options
    .find((option) => option.long === '--password')
    ?.argParser(() =>
      unknownUsage(context.io, `${PASSWORD_FLAG_REFUSED}; ${PASSWORD_ALTERNATIVES}`),
    );
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<CheckFlags>();
    // The one EM a check failed on: its password source and profile go in the hint.
    const failedOne: { target?: Target | undefined } = {};
    try {
      // A bad value is named first, as by the other commands; runCheck takes the value.
      concurrencyOf(flags.concurrency);
      refuseConcurrencyWithoutAll(cmd, flags);
      const seconds = timeLimitOf(flags) ?? DEFAULT_TIME_LIMIT_SECONDS;
      const { line, exitCode, hint } = await runCheckWithin(context, flags, seconds, failedOne);
      context.io.stdout.write(line);
      if (!flags.quiet && hint) context.io.stderr.write(`hint: ${hint}\n`);
      context.exitCode = exitCode;
    } catch (error) {
      if (context.io.signal.aborted) throw error;
      const { target } = failedOne;
      const report = describeError(error, 'command', {
        passwordSource: target?.passwordSource,
        profile: target?.profile,
        doctorOf: target,
        hasAnswered: context.hasAnswered,
      });
      // The status line goes to others (Nagios, its notifications): the local files an error
      // names stay on stderr.
      const text = lineWithoutLocalPaths(error, report.line);
      context.io.stdout.write(statusLine('UNKNOWN', text));
      if (text !== report.line) context.io.stderr.write(`vbem: ${report.line}\n`);
      if (!flags.quiet && report.hint) context.io.stderr.write(`hint: ${report.hint}\n`);
      if (flags.debug) context.io.stderr.write(`${debugDetail(error)}\n`);
      context.exitCode = NAGIOS_EXIT_CODE.UNKNOWN;
    }
  });
  return command;
}
