import type { DatasetOptions } from './dataset/dataset.js';
import type { FaultRule } from './http/fault-rule.js';
import type { TlsOption } from './tls-option.js';

export interface EmulatorUser {
  readonly username: string;
  readonly password: string;
}

/** The account the emulator accepts when no `users` are given. Not a secret: it exists only on loopback. */
export const DEFAULT_USER: EmulatorUser = { username: 'emulator', password: 'emulator' };

export interface EmulatorOptions {
  /** Interface to bind (default 127.0.0.1). A non-loopback address is allowed, with a warning. */
  readonly host?: string | undefined;
  /** Port (default 0: a free port chosen by the system). */
  readonly port?: number | undefined;
  /** The generated EM: seed, size and health. `dataset.now` defaults to the clock's time at start. */
  readonly dataset?: DatasetOptions | undefined;
  /** Accounts that may log on (default: `DEFAULT_USER`). */
  readonly users?: readonly EmulatorUser[] | undefined;
  /** Idle time after which a logon session expires, as EM's 15 minutes (default 900000). */
  readonly idleTimeoutMs?: number | undefined;
  /**
   * The clock, for expiry, the 30-day window, the sessions that exist yet and how they stand
   * (one that ends after it still runs) and a job's `NextRun`; tests drive it (default: the
   * system clock).
   */
  readonly now?: (() => Date) | undefined;
  /** The EM generation to imitate: 13 writes camelCase JSON, 12 PascalCase (default 13). */
  readonly emVersion?: 12 | 13 | undefined;
  /** Faults to inject from the start; more can be added with `faults.add()`. */
  readonly faults?: readonly FaultRule[] | undefined;
  /**
   * Serve HTTPS with this PEM key and certificate instead of HTTP, and these TLS settings
   * (`passphrase` of an encrypted key, `minVersion`, `maxVersion`, `ciphers`, …).
   */
  readonly tls?: TlsOption | undefined;
  /**
   * How long a client may take to send its request headers before it is answered 408 and
   * disconnected, from the moment it connects or starts a request (default 10000, or
   * `requestTimeoutMs` when that is shorter). A client that never finishes its headers
   * (slowloris) holds a connection no longer than this.
   */
  readonly headersTimeoutMs?: number | undefined;
  /**
   * How long a client may take to send its whole request, headers and body (default 30000, or
   * `headersTimeoutMs` when that is longer). Writing the answer is not limited by it.
   */
  readonly requestTimeoutMs?: number | undefined;
  /** How long a kept-alive connection may stay idle between requests (default 5000). */
  readonly keepAliveTimeoutMs?: number | undefined;
  /**
   * How many answers show a stop task Running, the 202 included, before the next one finds it
   * Finished and the session, Stopping meanwhile, Stopped (default 1; 0: finished at once).
   */
  readonly stopTaskPolls?: number | undefined;
  /** Where warnings go (default: console.warn). */
  readonly onWarning?: ((message: string) => void) | undefined;
}
