/** Where a job or VM stands against its RPO at the report's `now`. */
export interface RpoStatus {
  readonly lastSuccessAt: string | null;
  readonly lastSuccessAgeSeconds: number | null;
  readonly rpoBreached: boolean;
}

/**
 * The age of the last success at `now`, and whether it breaches the RPO: breached without a
 * success, or when the age is more than the RPO (an age of exactly the RPO is still within it).
 * A success that ended after `now` (clock skew) is 0 old rather than of negative age.
 */
export function rpoStatusOf(
  lastSuccessEndMs: number | null,
  nowMs: number,
  rpoSeconds: number,
): RpoStatus {
  if (lastSuccessEndMs === null) {
    return { lastSuccessAt: null, lastSuccessAgeSeconds: null, rpoBreached: true };
  }
  const ageMs = Math.max(0, nowMs - lastSuccessEndMs);
  return {
    lastSuccessAt: new Date(lastSuccessEndMs).toISOString(),
    lastSuccessAgeSeconds: ageMs / 1000,
    rpoBreached: ageMs > rpoSeconds * 1000,
  };
}
