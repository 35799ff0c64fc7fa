/** The signals that stop a run, logging off first, and the exit code each gives, as shells expect (128 + its number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export const STOP_SIGNAL_NAMES = Object.keys(STOP_SIGNALS) as readonly StopSignal[];
