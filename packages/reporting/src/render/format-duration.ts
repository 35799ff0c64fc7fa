const UNITS = [
  { suffix: 'd', seconds: 86_400 },
  { suffix: 'h', seconds: 3_600 },
  { suffix: 'm', seconds: 60 },
  { suffix: 's', seconds: 1 },
] as const;

/**
 * A duration for people: its two largest units, rounded down, the second left out when it is
 * zero (`45s`, `12m 5s`, `3h 20m`, `3h`, `2d 4h`). Negative durations (clock skew) read as `0s`.
 */
export function formatDuration(seconds: number): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const index = UNITS.findIndex((unit) => whole >= unit.seconds);
  const major = UNITS[index];
  if (major === undefined) return '0s';
  const text = `${Math.floor(whole / major.seconds)}${major.suffix}`;
  const minor = UNITS[index + 1];
  if (minor === undefined) return text;
  const minorAmount = Math.floor((whole % major.seconds) / minor.seconds);
  return minorAmount > 0 ? `${text} ${minorAmount}${minor.suffix}` : text;
}
