import { ReportError } from './report-error.js';

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  m: 60,
  h: 3_600,
  d: 86_400,
  w: 604_800,
};

const DURATION_PATTERN = /^(\d+)([mhdw])$/;

/**
 * Seconds in a duration such as `30m`, `24h`, `7d` or `2w`: a positive whole number and one
 * unit. Throws ReportError (`invalid-option`) naming `option`, e.g. `since` or `rpo.jobs["Daily"]`.
 */
export function parseDuration(text: string, option = 'duration'): number {
  const match = DURATION_PATTERN.exec(text);
  const count = match === null ? Number.NaN : Number(match[1]);
  const unitSeconds = match === null ? undefined : SECONDS_PER_UNIT[match[2] as string];
  if (unitSeconds === undefined || !Number.isSafeInteger(count * unitSeconds) || count === 0) {
    throw new ReportError(
      'invalid-option',
      `${option}: ${JSON.stringify(text)} is not a duration; use a positive whole number and a unit m, h, d or w, as in 30m, 24h, 7d or 2w`,
    );
  }
  return count * unitSeconds;
}
