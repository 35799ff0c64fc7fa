import { parseDuration, ReportError } from '@vbem/reporting';
import { UsageError } from './cli-error.js';

/** `Failed,Warning` or repeated flags, split on commas, each checked against `allowed` (any case). */
export function listOf(
  flag: string,
  value: string | readonly string[] | undefined,
  allowed?: readonly string[],
): string[] {
  if (value === undefined) return [];
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((item: string) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (!allowed) return items;
  return items.map((item) => {
    const match = allowed.find((known) => known.toLowerCase() === item.toLowerCase());
    if (!match) {
      throw new UsageError(`${flag}: ${JSON.stringify(item)} is not one of ${allowed.join(', ')}`);
    }
    return match;
  });
}

/** An ISO 8601 instant with a zone (`2026-11-20T00:00:00Z`); anything else is a usage error. */
export function instantOf(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not an ISO time with a zone, e.g. 2026-11-20T06:00:00Z`,
    );
  }
  return date;
}

/** A whole number of at least `min`. */
export function integerOf(
  flag: string,
  value: string | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not a whole number of at least ${min}`,
    );
  }
  return Number(value);
}

/** `24h`, `7d`: checked here so that a typo is a usage error, not an error from deep inside. */
export function durationOf(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    parseDuration(value, flag);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    throw new UsageError(error.message);
  }
  return value;
}
