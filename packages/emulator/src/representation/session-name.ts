const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A session's name as EM writes it: `<JobName>@<yyyy-MM-dd HH:mm:ss>`. EM 13 appends the
 * fraction without its trailing zeros (`.659559`, `.22142`, none at all for a whole second); the
 * emulator holds milliseconds, so its fractions have at most three digits.
 */
export function sessionName(prefix: string, time: number, emVersion: 12 | 13): string {
  const date = new Date(time);
  const stamp = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  return emVersion === 13 && ms !== 0
    ? `${prefix}@${stamp}.${pad(ms, 3).replace(/0+$/, '')}`
    : `${prefix}@${stamp}`;
}
