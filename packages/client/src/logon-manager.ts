import type { EnterpriseManager, LogonSession } from '@vbem/model';
import { findLink } from '@vbem/model';
import { newestVersion } from './api-version.js';
import { bodyOf } from './body-of.js';
import { isDeadSessionError } from './dead-session.js';
import type { EmConnection, SendResult, TokenSource } from './em-connection.js';
import { ClientClosedError } from './errors/client-closed-error.js';
import { ClientOptionsError } from './errors/client-options-error.js';
import { HttpError } from './errors/http-error.js';
import { NotEnterpriseManagerError } from './errors/not-enterprise-manager-error.js';
import { type RequestInfo, requestInfo } from './errors/request-info.js';
import { ResponseError } from './errors/response-error.js';
import { ResponseTooLargeError } from './errors/response-too-large-error.js';
import { lostLogonSession } from './lost-logon.js';

/** The logon session the client holds. */
export interface ActiveLogon {
  readonly token: string;
  readonly sessionId: string;
  readonly apiVersion: string;
  readonly userName: string;
  /** Undefined when EM's answer gave no URL the client sends to: the logoff then reports failure. */
  readonly logoffUrl: string | undefined;
}

interface Current {
  readonly promise: Promise<ActiveLogon>;
  logon?: ActiveLogon;
}

/** A logoff is best-effort: closing must not hang on an EM that stopped answering (all attempts together). */
const LOGOFF_TIMEOUT_MS = 5_000;

const VBR_REST_HINT =
  'Port 9419 is the Backup & Replication REST API; Enterprise Manager listens on 9398 (HTTPS) or 9399 (HTTP).';

/**
 * Holds at most one logon session. The first request logs on (after reading the API versions
 * from `GET /api/`); concurrent requests wait for that same logon; a request that finds its
 * token refused invalidates it, and the next `token()` logs on once for everyone.
 */
export class LogonManager implements TokenSource {
  readonly #connection: EmConnection;
  #current: Current | undefined;
  #version: Promise<string> | undefined;
  #closed = false;
  /** Aborted by close(): stops a logon on its way (a POST already sent still runs its grace, see `#settleLate`). */
  readonly #stop = new AbortController();
  #closing: Promise<void> | undefined;
  #logons = 0;
  /** Logons the caller stopped waiting for, still on their way (see `#settleLate`), and logoffs of lost ones (`#settleLost`). */
  readonly #late = new Set<Promise<void>>();
  /** The logoff of a session given up on that EM may still hold; the next logon waits for it. */
  #retiring: Promise<void> | undefined;
  /** The request the latest logon got to (see `logonRequest`). */
  #step: RequestInfo | undefined;

  constructor(connection: EmConnection) {
    this.#connection = connection;
  }

  /** How many logons this client made (for tests and diagnostics). */
  get logonCount(): number {
    return this.#logons;
  }

  async token(request: RequestInfo): Promise<string> {
    try {
      return (await this.active(request)).token;
    } catch (error) {
      // The logon is shared: the error of one that close() stopped names each caller's request.
      if (!(error instanceof ClientClosedError) || error.request === request) throw error;
      throw new ClientClosedError(error.message, { request, cause: error });
    }
  }

  /**
   * The request a logon is at, or sends first: `GET /api/` until the versions are known, then
   * the logon POST. What an abort or a close during a logon concerns.
   */
  logonRequest(): RequestInfo {
    return this.#step ?? requestInfo('GET', this.#connection.options.apiBase);
  }

