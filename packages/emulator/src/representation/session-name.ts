const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A session's name as EM writes it: `<JobName>@<yyyy-MM-dd HH:mm:ss>`. EM 13 appends the
 * fraction (`.659559`); the emulator derives the microseconds from the milliseconds it holds.
 */
export function sessionName(prefix: string, time: number, emVersion: 12 | 13): string {
  const date = new Date(time);
  const stamp = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return emVersion === 13
    ? `${prefix}@${stamp}.${pad(date.getUTCMilliseconds(), 3)}000`
    : `${prefix}@${stamp}`;
}
