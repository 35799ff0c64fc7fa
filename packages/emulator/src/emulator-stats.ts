/** What tests assert on: logon sessions, requests and injected faults. */
export interface EmulatorStats {
  /** Logon sessions that exist now (neither logged off nor expired). */
  readonly openLogonSessions: number;
  readonly logons: number;
  readonly logoffs: number;
  readonly failedLogons: number;
  /** Idle past the timeout, or ended by an `expire-token` or `dead-session` fault. */
  readonly expiredLogonSessions: number;
  readonly requests: number;
  /** Requests by route pattern, e.g. `GET /backupSessions/{id}`. */
  readonly requestsByRoute: Readonly<Record<string, number>>;
  /** Injected faults by kind. */
  readonly faultsInjected: Readonly<Record<string, number>>;
}

/** The mutable counters behind `stats()`. */
export class StatsCounter {
  logons = 0;
  logoffs = 0;
  failedLogons = 0;
  expiredLogonSessions = 0;
  requests = 0;
  readonly requestsByRoute: Record<string, number> = {};
  readonly faultsInjected: Record<string, number> = {};

  countRoute(route: string): void {
    this.requests++;
    this.requestsByRoute[route] = (this.requestsByRoute[route] ?? 0) + 1;
  }

  countFault(kind: string): void {
    this.faultsInjected[kind] = (this.faultsInjected[kind] ?? 0) + 1;
  }

  snapshot(openLogonSessions: number): EmulatorStats {
    return {
      openLogonSessions,
      logons: this.logons,
      logoffs: this.logoffs,
      failedLogons: this.failedLogons,
      expiredLogonSessions: this.expiredLogonSessions,
      requests: this.requests,
      requestsByRoute: { ...this.requestsByRoute },
      faultsInjected: { ...this.faultsInjected },
    };
  }
}
