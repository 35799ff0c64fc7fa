import { type SecondsRange, secondsOf } from '../option-values.js';

/** Any time above 0, up to the longest a Node timer waits (the client's bound). */
const TIMEOUT_RANGE: SecondsRange = { min: 0, max: 2_147_483, aboveMin: true, fractions: true };

/**
 * The seconds per request attempt of `--timeout` or of a profile's `timeout` given as text:
 * `--time-limit`'s syntax (`30`, `90s`, `2m`), with fractions (`2.5`, `0.5s`); a usage error
 * naming `where` otherwise.
 */
export const timeoutSecondsOf = (where: string, value: string | undefined): number | undefined =>
  secondsOf(where, value, TIMEOUT_RANGE);
