import type { ClientOptions } from '@vbem/client';
import type { CliError } from '../cli-error.js';

/** One EM to talk to: a name for messages and merged reports, and the client's options. */
export interface Target {
  readonly name: string;
  readonly options: ClientOptions;
  /**
   * With --all, why this profile cannot be reached (its password or CA file), found before any
   * request; its `options` then hold no password, and `client()` throws this instead.
   */
  readonly failure?: CliError;
  /** Where its password came from, for a refused logon's hint (`DELTA_PW (passwordEnv of profile delta)`). */
  readonly passwordSource?: string;
}
