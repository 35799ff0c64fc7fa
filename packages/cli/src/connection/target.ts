import type { ClientOptions } from '@vbem/client';
import type { CliError } from '../cli-error.js';
import type { ProfilePlace } from '../pin-advice.js';

/** One EM to talk to: a name for messages and merged reports, and the client's options. */
export interface Target {
  readonly name: string;
  readonly options: ClientOptions;
  /**
   * With --all, why this profile cannot be reached (its password or CA file), found before any
   * request; its `options` then hold no password, and `client()` throws this instead.
   */
  readonly failure?: CliError;
  /**
   * Which of the profile's settings `failure` is about. With `password`, `options` hold the
   * profile's resolved TLS settings and timeout (the doctor still checks TLS with them); with
   * `tls` (its CA file, say), `options` hold no TLS settings at all.
   */
  readonly failedSetting?: 'password' | 'tls';
  /** Where its password came from, for a refused logon's hint (`DELTA_PW (passwordEnv of profile delta)`). */
  readonly passwordSource?: string;
  /** The profile its settings came from; none for `--url` alone and the demo. */
  readonly profile?: ProfilePlace;
  /** The embedded emulator of --demo. */
  readonly demo?: boolean;
  /** The flags of the run the doctor of this EM needs besides those naming it (`doctorFlagsOf`). */
  readonly doctorFlags?: readonly string[];
}
