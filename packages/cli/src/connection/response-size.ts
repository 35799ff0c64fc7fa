import { UsageError } from '../cli-error.js';

const MIB = 1024 * 1024;

/**
 * The CLI's limit on one answer's body (after gzip) when neither `--max-response-size` nor a
 * profile's `maxResponseSize` sets one: the client's own is 256 MiB, and `--all --concurrency 8`
 * may hold several at once. The largest page the CLI asks for by default is `query`'s 1000 items,
 * about 1.3 MB of XML for sessions: 64 MiB leaves room for `--page-size` up to about 40,000.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * MIB;

/** The smallest limit taken: a page of 250 sessions is about 330 KB. */
const MIN_BYTES = MIB;
/** The largest: above it one answer alone may not fit in memory. */
const MAX_BYTES = 2048 * MIB;

const UNITS: Readonly<Record<string, number>> = {
  kib: 1024,
  mib: MIB,
  gib: 1024 * MIB,
  kb: 1000,
  mb: 1000 * 1000,
  gb: 1000 * 1000 * 1000,
};

/**
 * The bytes of `--max-response-size` or of a profile's `maxResponseSize` given as text: a number
 * with a unit (`64MiB`, `512KiB`, `1GiB`; `MB`, `KB` and `GB` are powers of 1000), or a bare number
 * of MiB (`64`), from 1 MiB to 2 GiB; a usage error naming `where` otherwise.
 */
export function responseBytesOf(where: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b)?\s*$/i.exec(value);
  if (!match) {
    throw new UsageError(
      `${where}: ${JSON.stringify(value)} is not a size such as 64MiB, 512KiB or 1GiB (a bare number is MiB)`,
    );
  }
  const unit = match[2] === undefined ? MIB : (UNITS[match[2].toLowerCase()] ?? MIB);
  const bytes = Math.round(Number(match[1]) * unit);
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not from 1MiB to 2GiB`);
  }
  return bytes;
}

/** A limit as the CLI writes it: `64MiB`, `1.5GiB`, `700KiB`. */
export function shownSize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 * MIB],
    ['MiB', MIB],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))}${unit}`;
  }
  return `${bytes}B`;
}
