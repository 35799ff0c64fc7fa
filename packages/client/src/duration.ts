import { shownValue, timeOfDate } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';

const MS_PER_UNIT: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds in `30m`, `24h`, `7d` or `2w`; `option` names the option in the error. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+)([mhdw])$/.exec(text);
  const ms = match ? Number(match[1]) * (MS_PER_UNIT[match[2] as string] as number) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new ClientOptionsError(
      `${option}: ${JSON.stringify(text)} is not a duration; use a positive whole number and a unit m, h, d or w, as in 30m, 24h, 7d or 2w`,
    );
  }
  return ms;
}

/** A point in time given as a Date or as a duration before `now` (`7d`). */
export function pointInTime(value: Date | string, now: Date, option: string): Date {
  const time = timeOfDate(value);
  if (time !== undefined) {
    if (Number.isNaN(time)) throw new ClientOptionsError(`${option} is an invalid Date`);
    // The Date itself: one decoded from EM carries ticks below the millisecond.
    return value as Date;
  }
  if (typeof value !== 'string') {
    throw new ClientOptionsError(
      `${option} must be a Date or a duration such as 7d, got ${shownValue(value)}`,
    );
  }
  return new Date(now.getTime() - parseDuration(value, option));
}
