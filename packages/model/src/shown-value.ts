import { timeOfDate } from './time-of-date.js';

/**
 * A value as an error message of the vbem packages shows it: strings quoted and cut at 80
 * characters (marked `…`), so that "5" and 5 read differently, and objects by their kind rather
 * than as `[object Object]`. Never for a password or a token.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  const time = timeOfDate(value);
  if (time !== undefined)
    return Number.isNaN(time)
      ? 'Invalid Date'
      : `the Date ${Date.prototype.toISOString.call(value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
