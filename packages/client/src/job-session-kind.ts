import { parseUid, shownValue } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';

export type JobSessionKind = 'BackupJobSession' | 'ReplicaJobSession';

/** Whether `taskSessionsOf()` can read the input: something to iterate, sync or async. */
export function checkJobSessionInput(sessions: unknown): void {
  const isIterable =
    typeof sessions === 'object' &&
    sessions !== null &&
    (Symbol.iterator in sessions || Symbol.asyncIterator in sessions);
  if (!isIterable) {
    throw new ClientOptionsError(
      `the sessions given to taskSessionsOf() must be an iterable or async iterable of job sessions, got ${shownValue(sessions)}`,
    );
  }
}

/**
 * The kind of job session `index` of `taskSessionsOf()`'s input, from its UID: a backup or a
 * replica job session, the two whose task sessions EM lists. Checked before its query is sent.
 */
export function jobSessionKindOf(session: unknown, index: number): JobSessionKind {
  const uid =
    typeof session === 'object' && session !== null
      ? (session as { UID?: unknown }).UID
      : undefined;
  let kind: string | undefined;
  try {
    kind = typeof uid === 'string' ? parseUid(uid).kind : undefined;
  } catch {
    kind = undefined;
  }
  if (kind === 'BackupJobSession' || kind === 'ReplicaJobSession') return kind;
  const got =
    typeof session === 'object' && session !== null && !Array.isArray(session)
      ? `the UID ${shownValue(uid)}`
      : shownValue(session);
  throw new ClientOptionsError(
    `session ${index} given to taskSessionsOf() must be a job session with a BackupJobSession or ReplicaJobSession UID, got ${got}`,
  );
}
