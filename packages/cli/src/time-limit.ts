import type { ClientEvent } from '@vbem/client';
import { Option } from 'commander';
import type { CommandContext } from './command-context.js';
import type { Target } from './connection/target.js';
import { eitherSignal } from './either-signal.js';
import { EveryEmFailedError } from './every-em-failed.js';
import { type SecondsRange, secondsOf } from './option-values.js';
import { TimeLimitError } from './time-limit-error.js';

/** `--time-limit`: seconds (`2.5` too, as `--timeout` takes them) or a duration, from 1 s to a day. */
const TIME_LIMIT_RANGE: SecondsRange = { min: 1, max: 86_400, fractions: true };

/** `--time-limit` of the commands whose run has no limit unless given (check's has a default). */
export const timeLimitOption = (): Option =>
  new Option(
    '--time-limit <time>',
    'stop reading EMs after this long, in seconds (35, 90s) or as a duration (2m): an error naming the flag; with --all, the EMs not done by then fail (default: no limit)',
  );

/** The seconds of `--time-limit`, checked before any password is asked for; none when not given. */
export const timeLimitOf = (flags: {
  readonly timeLimit?: string | undefined;
}): number | undefined => secondsOf('--time-limit', flags.timeLimit, TIME_LIMIT_RANGE);

/** An EM's last error in a cut line stops past this length. */
const LAST_ERROR_BUDGET = 80;

/** A command's context whose EM requests stop at its --time-limit, and what the limit did. */
export interface TimeLimitedRun {
  /** The command's context within the limit: pass it to the command's run. */
  readonly context: CommandContext;
  /** Whether the limit stopped the run (not the user: Ctrl-C is no time limit). */
  readonly isPast: () => boolean;
  /** The targets the run resolved (the limit counts from then). */
  readonly targets: () => readonly Target[];
  /** Why an EM's requests stopped, or why it was not started (`started` false), at the limit. */
  readonly cutLine: (started: boolean, emName?: string) => string;
  /** ` (last error: …)`, cut short, when the EM's client was retrying at the limit; else ''. */
  readonly lastErrorText: (emName: string | undefined) => string;
  /** Clears the timer and the listeners; call when the run ends. */
  dispose(): void;
}

/**
 * `context` within a limit of `seconds`, counted once the targets are resolved (a password prompt
 * is not the EM's time): past it, the EMs' requests stop (the runner still logs off), and an
 * `--all` run names the EMs it cut (`not done within --time-limit 35s`), with the last error each
 * met while its client retried (`(last error: connect ECONNREFUSED …)`), and those it did not start.
 */
export function timeLimited(context: CommandContext, seconds: number): TimeLimitedRun {
  const limit = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let resolved: readonly Target[] = [];
  const either = eitherSignal(context.io.signal, limit.signal);
  /** The reason of each EM's last retry, by target name. */
  const lastErrors = new Map<string, string>();
  const lastErrorText = (emName: string | undefined): string => {
    const last = emName === undefined ? undefined : lastErrors.get(emName);
    return last === undefined ? '' : ` (last error: ${cut(last, LAST_ERROR_BUDGET)})`;
  };
  const cutLine = (started: boolean, emName?: string): string =>
    `${started ? 'not done' : 'not started'} within --time-limit ${seconds}s${started ? lastErrorText(emName) : ''}`;
  const limited: CommandContext = {
    ...context,
    // The run's exit code is the runner's, set through either context.
    get exitCode() {
      return context.exitCode;
    },
    set exitCode(code: number) {
      context.exitCode = code;
    },
    async targets(given) {
      const targets = await context.targets(given);
      resolved = targets;
      timer ??= setTimeout(() => limit.abort(), seconds * 1000);
      return targets;
    },
    client(target, signal) {
      const { onEvent } = target.options;
      const noted: Target = {
        ...target,
        options: {
          ...target.options,
          onEvent: (event: ClientEvent) => {
            if (event.type === 'retry') lastErrors.set(target.name, retryReason(event));
            onEvent?.(event);
          },
        },
      };
      return context.client(noted, signal ?? either.signal);
    },
    cutOff: (started, emName) => (limit.signal.aborted ? cutLine(started, emName) : undefined),
  };
  return {
    context: limited,
    isPast: () => limit.signal.aborted && !context.io.signal.aborted,
    targets: () => resolved,
    cutLine,
    lastErrorText,
    dispose() {
      clearTimeout(timer);
      either.dispose();
    },
  };
}

/**
 * `run` within `--time-limit seconds`, or as it is without one. Past the limit, a run of one EM
 * fails with a TimeLimitError naming the flag; an `--all` run has already named its EMs cut (and
 * fails as every-EM-failed only when none was done).
 */
export async function withinTimeLimit<Result>(
  context: CommandContext,
  seconds: number | undefined,
  run: (context: CommandContext) => Promise<Result>,
): Promise<Result> {
  if (seconds === undefined) return run(context);
  const limited = timeLimited(context, seconds);
  try {
    return await run(limited.context);
  } catch (error) {
    if (limited.isPast() && !(error instanceof EveryEmFailedError)) {
      const [only] = limited.targets();
      throw new TimeLimitError(limited.cutLine(true, only?.name), error, only);
    }
    throw error;
  } finally {
    limited.dispose();
  }
}

/** A retry's reason without the request it names (the same for every retry of it). */
function retryReason(event: Extract<ClientEvent, { type: 'retry' }>): string {
  const request = `${event.method} ${event.url} `;
  const reason = event.reason.startsWith(request)
    ? event.reason.slice(request.length)
    : event.reason;
  return reason.replace(/^failed: /, '');
}

const cut = (text: string, budget: number): string =>
  text.length <= budget ? text : `${text.slice(0, budget - 1)}…`;
