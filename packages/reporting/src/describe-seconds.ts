/**
 * The units of describeSeconds, each used below its limit: hours up to three days, so that RPOs of
 * 24 h and 48 h and ages around them read alike.
 */
const UNITS = [
  { below: 60, size: 1, name: 's' },
  { below: 3_600, size: 60, name: 'min' },
  { below: 259_200, size: 3_600, name: 'h' },
  { below: Number.POSITIVE_INFINITY, size: 86_400, name: 'd' },
] as const;

/**
 * A span of time for people to read in health reasons: `45 s`, `12 min`, `30 h`, `7 d`, to one
 * decimal. The unit is chosen after rounding, so that 59.96 s reads `1 min`, not `60 s`.
 */
export function describeSeconds(seconds: number): string {
  for (const { below, size, name } of UNITS) {
    const value = Math.round((seconds / size) * 10) / 10;
    if (value * size < below) return `${value} ${name}`;
  }
  return `${seconds} s`;
}
