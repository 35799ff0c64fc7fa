import { randomBytes, randomUUID } from 'node:crypto';

export interface LogonSession {
  /** GUID: `DELETE /api/logonSessions/{sessionId}`. */
  readonly sessionId: string;
  /** The `X-RestSvcSessionId` value: base64 like EM's, not the GUID. */
  readonly token: string;
  readonly userName: string;
  lastUsed: number;
}

/**
 * Logon sessions with EM's idle expiry, on an injectable clock. A session idle too long is gone
 * when next touched, and abandoned ones are swept at each logon and count: each expiry is
 * reported once to `onExpired`.
 */
export class LogonSessions {
  /** By token, least recently used first: a use moves a session to the end. */
  private readonly byToken = new Map<string, LogonSession>();
  private readonly byId = new Map<string, LogonSession>();

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => Date,
    private readonly onExpired: () => void,
  ) {}

  open(userName: string): LogonSession {
    this.sweep();
    const session: LogonSession = {
      sessionId: randomUUID(),
      token: randomBytes(16).toString('base64'),
      userName,
      lastUsed: this.now().getTime(),
    };
    this.byToken.set(session.token, session);
    this.byId.set(session.sessionId, session);
    return session;
  }

  /** The live session of a token, touched; undefined when unknown or idle too long (then it is gone). */
  use(token: string): LogonSession | undefined {
    const session = this.byToken.get(token);
    if (!session) return undefined;
    const now = this.now().getTime();
    if (this.isIdle(session, now)) {
      this.expire(session);
      return undefined;
    }
    session.lastUsed = now;
    this.byToken.delete(token);
    this.byToken.set(token, session);
    return session;
  }

  /** The live session of an id, not touched; undefined when unknown or idle too long (then it is gone). */
  byIdOf(sessionId: string): LogonSession | undefined {
    const session = this.byId.get(sessionId.toLowerCase());
    if (!session) return undefined;
    if (this.isIdle(session, this.now().getTime())) {
      this.expire(session);
      return undefined;
    }
    return session;
  }

  close(session: LogonSession): void {
    this.byToken.delete(session.token);
    this.byId.delete(session.sessionId);
  }

  /** Sessions that are open and not idle past the timeout; the others are swept (and counted). */
  openSessions(): LogonSession[] {
    this.sweep();
    const now = this.now().getTime();
    return [...this.byId.values()].filter((session) => !this.isIdle(session, now));
  }

  get size(): number {
    return this.openSessions().length;
  }

  /** Ends the sessions idle too long, oldest first, until one is not: each expiry costs one step. */
  private sweep(): void {
    const now = this.now().getTime();
    for (const session of this.byToken.values()) {
      if (!this.isIdle(session, now)) break;
      this.expire(session);
    }
  }

  private isIdle(session: LogonSession, now: number): boolean {
    return now - session.lastUsed > this.idleTimeoutMs;
  }

  private expire(session: LogonSession): void {
    this.close(session);
    this.onExpired();
  }
}
