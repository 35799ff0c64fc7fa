import { DatasetOptionsError } from './dataset/dataset-options-error.js';
import { EmulatorOptionsError } from './emulator-options-error.js';
import { TLS_PASSPHRASE_VARIABLE } from './tls-passphrase-flag.js';

/** The `vbem-emulator` flag that sets each option of `startEmulator`. */
const OPTION_FLAGS: Readonly<Record<string, string>> = {
  host: '--host',
  port: '--port',
  emVersion: '--em-version',
  'users[0].username': '--user',
  'users[0].password': '--password',
  tls: '--tls-key with --tls-cert',
  'tls.key': '--tls-key',
  'tls.cert': '--tls-cert',
  headersTimeoutMs: '--headers-timeout',
  requestTimeoutMs: '--request-timeout',
  keepAliveTimeoutMs: '--keep-alive-timeout',
  stopTaskPolls: '--stop-task-polls',
};
/** The flag that sets each dataset option. */
const DATASET_FLAGS: Readonly<Record<string, string>> = {
  seed: '--seed',
  servers: '--servers',
  jobs: '--jobs',
  days: '--days',
  sessionsPerDay: '--sessions',
  runningSessions: '--running',
};
/** A dataset option a problem refers to: `jobs (3)`, `× days × sessionsPerDay`, not "3 jobs". */
const OPTION_REFERENCE = new RegExp(
  `(?<=× )(${Object.keys(DATASET_FLAGS).join('|')})\\b|\\b(${Object.keys(DATASET_FLAGS).join('|')})(?= \\()`,
  'g',
);

/** What a flag's problem depends on besides the error. */
export interface FlagProblemContext {
  /** Where the key's passphrase came from, if one was given (`--tls-passphrase-file`). */
  readonly passphraseFrom?: string | undefined;
  /** Whether `--now` gave the clock, which the dataset's end is then named by. */
  readonly nowGiven?: boolean | undefined;
}

/** An option error said in terms of the flag that set the option. */
export interface FlagProblem {
  /** The flag (`--running`), or flags (`--tls-key with --tls-cert`). */
  readonly flag: string;
  /** What is wrong, after the flag, with the options it refers to named by their flags too. */
  readonly problem: string;
}

/**
 * An option error of `startEmulator` or `generateDataset` in terms of the `vbem-emulator` flag
 * that set it (`--running`, `must not exceed --jobs (3): …`), for a command line that gives the
 * options with these flags; undefined for an option no flag sets (`idleTimeoutMs`) and any
 * other error.
 */
export function flagProblemOf(
  error: unknown,
  context: FlagProblemContext = {},
): FlagProblem | undefined {
  if (error instanceof EmulatorOptionsError && Object.hasOwn(OPTION_FLAGS, error.option))
    return {
      flag: OPTION_FLAGS[error.option] as string,
      problem: error.problem
        .replace(
          '(an encrypted key needs tls.passphrase)',
          `(an encrypted key needs its passphrase: --tls-passphrase-file FILE or ${TLS_PASSPHRASE_VARIABLE})`,
        )
        .replace('exceed requestTimeoutMs (', 'exceed --request-timeout (')
        .replace(
          '(is tls.passphrase right?)',
          `(is the passphrase${context.passphraseFrom === undefined ? '' : ` of ${context.passphraseFrom}`} right?)`,
        ),
    };
  if (error instanceof DatasetOptionsError && Object.hasOwn(DATASET_FLAGS, error.option)) {
    const problem = error.problem.replace(
      OPTION_REFERENCE,
      (name) => DATASET_FLAGS[name] as string,
    );
    return {
      flag: DATASET_FLAGS[error.option] as string,
      // The dataset's end is the time --now gave: the flag that may be the mistake (year 0001).
      problem: context.nowGiven ? problem.replace(/\bfrom now \(/, 'from --now (') : problem,
    };
  }
  return undefined;
}

/**
 * What `vbem-emulator` says of an error: an option's error in terms of the flag that set it
 * (`--running must not exceed --jobs (3)`, not `DatasetOptions.runningSessions …`; see
 * flagProblemOf), any other as its message.
 */
export function flagMessage(error: unknown, context: FlagProblemContext = {}): string {
  const problem = flagProblemOf(error, context);
  return problem === undefined ? (error as Error).message : `${problem.flag} ${problem.problem}`;
}
