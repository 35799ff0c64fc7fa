import { microsecondsOf } from './em-time.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A session's name as EM writes it: `<JobName>@<yyyy-MM-dd HH:mm:ss>`. EM 13 appends the
 * fraction to the microsecond without its trailing zeros (`.659559`, `.22142`, none at all for
 * a whole second); EM 12 writes whole seconds.
 */
export function sessionName(prefix: string, time: number, emVersion: 12 | 13): string {
  const date = new Date(Math.floor(time));
  const stamp = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const micros = date.getUTCMilliseconds() * 1000 + microsecondsOf(time);
  return emVersion === 13 && micros !== 0
    ? `${prefix}@${stamp}.${pad(micros, 6).replace(/0+$/, '')}`
    : `${prefix}@${stamp}`;
}
