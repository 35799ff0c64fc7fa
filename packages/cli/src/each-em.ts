import { AbortError } from '@vbem/client';
import type { CommandContext } from './command-context.js';
import type { Target } from './connection/target.js';
import { describeError } from './describe-error.js';
import { DEFAULT_EM_CONCURRENCY } from './em-concurrency.js';
import { type EmFailure, everyEmFailed } from './every-em-failed.js';
import { TimeLimitError } from './time-limit-error.js';

/** What one EM of an `--all` run gave, with its target. */
export interface EmResult<Value> {
  readonly target: Target;
  readonly value: Value;
}

/** The EMs of an `--all` run that answered, in the config file's order, and those that failed. */
export interface EachEm<Value> {
  readonly results: readonly EmResult<Value>[];
  /** In the config file's order, whichever finished first. */
  readonly failures: readonly EmFailure[];
}

/**
 * `work` on every target, `concurrency` at a time (default DEFAULT_EM_CONCURRENCY). An EM whose
 * work fails is warned about on stderr with its own error and left out; the others go on. When
 * every EM failed, throws everyEmFailed (as `report --all` does); a stop (Ctrl-C) stops the run.
 * Past the command's --time-limit (`context.cutOff`), the EMs it cut fail, named so, and those
 * still queued are not started.
 */
export async function eachEm<Value>(
  context: CommandContext,
  targets: readonly Target[],
  concurrency: number | undefined,
  work: (target: Target) => Promise<Value>,
): Promise<EachEm<Value>> {
  const settled: ({ value: Value } | { failure: EmFailure; error: unknown } | undefined)[] =
    targets.map(() => undefined);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < targets.length; index = next++) {
      const target = targets[index] as Target;
      // Past the command's --time-limit, an EM still queued is not started.
      const notStarted = context.cutOff?.(false, target.name);
      if (notStarted !== undefined) {
        settled[index] = {
          failure: { name: target.name, error: notStarted, how: 'not-started' },
          error: new TimeLimitError(notStarted, undefined, target),
        };
        context.warn(`${target.name}: ${notStarted}`);
        continue;
      }
      try {
        settled[index] = { value: await work(target) };
      } catch (error) {
        if (context.io.signal.aborted) throw error;
        const cut = error instanceof AbortError ? context.cutOff?.(true, target.name) : undefined;
        const line = cut ?? describeError(error).line;
        settled[index] = {
          failure: { name: target.name, error: line, how: cut === undefined ? 'failed' : 'cut' },
          error: cut === undefined ? error : new TimeLimitError(cut, error, target),
        };
        context.warn(`${target.name}: ${line}`);
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency ?? DEFAULT_EM_CONCURRENCY, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const results: EmResult<Value>[] = [];
  const failures: EmFailure[] = [];
  let firstFailed: { target: Target; error: unknown } | undefined;
  settled.forEach((each, index) => {
    const target = targets[index] as Target;
    if (each === undefined) return;
    if ('value' in each) results.push({ target, value: each.value });
    else {
      failures.push(each.failure);
      firstFailed ??= { target, error: each.error };
    }
  });
  if (results.length === 0 && firstFailed) {
    throw everyEmFailed(firstFailed.target, firstFailed.error, failures, context.hasAnswered);
  }
  return { results, failures };
}
