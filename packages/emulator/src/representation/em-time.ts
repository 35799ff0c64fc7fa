import { TICKS_PER_MILLISECOND, withSubMillisecondTicks } from '@vbem/model';

const TICKS_PER_MICROSECOND = TICKS_PER_MILLISECOND / 1000;

/**
 * A dataset time (epoch milliseconds with microseconds) as the EM version holds it: EM 13 keeps
 * the microseconds, EM 12 whole milliseconds (its JSON and session names show no finer).
 */
export function emTime(time: number, emVersion: 12 | 13): number {
  return emVersion === 13 ? time : Math.floor(time);
}

/** The microseconds past its millisecond (0 to 999) of a dataset time. */
export function microsecondsOf(time: number): number {
  // Rounded to whole microseconds: the double is within a quarter of one, not of a tick.
  return Math.round((time - Math.floor(time)) * 1000);
}

/** A dataset time as a Date EM writes: in EM 13 the microseconds ride along as its sub-millisecond ticks. */
export function emDate(time: number, emVersion: 12 | 13): Date {
  const date = new Date(Math.floor(time));
  if (emVersion === 12) return date;
  return withSubMillisecondTicks(date, microsecondsOf(time) * TICKS_PER_MICROSECOND);
}
