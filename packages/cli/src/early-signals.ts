import { STOP_SIGNAL_NAMES, type StopSignal } from './stop-signals.js';

/**
 * Listens for the stop signals from the binary's first line, while the CLI loads (a second or
 * so of imports, before `main` can listen): without a listener Node ends the process by the
 * signal's default, with no message and, from `check`, no status line. The function it returns,
 * called by `main` once its own listeners are on (never before: see main), stops listening and
 * says the first signal that came, for `main` to act on.
 */
export function catchEarlySignals(): () => StopSignal | undefined {
  let first: StopSignal | undefined;
  const remember = (signal: StopSignal) => {
    first ??= signal;
  };
  for (const signal of STOP_SIGNAL_NAMES) process.on(signal, remember);
  return () => {
    for (const signal of STOP_SIGNAL_NAMES) process.off(signal, remember);
    return first;
  };
}
