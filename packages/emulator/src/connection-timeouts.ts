import { shownValue as shown } from '@vbem/model';
import type { EmulatorOptions } from './emulator-options.js';
import { EmulatorOptionsError } from './emulator-options-error.js';

/** How long a client may take over its request headers, unless `headersTimeoutMs` says (ms). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** How long a client may take over its whole request, unless `requestTimeoutMs` says (ms). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** How long an idle kept-alive connection stays open, unless `keepAliveTimeoutMs` says (ms). */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** The limits on a connection, resolved from the options, in the terms node:http takes them. */
export interface ConnectionTimeouts {
  readonly headersTimeout: number;
  readonly requestTimeout: number;
  readonly keepAliveTimeout: number;
  /** How often Node looks for requests past their limit: without it, every 30 s. */
  readonly connectionsCheckingInterval: number;
}

const LIMITS = ['headersTimeoutMs', 'requestTimeoutMs', 'keepAliveTimeoutMs'] as const;

/**
 * The longest limit (ms, about 24.8 days): Node's timers hold at most 2^31 - 1 ms, and truncate a
 * longer one to that with a TimeoutOverflowWarning on every use.
 */
export const MAX_CONNECTION_TIMEOUT_MS = 2_147_483_647;

/** What a limit may be, in the words of its error. */
export const CONNECTION_TIMEOUT_RANGE = `a whole number of milliseconds from 1 to ${MAX_CONNECTION_TIMEOUT_MS}`;

/**
 * Refuses a limit that is not a whole number from 1 ms to MAX_CONNECTION_TIMEOUT_MS, and headers given longer than the
 * whole request (Node would refuse that with an untyped RangeError).
 */
export function checkConnectionTimeouts(options: EmulatorOptions): void {
  for (const name of LIMITS) {
    const value = options[name];
    if (
      value !== undefined &&
      !(Number.isSafeInteger(value) && value >= 1 && value <= MAX_CONNECTION_TIMEOUT_MS)
    )
      throw new EmulatorOptionsError(
        name,
        `must be ${CONNECTION_TIMEOUT_RANGE}, got ${shown(value)}`,
      );
  }
  const { headersTimeoutMs, requestTimeoutMs } = options;
  if (
    headersTimeoutMs !== undefined &&
    requestTimeoutMs !== undefined &&
    headersTimeoutMs > requestTimeoutMs
  )
    throw new EmulatorOptionsError(
      'headersTimeoutMs',
      `must not exceed requestTimeoutMs (${requestTimeoutMs}), got ${headersTimeoutMs}`,
    );
}

/**
 * The limits, each defaulted so that one given alone never conflicts with the other's default:
 * `requestTimeoutMs: 5000` alone makes headers 5 s too, `headersTimeoutMs: 60000` alone the
 * request 60 s. Node checks them every quarter of the shorter, at most every second, so a stuck
 * client is cut within a quarter past its limit (or a second past it).
 */
export function connectionTimeouts(options: EmulatorOptions): ConnectionTimeouts {
  const requestTimeout =
    options.requestTimeoutMs ?? Math.max(DEFAULT_REQUEST_TIMEOUT_MS, options.headersTimeoutMs ?? 0);
  const headersTimeout =
    options.headersTimeoutMs ?? Math.min(DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout);
  return {
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.max(1, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
}
