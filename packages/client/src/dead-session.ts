import type { EmError } from '@vbem/model';

/** Says the session is gone. */
const GONE = /\b(not found|does not exist|expired|invalid|is not valid|unknown)\b/i;

/**
 * Each mention of a session, with the word before it when there is one (none at the start of a
 * sentence). `SessionId` and `session id` count as mentions.
 */
const SESSION_MENTION = /(?:^|[.:;!?]\s+|([A-Za-z][\w-]*)\s+)session(?:[\s-]?id)?\b/gi;

/** Words before "session" that still mean the logon session, not a backup or restore session. */
const LOGON_SESSION_WORDS = new Set([
  'the',
  'this',
  'your',
  'current',
  'logon',
  'login',
  'rest',
  'restsvc',
  'api',
  'user',
  'authentication',
  'invalid',
  'unknown',
  'expired',
]);

/**
 * Whether EM's error is about the client's own logon session being gone. EM answers a session id
 * it no longer knows with a 500, not a 401 ("Session with the specified id was not found."), but
 * a 500 about another session ("Backup session with id … was not found.") is not one.
 */
export function isDeadSessionError(status: number, emError: EmError | undefined): boolean {
  const message = emError?.Message;
  if (status !== 500 || !message || !GONE.test(message)) return false;
  if (/X-RestSvcSessionId/i.test(message)) return true;
  for (const mention of message.matchAll(SESSION_MENTION)) {
    const before = mention[1]?.toLowerCase();
    if (before === undefined || LOGON_SESSION_WORDS.has(before)) return true;
  }
  return false;
}
