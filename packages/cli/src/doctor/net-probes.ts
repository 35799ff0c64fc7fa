import { lookup } from 'node:dns/promises';
import { connect, isIP } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A probe that got no answer in time. */
export class ProbeTimeout extends Error {
  override readonly name = 'ProbeTimeout';
  readonly code = 'PROBE_TIMEOUT';
}

/**
 * Runs a callback-style probe until it calls `done`, `ms` pass (ProbeTimeout) or `signal` aborts
 * (its reason). `start` returns the cleanup, which runs once, whatever ended the probe.
 */
export function bounded<T>(
  signal: AbortSignal,
  ms: number,
  what: string,
  start: (done: (error: Error | null, value?: T) => void) => () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    let cleanup: () => void = () => {};
    const finish = (error: Error | null, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      cleanup();
      if (error) reject(error);
      else resolve(value as T);
    };
    const onAbort = () =>
      finish(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(
      () => finish(new ProbeTimeout(`${what}: no answer within ${describeMs(ms)}`)),
      ms,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    cleanup = start(finish);
    if (settled) cleanup();
  });
}

export const describeMs = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;

/** The `code` of a Node error (ECONNREFUSED, ENOTFOUND, ERR_SSL_…), if it has one. */
export const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** An error in a few words: OpenSSL's reason (`wrong version number`), else its first line. */
export function errorText(error: unknown): string {
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && reason !== '') return reason;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

export interface LookupAnswer {
  readonly addresses: readonly string[];
  readonly ms: number;
  /** The host is an IP address: nothing was looked up. */
  readonly literal: boolean;
}

/** The host's addresses, as the client will get them (the system resolver, getaddrinfo). */
export async function lookupHost(
  host: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<LookupAnswer> {
  if (isIP(host) !== 0) return { addresses: [host], ms: 0, literal: true };
  const started = performance.now();
  const answers = await bounded<{ address: string }[]>(
    signal,
    timeoutMs,
    `DNS lookup of ${host}`,
    (done) => {
      lookup(host, { all: true }).then(
        (found) => done(null, found),
        (error: Error) => done(error),
      );
      return () => {};
    },
  );
  return {
    addresses: [...new Set(answers.map((answer) => answer.address))],
    ms: performance.now() - started,
    literal: false,
  };
}

/** Milliseconds to open (and close again) a TCP connection to `address:port`. */
export async function connectTcp(
  address: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  await bounded<void>(signal, timeoutMs, `TCP connection to ${address}:${port}`, (done) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => done(null));
    socket.once('error', (error) => done(error));
    return () => socket.destroy();
  });
  return performance.now() - started;
}