  /** Throws `ClientClosedError` naming `request` once close() was called. */
  throwIfClosing(request: RequestInfo = this.logonRequest()): void {
    if (this.#closed) throw new ClientClosedError('the client is closed', { request });
  }

  /** `request`: the one the logon is for (default: the logon's own), named by `ClientClosedError`. */
  async active(request: RequestInfo = this.logonRequest()): Promise<ActiveLogon> {
    this.throwIfClosing(request);
    if (!this.#current) {
      const current: Current = { promise: this.#logon() };
      this.#current = current;
      current.promise.then(
        (logon) => {
          current.logon = logon;
        },
        () => {
          if (this.#current === current) this.#current = undefined;
        },
      );
    }
    return this.#current.promise;
  }

  /** Drops the session of `token`, refused by EM (or by what stands in front of it), and logs it off. */
  invalidate(token: string): void {
    const logon = this.#current?.logon;
    if (logon?.token !== token) return;
    this.#current = undefined;
    // Whoever refused it may have meant another session than ours, or not have been EM: never
    // leave ours open behind the new one.
    this.#retiring = this.#logoff(logon).catch(() => {});
  }

  /**
   * Logs off the current session, then stops the requests still in flight, and logs off any
   * session a logon that was given up on still brings, best-effort; later calls, and those
   * stopped, fail with `ClientClosedError`.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    // No call is sent from now on, so none reaches EM with the session being logged off.
    this.#connection.refuseRequests();
    this.#stop.abort();
    const current = this.#current;
    this.#current = undefined;
    const logon = await current?.promise.catch(() => undefined);
    if (logon) await this.#logoff(logon);
    // Only now: a caller told of the close at once might end the process before the logoff left.
    this.#connection.stopRequests();
    await this.#retiring;
    // Registered before the logon it belongs to failed, so the await above has let them in.
    while (this.#late.size > 0) await Promise.all(this.#late);
  }

  /** Best-effort: never throws; the `logoff` event tells how it went. */
  async #logoff(logon: Pick<ActiveLogon, 'token' | 'sessionId' | 'logoffUrl'>): Promise<void> {
    const connection = this.#connection;
    let ok = false;
    if (logon.logoffUrl === undefined) {
      connection.options.onEvent({ type: 'logoff', sessionId: logon.sessionId, ok });
      return;
    }
    try {
      const answer = await connection.send({
        method: 'DELETE',
        url: logon.logoffUrl,
        credentials: { token: logon.token },
        idempotent: true,
        detached: true,
        timeout: Math.min(connection.options.timeout, LOGOFF_TIMEOUT_MS),
        deadline: LOGOFF_TIMEOUT_MS,
        retryLimit: 1,
      });
      ok = answer.status === 204 || answer.status === 200;
    } catch (error) {
      // EM no longer knows the session (expired, or ended on EM): nothing is left open.
      ok =
        error instanceof HttpError &&
        (error.status === 401 ||
          error.status === 404 ||
          isDeadSessionError(error.status, error.emError));
    }
    connection.options.onEvent({ type: 'logoff', sessionId: logon.sessionId, ok });
  }

  async #logon(): Promise<ActiveLogon> {
    const connection = this.#connection;
    await this.#retiring;
    this.#throwIfClosed(this.logonRequest());
    const apiVersion = await this.#apiVersion();
    const url = connection.resolve(`sessionMngr/?v=${apiVersion}`);
    const post = requestInfo('POST', url);
    this.#step = post;
    this.#throwIfClosed(post);
    // Each logon that reaches EM opens a session: it is sent again only when it surely did not,
    // or when its answer was lost and that session is being logged off (`#settleLost`); one that
    // times out or is aborted on its way is followed to its end, then logged off.
    let answer: SendResult<'LogonSession'>;
    try {
      answer = await connection.send({
        method: 'POST',
        url,
        root: 'LogonSession',
        credentials: 'basic',
        idempotent: false,
        resendIfUnsent: true,
        sharedByCalls: true,
        signal: this.#stop.signal,
        onAbandoned: (late) => this.#settleLate(late, apiVersion, url),
        onLostAnswer: (headers, body) => this.#settleLost(headers, body),
        // EM may have opened a session whose token never arrived: nobody can log it off.
        onNoAnswer: () => this.#reportUnendedSession(),
      });
    } catch (error) {
      this.#throwIfClosed(post);
      throw error;
    }
    return this.#logonOf(answer, apiVersion, url);
  }

  /** Once close() was called, a logon goes no further: it would open a session nobody uses. */
  #throwIfClosed(request: RequestInfo): void {
    if (this.#closed)
      throw new ClientClosedError('the client was closed while logging on', { request });
  }

  /**
   * A logon answered with a token whose body was lost (cut short or not decodable): EM opened a
   * session that only the token can end, so it is logged off now, where the answer says; when it
   * does not say, the `logoff` event reports the failure (EM ends the session when idle). True when
   * the session is being logged off: only then may the logon be sent again, as no session is left
   * behind by it.
   */
  #settleLost(headers: Headers, body: Uint8Array | undefined): boolean {
    const token = headers.get('x-restsvcsessionid');
    if (!token) return false;
    const session = lostLogonSession(headers, body, (href) => this.#connection.resolve(href));
    if (!session) {
      this.#reportUnendedSession();
      return false;
    }
    this.#track(this.#logoff({ token, ...session }));
    return true;
  }

  /** A session EM may hold that the client cannot log off: a failed `logoff` without an id. */
  #reportUnendedSession(): void {
    this.#connection.options.onEvent({ type: 'logoff', sessionId: '', ok: false });
  }

  /** Work close() waits for before it resolves. */
  #track(work: Promise<void>): void {
    this.#late.add(work);
    void work.finally(() => this.#late.delete(work));
  }

