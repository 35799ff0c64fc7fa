import { DEFAULT_USER, type RunningEmulator, startEmulator } from '@vbem/emulator';
import type { Target } from './target.js';

/** The embedded EM of `--demo`: two backup servers, 24 jobs, 45 days, a few failures and retries. */
export const DEMO_DATASET = { seed: 42, servers: 2, jobs: 24, days: 45, vmsPerJob: 4 } as const;

export interface Demo {
  readonly target: Target;
  readonly emulator: RunningEmulator;
}

/** Starts the demo emulator on a free loopback port; the caller closes it. */
export async function startDemo(now: () => Date): Promise<Demo> {
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    now,
    dataset: { ...DEMO_DATASET, now: now() },
    onWarning: () => {},
  });
  return {
    emulator,
    target: {
      name: 'demo',
      demo: true,
      options: {
        url: emulator.url,
        username: DEFAULT_USER.username,
        password: DEFAULT_USER.password,
      },
    },
  };
}
