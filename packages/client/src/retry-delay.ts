import { parseHttpDate } from './http-date.js';
import type { ResolvedRetry } from './resolved-options.js';

/** Statuses worth another attempt of an idempotent request. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Capped exponential backoff with full jitter: a random wait in [0, min(max, base·2^retry)). */
export function backoffMs(retry: number, options: ResolvedRetry, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in milliseconds from now: delta-seconds (digits only) or an HTTP-date; undefined
 * when absent or anything else (`1.5`, `-1`), so that the normal backoff applies.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text, now);
  if (date === undefined) return undefined;
  return Math.max(0, date - now);
}