  /** A logon given up on that still answers: kept if the client needs one, else logged off. */
  #settleLate(
    late: Promise<SendResult<'LogonSession'> | undefined>,
    apiVersion: string,
    url: string,
  ): void {
    const settled = late.then(async (answer) => {
      let logon: ActiveLogon;
      try {
        if (!answer) return;
        logon = this.#logonOf(answer, apiVersion, url);
      } catch {
        return;
      }
      if (this.#closed || this.#current) {
        await this.#logoff(logon);
        return;
      }
      this.#current = { promise: Promise.resolve(logon), logon };
    });
    this.#track(settled);
  }

  /** The logon session of a logon's answer; without a token, whatever answered is not EM. */
  #logonOf(answer: SendResult<'LogonSession'>, apiVersion: string, url: string): ActiveLogon {
    const connection = this.#connection;
    const token = answer.headers.get('x-restsvcsessionid');
    const session = answer.body?.value as LogonSession | undefined;
    if (token && !session) {
      // A token without a body (a 204): EM opened a session all the same, which only the token can end.
      this.#settleLost(answer.headers, undefined);
      throw new ResponseError(
        `POST ${url} answered ${answer.status} with a token but without a body`,
        {
          request: requestInfo('POST', url),
        },
      );
    }
    if (!token || !session) {
      throw new NotEnterpriseManagerError(
        `POST ${url} answered ${answer.status} without a X-RestSvcSessionId header; is this Enterprise Manager?`,
        { request: requestInfo('POST', url) },
      );
    }
    this.#logons++;
    const logon: ActiveLogon = {
      token,
      sessionId: session.SessionId,
      apiVersion,
      userName: session.UserName,
      logoffUrl: this.#logoffUrlOf(session),
    };
    connection.options.onEvent({ type: 'logon', apiVersion, sessionId: session.SessionId });
    return logon;
  }

  /**
   * Where to log a session off: its Delete link (else its Href), else the documented
   * `logonSessions/{id}`; undefined when none of them is a URL the client sends to. Never throws:
   * the session is open on EM, and a refused link must not lose it.
   */
  #logoffUrlOf(session: LogonSession): string | undefined {
    const id = session.SessionId;
    const candidates = [
      findLink(session, { rel: 'Delete' })?.Href ?? session.Href,
      id ? `logonSessions/${encodeURIComponent(id)}` : undefined,
      session.Href,
    ];
    const refusals = new Set<string>();
    for (const href of candidates) {
      if (!href) continue;
      try {
        const url = this.#connection.resolve(href);
        for (const refusal of refusals)
          this.#warn(`${refusal}; the session is logged off at ${url}`);
        return url;
      } catch (error) {
        refusals.add((error as Error).message);
      }
    }
    for (const refusal of refusals) this.#warn(`${refusal}; the session cannot be logged off`);
    return undefined;
  }

  #warn(message: string): void {
    this.#connection.options.onEvent({ type: 'warning', message });
  }

  /** The version to log on with: the asked one if EM offers it, else the newest EM offers. */
  #apiVersion(): Promise<string> {
    this.#version ??= this.#readVersions().catch((error: unknown) => {
      this.#version = undefined;
      this.#throwIfClosed(requestInfo('GET', this.#connection.options.apiBase));
      throw error;
    });
    return this.#version;
  }

  async #readVersions(): Promise<string> {
    const connection = this.#connection;
    const url = connection.options.apiBase;
    let root: EnterpriseManager;
    try {
      const answer = await connection.send({
        method: 'GET',
        url,
        root: 'EnterpriseManager',
        credentials: 'none',
        idempotent: true,
        sharedByCalls: true,
        signal: this.#stop.signal,
      });
      root = bodyOf(answer, requestInfo('GET', url)).value;
    } catch (error) {
      // An error status or a body that is not EM's says "not EM"; a connection problem does not,
      // nor does a busy EM (or the proxy in front of it) still refusing after the retries, nor a
      // body over the client's own size limit.
      const isBusy = error instanceof HttpError && error.retryable;
      if (isBusy || error instanceof ResponseTooLargeError) throw error;
      if (!(error instanceof HttpError || error instanceof ResponseError)) throw error;
      const hint = new URL(url).port === '9419' ? ` ${VBR_REST_HINT}` : '';
      throw new NotEnterpriseManagerError(
        `${url} does not answer as Veeam Backup Enterprise Manager (${error.message}).${hint}`,
        { request: requestInfo('GET', url), cause: error },
      );
    }
    const offered = root.SupportedVersions.SupportedVersions.map((version) => version.Name);
    const wanted = connection.options.apiVersion;
    if (wanted !== undefined) {
      if (!offered.includes(wanted)) {
        throw new ClientOptionsError(
          `apiVersion ${wanted} is not offered by this EM; it offers ${offered.join(', ') || 'none'}`,
          { request: requestInfo('GET', url) },
        );
      }
      return wanted;
    }
    const newest = newestVersion(offered);
    if (!newest) {
      throw new NotEnterpriseManagerError(`${url} lists no API version to log on with`, {
        request: requestInfo('GET', url),
      });
    }
    return newest;
  }
}
