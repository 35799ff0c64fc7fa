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

/**
 * What `vbem-emulator` says of an error: an option's error in terms of the flag that set it
 * (`--running must not exceed --jobs (3)`, not `DatasetOptions.runningSessions …`), any other as
 * its message. `passphraseFrom`: where the key's passphrase came from, if one was given.
 */
export function flagMessage(error: unknown, passphraseFrom?: string): string {
  if (error instanceof EmulatorOptionsError && Object.hasOwn(OPTION_FLAGS, error.option))
    return `${OPTION_FLAGS[error.option]} ${error.problem
      .replace(
        '(an encrypted key needs tls.passphrase)',
        `(an encrypted key needs its passphrase: --tls-passphrase-file FILE or ${TLS_PASSPHRASE_VARIABLE})`,
      )
      .replace('exceed requestTimeoutMs (', 'exceed --request-timeout (')
      .replace(
        '(is tls.passphrase right?)',
        `(is the passphrase${passphraseFrom === undefined ? '' : ` of ${passphraseFrom}`} right?)`,
      )}`;
  if (error instanceof DatasetOptionsError && Object.hasOwn(DATASET_FLAGS, error.option))
    return `${DATASET_FLAGS[error.option]} ${error.problem.replace(
      OPTION_REFERENCE,
      (name) => DATASET_FLAGS[name] as string,
    )}`;
  return (error as Error).message;
}
