import { describe, expect, it } from 'vitest';
import { flagMessage, flagProblemOf } from '../src/flag-message.js';
import { type EmulatorOptions, generateDataset, startEmulator } from '../src/index.js';
import { selfSignedPair } from './self-signed-pair.js';

const NOW = new Date('2025-06-15T12:00:00Z');

const startFailure = (options: EmulatorOptions) =>
  startEmulator({ now: () => NOW, dataset: { jobs: 1, days: 1, now: NOW }, ...options }).then(
    async (emulator) => {
      await emulator.close();
      throw new Error('started');
    },
    (error: unknown) => error,
  );

const generationFailure = (options: Parameters<typeof generateDataset>[0]) => {
  try {
    generateDataset({ now: NOW, ...options });
  } catch (error) {
    return error;
  }
  throw new Error('generated');
};

describe('vbem-emulator names the flag, not the API option, of an option error', () => {
  it('an emulator option: --port, --em-version, --user, --tls-key with --tls-cert', async () => {
    expect(flagMessage(await startFailure({ port: 99_999 }))).toBe(
      '--port must be a whole number from 0 to 65535, got 99999',
    );
    expect(flagMessage(await startFailure({ emVersion: 11 as 13 }))).toBe(
      '--em-version must be 12 or 13, got 11',
    );
    expect(flagMessage(await startFailure({ users: [{ username: 'a:b', password: 'x' }] }))).toBe(
      '--user must be a non-empty string without a colon (Basic authentication cannot carry one)',
    );
    expect(flagMessage(await startFailure({ tls: { key: 'x', cert: 'y' } }))).toMatch(
      /^--tls-key with --tls-cert is not a usable PEM key and certificate pair: error:/,
    );
  });

  it("an encrypted key's passphrase: the flag or variable that gives it, never tls.passphrase", async () => {
    const pair = selfSignedPair('correct-horse-battery');
    const wrong = await startFailure({ tls: { ...pair, passphrase: 'wrong-staple-9931' } });
    expect(flagMessage(wrong, { passphraseFrom: '--tls-passphrase-file' })).toMatch(
      /bad decrypt \(is the passphrase of --tls-passphrase-file right\?\)$/,
    );
    expect(flagMessage(wrong)).toMatch(/bad decrypt \(is the passphrase right\?\)$/);
    expect(flagMessage(await startFailure({ tls: pair }))).toMatch(
      /bad decrypt \(an encrypted key needs its passphrase: --tls-passphrase-file FILE or VBEM_EMULATOR_TLS_PASSPHRASE\)$/,
    );
  });

  it('a dataset option, and the flags its problem refers to: --running, --jobs, --days, --sessions', () => {
    expect(flagMessage(generationFailure({ jobs: 3, runningSessions: 50 }))).toBe(
      "--running must not exceed --jobs (3): each running session is its own job's, got 50",
    );
    expect(flagMessage(generationFailure({ jobs: 100_000, days: 100 }))).toMatch(
      /^--jobs × --days × --sessions must not exceed \d+ scheduled runs, got 10000000$/,
    );
    // "3 jobs" is a count, not the option.
    expect(flagMessage(generationFailure({ servers: 0, jobs: 3 }))).toBe(
      '--servers must be at least 1 to hold 3 jobs, got 0',
    );
    expect(flagMessage(generationFailure({ seed: 2 ** 60 }))).toMatch(/^--seed must be an integer/);
  });

  it("a history before the year 0001 names --now when --now gave the dataset's end", () => {
    const early = generationFailure({ now: new Date('0001-01-01T00:00:00Z'), days: 45 });
    expect(flagMessage(early, { nowGiven: true })).toBe(
      '--days must not reach before the year 0001 from --now (0001-01-01T00:00:00.000Z), got 45',
    );
    expect(flagProblemOf(early, { nowGiven: true })).toEqual({
      flag: '--days',
      problem: 'must not reach before the year 0001 from --now (0001-01-01T00:00:00.000Z), got 45',
    });
    // The system clock's now is no flag.
    expect(flagMessage(early)).toMatch(/^--days must not reach before the year 0001 from now \(/);
  });

  it('an option no flag sets, or another error, as its message', async () => {
    const error = await startFailure({ idleTimeoutMs: -5 });
    expect(flagMessage(error)).toBe((error as Error).message);
    expect(flagMessage(new Error('boom'))).toBe('boom');
  });
});
