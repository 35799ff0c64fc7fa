/** What the session and task listings show and sort by. */
interface Created {
  /** ISO 8601, UTC. */
  readonly creationTime: string;
}

/** `2026-11-20 08:15Z`: a creation time to the minute, for a table. */
export const minuteOf = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')}Z`;

/** Sorts rows newest first (ISO 8601 UTC times compare as text). */
export const newestFirst = (a: Created, b: Created): number =>
  a.creationTime < b.creationTime ? 1 : a.creationTime > b.creationTime ? -1 : 0;
