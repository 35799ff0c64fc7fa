import { formatDuration } from './format-duration.js';

/** Ages below this read in hours: around an RPO of a day or two, a day loses the breach. */
const HOURS_BELOW_SECONDS = 2 * 86_400;

/**
 * The age of a last success for people, as formatDuration writes durations, but in hours and
 * minutes below two days (`24h 30m`, not `1d`), so that an age just past an RPO of `1d` reads as
 * past it.
 */
export function formatAge(seconds: number): string {
  if (!(seconds >= 3_600 && seconds < HOURS_BELOW_SECONDS)) return formatDuration(seconds);
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3_600);
  const minutes = Math.floor((whole % 3_600) / 60);
  return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
}
