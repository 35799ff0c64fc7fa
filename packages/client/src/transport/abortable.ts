/** The longest wait a Node timer takes as given (2^31 − 1 ms); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `ms` as a timer can wait it: negative waits are 0, and waits past `MAX_TIMER_MS` are that. */
export const timerMs = (ms: number): number => Math.min(Math.max(0, ms), MAX_TIMER_MS);

/** Why an attempt was stopped: the caller's signal, the attempt's timeout, or the call's deadline. */
export type StopReason = 'aborted' | 'timeout' | 'deadline';

export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** Set once the signal fired. */
  reason(): StopReason | undefined;
  /** Clears the timer and the listeners; call when the attempt ends. */
  dispose(): void;
}

/**
 * One signal for one attempt, fired by any caller signal, by the attempt timeout or by the
 * call deadline (an absolute time). Listeners are removed afterwards, so a crawl of a hundred
 * thousand requests leaves nothing behind on a long-lived caller signal.
 */
export function attemptSignal(
  callerSignals: readonly (AbortSignal | undefined)[],
  timeoutMs: number,
  deadlineAt: number | undefined,
): AttemptSignal {
  const controller = new AbortController();
  let stopped: StopReason | undefined;
  const stop = (why: StopReason) => {
    if (stopped) return;
    stopped = why;
    controller.abort();
  };
  const onAbort = () => stop('aborted');
  const listening: AbortSignal[] = [];
  for (const signal of callerSignals) {
    if (!signal) continue;
    if (signal.aborted) {
      stop('aborted');
      break;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    listening.push(signal);
  }
  const untilDeadline =
    deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - Date.now();
  // Past the deadline already: stopped now, so that the caller sends nothing.
  if (untilDeadline <= 0) stop('deadline');
  const wait = Math.min(timeoutMs, untilDeadline);
  const why: StopReason = untilDeadline < timeoutMs ? 'deadline' : 'timeout';
  const timer = stopped ? undefined : setTimeout(() => stop(why), timerMs(wait));
  return {
    signal: controller.signal,
    reason: () => stopped,
    dispose() {
      if (timer) clearTimeout(timer);
      for (const signal of listening) signal.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Resolves true when `start` calls `done(true)`, false when it calls `done(false)` or when a
 * signal aborts first (at once if one already has). `start` returns what to undo when the wait
 * ends, either way.
 */
function abortableWait(
  signals: readonly (AbortSignal | undefined)[],
  start: (done: (completed: boolean) => void) => () => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    const active = signals.filter((s): s is AbortSignal => s !== undefined);
    if (active.some((s) => s.aborted)) {
      resolve(false);
      return;
    }
    let undo = () => {};
    const done = (completed: boolean) => {
      undo();
      for (const s of active) s.removeEventListener('abort', onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    for (const s of active) s.addEventListener('abort', onAbort, { once: true });
    undo = start(done);
  });
}

/** Waits `ms`, or less when a signal aborts (resolves with `false` then). */
export const sleep = (
  ms: number,
  signals: readonly (AbortSignal | undefined)[],
): Promise<boolean> =>
  abortableWait(signals, (done) => {
    const timer = setTimeout(() => done(true), timerMs(ms));
    return () => clearTimeout(timer);
  });

/** `work`'s outcome, or a rejection as soon as `signal` aborts (`work` itself goes on). */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `work`'s outcome, or a rejection with `timedOut()` at `deadlineAt` (`work` itself goes on). */
export function beforeDeadline<T>(
  work: Promise<T>,
  deadlineAt: number | undefined,
  timedOut: () => Error,
): Promise<T> {
  if (deadlineAt === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), timerMs(deadlineAt - Date.now()));
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
