import type { RootElementName } from '@vbem/model';
import ky, { type KyInstance } from 'ky';
import type { Dispatcher } from 'undici';
import { isDeadSessionError } from './dead-session.js';
import { type DecodedBody, decodeBody, decodeEmError } from './decode-body.js';
import { emUrlOf } from './em-href.js';
import { AbortError } from './errors/abort-error.js';
import { AuthenticationError } from './errors/authentication-error.js';
import { ClientClosedError } from './errors/client-closed-error.js';
import { ClientError, noteAttempts } from './errors/client-error.js';
import { RateLimitedError } from './errors/rate-limited-error.js';
import { type RequestInfo, redactedUrl, requestInfo } from './errors/request-info.js';
import { ResponseError } from './errors/response-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { plainHttpWarning } from './loopback-host.js';
import type { ResolvedOptions } from './resolved-options.js';
import { backoffMs, RETRYABLE_STATUSES, retryAfterMs } from './retry-delay.js';
import { SecretScrubber } from './secret-scrubber.js';
import { checkSignalOption } from './signal-option.js';
import { statusError } from './status-error.js';
import {
  attemptSignal,
  beforeDeadline,
  type StopReason,
  sleep,
  unlessAborted,
} from './transport/abortable.js';
import { chosenProxy } from './transport/chosen-proxy.js';
import { classifyFailure, mayHaveBeenSent, wasNeverSent } from './transport/classify-failure.js';
import { createDispatcher, needsOwnDispatcher } from './transport/create-dispatcher.js';
import { SignalFollower } from './transport/follow-signal.js';
import { proxyCredentialsOf } from './transport/proxy-credentials.js';
import { isProxyAuthRefusal, proxyRefusal } from './transport/proxy-refusal.js';
import { type ProxyRoute, proxyRouteOf } from './transport/proxy-route.js';
import { readBody } from './transport/read-body.js';
import { RequestSignal } from './transport/request-signal.js';
import { undiciFetchWith } from './transport/undici-fetch.js';

/** How a request authenticates: the client's logon session, Basic (the logon), nothing, or one given token (the logoff). */
export type Credentials = 'session' | 'basic' | 'none' | { readonly token: string };

export interface SendRequest<Root extends RootElementName> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL below the API base. */
  readonly url: string;
  /** The root element the body must have; `any` for any EM root (XML only); undefined when no body is expected. */
  readonly root?: Root | 'any' | undefined;
  readonly credentials: Credentials;
  /** Whether the request may be sent again after any retryable failure: GETs and the own logoff. */
  readonly idempotent: boolean;
  /**
   * For a request that is not idempotent (the logon): it may still be sent again after a failure
   * that shows EM never acted on it, i.e. no connection was made, or EM answered 429 or 503, and
   * after a 2xx whose body was lost when `onLostAnswer` says it undoes what EM did.
   */
  readonly resendIfUnsent?: boolean;
  /**
   * For a request whose effect must not be lost (the logon creates a session that must be logged
   * off): when the caller stops waiting (timeout, deadline or abort) while it is on its way, the
   * exchange goes on in the background for at most `ABANDONED_GRACE_MS`, and its 2xx answer, or
   * undefined, is handed here.
   */
  readonly onAbandoned?: (late: Promise<SendResult<Root> | undefined>) => void;
  /**
   * For a request whose 2xx answer must not be lost (the logon's carries the token of a session
   * to log off): called with the answer's headers, and its body when it was read whole, when the
   * body could not be read or decoded, before the error is thrown (also for an abandoned exchange).
   * Returns whether it undoes the effect (the session is being logged off), which makes sending
   * the request again as safe as if it had never been sent (see `resendIfUnsent`).
   */
  readonly onLostAnswer?: (headers: Headers, body: Uint8Array | undefined) => boolean;
  /**
   * With `onAbandoned`: called when an exchange that may have reached EM gets no answer at all (a
   * connection reset, or an abandoned one whose grace ran out or whose connection failed), so that
   * whether it took effect is unknown. Not when the connection failed before the request could
   * leave (refused, a TLS handshake that failed), nor when an answer came and its body was lost:
   * `onLostAnswer` has that one.
   */
  readonly onNoAnswer?: () => void;
  readonly signal?: AbortSignal | undefined;
  /**
   * The crawl's own signal (a page's): aborted when its reader stops or fails. Followed like
   * `signal`, while the request is in flight.
   */
  readonly cancel?: AbortSignal | undefined;
  /** Not stopped by the client's own signal: the logoff must still run after the client was aborted. */
  readonly detached?: boolean;
  /** Overrides the client's per-attempt timeout and retry limit (the logoff is best-effort and short). */
  readonly timeout?: number;
  readonly retryLimit?: number;
  /** A deadline for this call, retries and backoff included, within the client's own `deadline`. */
  readonly deadline?: number;
  /**
   * When the call this request is part of must end (a stop and its polls), instead of the
   * client's `deadline` counted from this request's start.
   */
  readonly deadlineAt?: number | undefined;
  /**
   * Shared by every call waiting for it (the logon's steps): the client's `deadline` does not
   * bound it, each caller's wait is bounded instead, so one caller's deadline fails no other.
   */
  readonly sharedByCalls?: boolean;
  /**
   * Holds the decode of a 2xx body until it resolves: a page fetched ahead waits as bytes, not as
   * objects (decoded pages waiting in a queue outlive young-generation collections and swell the
   * heap). A rejection drops the body: the crawl has ended. Meanwhile the request follows no
   * signal (see `RequestSignal.park`); an abort or a close that came meanwhile is seen once it resolves.
   */
  readonly decodeAfter?: Promise<void> | undefined;
  /** Called when an attempt's 2xx answer arrives, before its body is read (query pages keep EM's reads in order). */
  readonly onAnswered?: (() => void) | undefined;
}

export interface SendResult<Root extends RootElementName> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: DecodedBody<Root> | undefined;
}

/** Where the token comes from and goes back to when EM says it is no longer valid. */
export interface TokenSource {
  /** `request`: the one the token is for, named by the error when the client is closed. */
  token(request: RequestInfo): Promise<string>;
  /** The token was refused: its session is logged off before the next logon. */
  invalidate(token: string): void;
}

const SESSION_HEADER = 'X-RestSvcSessionId';

/** How long an abandoned exchange (see `onAbandoned`) may still take to answer. */
const ABANDONED_GRACE_MS = 10_000;

/** EM (or a proxy in front of it) refused these without acting on the request. */
const REFUSED_UNSENT_STATUSES = new Set([429, 503]);

/** How many times one request was sent, and when first (see `noteAttempts`). */
interface Tries {
  sent: number;
  firstSentAt: number;
}

/** The reason a request's signal carries when `stopRequests()` stopped it: no caller can abort with it. */
const CLIENT_CLOSED = Symbol('client closed');

/**
 * Sends one EM request to the end: per-attempt timeouts, the call deadline, retries of idempotent
 * requests with backoff and `Retry-After`, one re-logon and replay on an expired or dead session,
 * a whole body read within limits and decoded. Everything it throws is a `ClientError`.
 */
export class EmConnection {
  readonly options: ResolvedOptions;
  readonly #http: KyInstance;
  readonly #dispatcher: Promise<Dispatcher> | undefined;
  #tokens: TokenSource | undefined;
  readonly #accept: string;
  readonly #basic: string;
  readonly #scrubber: SecretScrubber;
  readonly #apiBase: URL;
  /** The proxy requests go through, which a network failure names. */
  readonly #proxy: ProxyRoute | undefined;
  /** Whether the proxy's URL carries `user:password@`, which a 407 says it refused. */
  readonly #proxyHasCredentials: boolean;
  /** The caller's client-wide signal, followed while requests are in flight. */
  readonly #follower: SignalFollower;
  /** Aborted by `stopRequests()` (close()): every request follows it but the detached ones (the logoff). */
  readonly #closer = new AbortController();
  /** Said once, before the first request, when the URL is plain http to another machine. */
  #plainHttpWarning: string | undefined;
  /** Set once close() began: nothing more is sent but the detached requests (the logoff). */
  #refusing = false;
  /**
   * Until when (Date.now() ms) EM asked, by a 429 or 503 with Retry-After, that no request be sent:
   * every request of the client waits, not only the one that was answered so.
   */
  #pausedUntil = 0;
  /** What reading a 2xx body threw, when `onLostAnswer` undid what EM did (see `resendIfUnsent`). */
  readonly #undoneLosses = new WeakSet<object>();

  constructor(options: ResolvedOptions) {
    this.#follower = new SignalFollower(options.signal);
    // The password lives only inside the Basic header, in a private field that inspect never shows.
    this.options = {
      ...options,
      password: '',
      signal: this.#follower.signal,
      // A URL in an event may be an href from EM, which a hostile one can make carry the token.
      onEvent: (event) => options.onEvent(this.#scrubber.scrubEvent(event)),
    };
    this.#apiBase = new URL(options.apiBase);
    this.#plainHttpWarning = plainHttpWarning(this.#apiBase);
    // An injected fetch is its own transport: the proxy settings do not apply to it. The proxy
    // is read once, so that the one errors name is the one the transport goes through.
    const proxy = options.fetch
      ? undefined
      : chosenProxy(options.apiBase, options.proxy, globalThis.process?.env ?? {});
    this.#dispatcher =
      options.fetch || !needsOwnDispatcher(options.tls, proxy)
        ? undefined
        : createDispatcher(options.apiBase, options.tls, proxy);
    // Observed by every request; this only keeps a failed load from being an unhandled rejection.
    this.#dispatcher?.catch(() => {});
    this.#proxy = proxyRouteOf(proxy);
    // Without a CA, a pin, verification off or a proxy, Node's own fetch (verification on,
    // the system's CAs) is the same transport, minus a layer.
    const fetch =
      options.fetch ??
      (this.#dispatcher ? undiciFetchWith(this.#dispatcher) : globalThis.fetch.bind(globalThis));
    this.#http = ky.create({
      fetch,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      headers: { 'User-Agent': options.userAgent },
    });
    this.#accept = options.format === 'json' ? 'application/json' : 'application/xml';
    const credentials = Buffer.from(`${options.username}:${options.password}`, 'utf8').toString(
      'base64',
    );
    this.#basic = `Basic ${credentials}`;
    // A bad proxy URL was refused above (createDispatcher), so this parses.
    const proxyCredentials = proxy === undefined ? undefined : proxyCredentialsOf(proxy.value);
    this.#scrubber = new SecretScrubber(credentials, options.password, proxyCredentials);
    this.#proxyHasCredentials = proxyCredentials !== undefined;
  }

  useTokens(tokens: TokenSource): void {
    this.#tokens = tokens;
  }

  /** The URL an href from EM is sent to, always on our own origin (see `emUrlOf`). */
  resolve(href: string): string {
    try {
      return emUrlOf(href, this.#apiBase);
    } catch (error) {
      // The refusal quotes the href clipped, maybe in the middle of a token it carries: the
      // refusal of the href scrubbed whole says the same without it.
      let refusal = error;
      try {
        emUrlOf(this.#scrubber.scrub(href), this.#apiBase);
      } catch (scrubbed) {
        refusal = scrubbed;
      }
      throw this.scrubError(refusal);
    }
  }

  async send<Root extends RootElementName>(request: SendRequest<Root>): Promise<SendResult<Root>> {
    if (this.#plainHttpWarning !== undefined) {
      this.options.onEvent({ type: 'warning', message: this.#plainHttpWarning });
      this.#plainHttpWarning = undefined;
    }
    // Every call's own signal comes here (jobs.list(), follow(), stopSession(), …).
    checkSignalOption(request.signal, 'signal');
    // The client's and the call's signals get one listener each, however many requests are in flight.
    const flight = new RequestSignal(
      request.detached
        ? [request.signal, request.cancel]
        : [this.options.signal, this.#closer.signal, request.signal, request.cancel],
      () => this.#follower.hold(),
    );
    const tries: Tries = { sent: 0, firstSentAt: 0 };
    try {
      return await this.#send(request, flight, tries);
    } catch (error) {
      // Not the failure of another request met on the way (the logon's, which says its own).
      if (error instanceof ClientError && error.request?.url === redactedUrl(request.url))
        noteAttempts(error, tries.sent, performance.now() - tries.firstSentAt);
      // The request's URL (an href from EM) may carry the token; so may every message quoting it.
      throw this.scrubError(error);
    } finally {
      flight.release();
    }
  }

  /**
   * `flight.signal`: the request's own, aborted by the client's signal and by close() (unless
   * detached), or by the call's.
   */
  async #send<Root extends RootElementName>(
    request: SendRequest<Root>,
    flight: RequestSignal,
    tries: Tries,
  ): Promise<SendResult<Root>> {
    const { options } = this;
    const info = requestInfo(request.method, request.url);
    const callDeadline = request.sharedByCalls ? undefined : options.deadline;
    const deadline =
      request.deadline === undefined
        ? callDeadline
        : Math.min(request.deadline, callDeadline ?? request.deadline);
    let deadlineAt =
      request.deadlineAt ?? (deadline === undefined ? undefined : Date.now() + deadline);
    const retryLimit = request.retryLimit ?? options.retry.limit;
    const timeout = request.timeout ?? options.timeout;
    let retries = 0;
    let replayedAuth = false;

    const retryLater = async (failure: ClientError, waitMs: number): Promise<void> => {
      if (deadlineAt !== undefined && Date.now() + waitMs >= deadlineAt) {
        throw new TimeoutError(
          `${info.method} ${info.url} ran past the call's deadline (last failure: ${failure.message})`,
          { request: info, cause: failure },
        );
      }
      options.onEvent({
        type: 'retry',
        method: info.method,
        url: info.url,
        attempt: retries + 1,
        delayMs: waitMs,
        reason: failure.message,
      });
      if (!(await sleep(waitMs, [flight.signal]))) throw this.#aborted(info, flight.signal);
      retries++;
    };
    // `undone`: the failure shows EM never acted on the request, or what it did is being undone.
    const mayRetry = (failure: ClientError, undone: boolean) =>
      failure.retryable &&
      retries < retryLimit &&
      (request.idempotent || (request.resendIfUnsent === true && undone));

    for (;;) {
      // Before the signal: a closed client is closed for good, whatever the call's signal says.
      if (this.#refusing && !request.detached) {
        const sent = retries > 0 || replayedAuth ? 'was not sent again' : 'was not sent';
        const message = `${info.method} ${info.url} ${sent}: the client is closed`;
        throw new ClientClosedError(message, { request: info });
      }
      const { credentials } = request;
      const token =
        credentials === 'session'
          ? await this.#token(flight.signal, info, deadlineAt)
          : typeof credentials === 'object'
            ? credentials.token
            : undefined;
      const headers: Record<string, string> = { Accept: this.#accept };
      if (token !== undefined) {
        this.#scrubber.noteToken(token);
        headers[SESSION_HEADER] = token;
      } else if (credentials === 'basic') headers.Authorization = this.#basic;

      // EM asked the client to hold off (Retry-After): the logoff alone goes, as the client ends.
      const pauseMs = request.detached ? 0 : this.#pausedUntil - Date.now();
      if (pauseMs > 0) {
        if (deadlineAt !== undefined && Date.now() + pauseMs >= deadlineAt) {
          throw new TimeoutError(
            `${info.method} ${info.url} ran past the call's deadline, waiting for the ${pauseMs} ms that EM's Retry-After asked of every request`,
            { request: info },
          );
        }
        if (!(await sleep(pauseMs, [flight.signal]))) throw this.#aborted(info, flight.signal);
      }
      const attempt = attemptSignal([flight.signal], timeout, deadlineAt);
      const stoppedBefore = attempt.reason();
      if (stoppedBefore !== undefined) {
        attempt.dispose();
        throw this.#failureOf(undefined, stoppedBefore, info, timeout, flight.signal);
      }
      const started = performance.now();
      if (tries.sent++ === 0) tries.firstSentAt = started;
      let response: Response;
      let body: Uint8Array;
      try {
        ({ response, body } = request.onAbandoned
          ? await this.#exchangeOrAbandon(request, headers, attempt.signal, request.onAbandoned)
          : await this.#exchange(request, headers, attempt.signal));
      } catch (error) {
        const failure = this.#failureOf(error, attempt.reason(), info, timeout, flight.signal);
        const undone =
          attempt.reason() === undefined &&
          (wasNeverSent(error) || this.#undoneLosses.has(error as object));
        if (!mayRetry(failure, undone)) throw failure;
        await retryLater(failure, backoffMs(retries, options.retry));
        continue;
      } finally {
        attempt.dispose();
      }
      const { status } = response;
      options.onEvent({
        type: 'response',
        method: info.method,
        url: info.url,
        status,
        attempt: retries + 1,
        ms: performance.now() - started,
      });

      if (status >= 200 && status < 300) {
        const hasBody = request.root !== undefined && status !== 204;
        if (hasBody && request.decodeAfter) {
          flight.park();
          const parkedAt = Date.now();
          const isTurn = await request.decodeAfter.then(
            () => true,
            () => false,
          );
          flight.resume();
          // A page fetched ahead waits for its reader, however slow: not part of its own deadline.
          if (deadlineAt !== undefined) deadlineAt += Date.now() - parkedAt;
          if (!isTurn || flight.signal.aborted) throw this.#aborted(info, flight.signal);
        }
        try {
          const result = this.#successResult(request, response, body, info);
          for (const warning of result.body?.warnings ?? []) {
            const message = this.#scrubber.scrub(`${info.url}: ${warning}`);
            options.onEvent({ type: 'warning', message });
          }
          return result;
        } catch (error) {
          const undone = request.onLostAnswer?.(response.headers, body) === true;
          // A decoder quotes (and cuts) the body, which may echo what was sent: the error comes
          // from the body scrubbed whole, when that changes it.
          const failure = this.#scrubber.scrubError(
            this.#failureOfScrubbed(request, response, body, info) ?? (error as ResponseError),
          );
          if (!mayRetry(failure, undone)) throw failure;
          await retryLater(failure, backoffMs(retries, options.retry));
          continue;
        }
      }

      const emError = this.#scrubber.scrubEmError(
        decodeEmError(this.#scrubber.scrubBody(body), info),
      );
      const deadSession = status !== 401 && isDeadSessionError(status, emError);
      if (credentials === 'session' && token !== undefined && (status === 401 || deadSession)) {
        if (replayedAuth) {
          throw new AuthenticationError(
            `${info.method} ${info.url} was refused (${status}) again right after a new logon`,
            { status, emError, request: info },
          );
        }
        // Logged off either way: a 401 may come from a proxy or balancer in front of EM, which
        // still holds the session open; a session EM has expired answers the logoff 401, no harm.
        this.#tokens?.invalidate(token);
        replayedAuth = true;
        continue;
      }
      // Through a proxy, a 407 is the proxy's, whatever body it sends: not EM's answer.
      if (status === 407 && this.#proxy !== undefined)
        throw proxyRefusal(info, this.#proxy, this.#proxyHasCredentials);
      const waitHint = retryAfterMs(response.headers.get('retry-after'));
      // A redirect's Location is the server's text too.
      const failure = this.#scrubber.scrubError(
        statusError(status, emError, info, response.headers, waitHint),
      );
      const mayResend =
        request.idempotent ||
        (request.resendIfUnsent === true && REFUSED_UNSENT_STATUSES.has(status));
      // A wait above the cap says the same whether or not a retry is left: the server is
      // rate limiting or down for a while.
      if (
        RETRYABLE_STATUSES.has(status) &&
        waitHint !== undefined &&
        waitHint > options.retry.maxRetryAfterMs
      ) {
        throw new RateLimitedError(
          `${failure.message}; its Retry-After asks to wait ${waitHint} ms, more than retry.maxRetryAfterMs (${options.retry.maxRetryAfterMs})`,
          { status, emError, request: info, retryable: true, retryAfterMs: waitHint },
        );
      }
      // Within the cap, EM's wait holds every request of the client, this one's retry included.
      if (RETRYABLE_STATUSES.has(status) && waitHint !== undefined)
        this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + waitHint);
      if (RETRYABLE_STATUSES.has(status) && mayResend && retries < retryLimit) {
        await retryLater(failure, waitHint ?? backoffMs(retries, options.retry));
        continue;
      }
      throw failure;
    }
  }

  /** One attempt: the answer and its whole body. */
  async #exchange<Root extends RootElementName>(
    request: SendRequest<Root>,
    headers: Record<string, string>,
    signal: AbortSignal,
    onResponse?: () => void,
  ): Promise<{ response: Response; body: Uint8Array }> {
    const response = await this.#http(request.url, {
      method: request.method,
      headers,
      signal,
    });
    onResponse?.();
    if (!response.ok) {
      return { response, body: await readBody(response, this.options.maxResponseBytes, signal) };
    }
    request.onAnswered?.();
    // The token the logon's answer issues is a secret from now on, whatever becomes of the body
    // (only the logon's: tokens in other answers would push the real ones out of the scrubber).
    const issued = request.credentials === 'basic' ? response.headers.get(SESSION_HEADER) : null;
    if (issued) this.#scrubber.noteToken(issued);
    try {
      return { response, body: await readBody(response, this.options.maxResponseBytes, signal) };
    } catch (error) {
      const undone = request.onLostAnswer?.(response.headers, undefined) === true;
      if (undone && typeof error === 'object' && error !== null) this.#undoneLosses.add(error);
      throw error;
    }
  }

  /**
   * One attempt that the caller may stop waiting for (`signal`) without stopping it: it then runs
   * on for `ABANDONED_GRACE_MS` at most, and its 2xx answer goes to `onAbandoned`.
   */
  async #exchangeOrAbandon<Root extends RootElementName>(
    request: SendRequest<Root>,
    headers: Record<string, string>,
    signal: AbortSignal,
    onAbandoned: (late: Promise<SendResult<Root> | undefined>) => void,
  ): Promise<{ response: Response; body: Uint8Array }> {
    const own = new AbortController();
    // Whether an answer came at all: one whose body was then lost is not "no answer" (see onNoAnswer).
    let responded = false;
    const exchange = this.#exchange(request, headers, own.signal, () => {
      responded = true;
    });
    try {
      return await unlessAborted(exchange, signal);
    } catch (error) {
      if (!signal.aborted) {
        // A connection that failed once the request may have left (a reset): EM may have acted.
        if (!responded && mayHaveBeenSent(error)) request.onNoAnswer?.();
        throw error;
      }
      const stop = setTimeout(() => own.abort(), ABANDONED_GRACE_MS);
      stop.unref?.();
      onAbandoned(
        exchange
          .then(
            ({ response, body }) => this.#lateResult(request, response, body),
            () => {
              if (!responded) request.onNoAnswer?.();
              return undefined;
            },
          )
          .finally(() => clearTimeout(stop)),
      );
      throw error;
    }
  }

  /** Text from the server (EM's message in a task) without the client's secrets. */
  scrub(text: string): string {
    return this.#scrubber.scrub(text);
  }

  /** What was thrown, an error scrubbed of the client's secrets in place (see `SecretScrubber.scrubError`). */
  scrubError(thrown: unknown): unknown {
    return thrown instanceof Error ? this.#scrubber.scrubError(thrown) : thrown;
  }

  /** The error decoding the body gives once scrubbed of secrets; undefined when it holds none or decodes. */
  #failureOfScrubbed<Root extends RootElementName>(
    request: SendRequest<Root>,
    response: Response,
    body: Uint8Array,
    info: RequestInfo,
  ): ResponseError | undefined {
    const scrubbed = this.#scrubber.scrubBody(body);
    if (scrubbed === body) return undefined;
    // The body held the password: decoding nothing would say `got an empty body`, which is not
    // what came; the decoder's own words may quote the password, so neither is kept.
    if (scrubbed.byteLength === 0 && request.root !== undefined) {
      const expected = request.root === 'any' ? 'an EM document' : request.root;
      return new ResponseError(
        `${info.method} ${info.url}: expected ${expected}, got a body that does not decode (not quoted: it held a secret of the request)`,
        { request: info, retryable: true },
      );
    }
    try {
      this.#successResult(request, response, scrubbed, info);
      return undefined;
    } catch (error) {
      return error as ResponseError;
    }
  }

  /** The answer of an abandoned exchange, when it is a 2xx with the body expected. */
  #lateResult<Root extends RootElementName>(
    request: SendRequest<Root>,
    response: Response,
    body: Uint8Array,
  ): SendResult<Root> | undefined {
    const { status } = response;
    if (status < 200 || status >= 300) return undefined;
    try {
      return this.#successResult(request, response, body, requestInfo(request.method, request.url));
    } catch {
      request.onLostAnswer?.(response.headers, body);
      return undefined;
    }
  }

  /**
   * A 2xx answer as the caller gets it: no body when none is expected or for a 204, else the body
   * decoded. Throws ResponseError for a body that does not decode.
   */
  #successResult<Root extends RootElementName>(
    request: SendRequest<Root>,
    response: Response,
    body: Uint8Array,
    info: RequestInfo,
  ): SendResult<Root> {
    const { status, headers } = response;
    if (request.root === undefined || status === 204) return { status, headers, body: undefined };
    const decoded = decodeBody<Root>(
      body,
      request.root === 'any' ? undefined : request.root,
      info,
      this.options.maxResponseBytes,
    );
    return { status, headers, body: decoded };
  }

  async #token(
    signal: AbortSignal,
    info: RequestInfo,
    deadlineAt: number | undefined,
  ): Promise<string> {
    if (!this.#tokens) throw new Error('EmConnection used before a token source was set');
    const late = () =>
      new TimeoutError(
        `${info.method} ${info.url} ran past the call's deadline while waiting for the logon`,
        { request: info },
      );
    // Checked first: an aborted call, or one past its deadline, must not start a logon.
    if (signal.aborted) throw this.#aborted(info, signal);
    if (deadlineAt !== undefined && Date.now() >= deadlineAt) throw late();
    const pending = beforeDeadline(this.#tokens.token(info), deadlineAt, late);
    // The logon is shared by every caller; one caller's abort or deadline stops its wait, not the logon.
    // `signal` is the request's own (see followSignals): one listener on it, none on the caller's.
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(this.#aborted(info, signal));
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** What an attempt that failed or was stopped (`stopped`) throws (see `classifyFailure`). */
  #failureOf(
    error: unknown,
    stopped: StopReason | undefined,
    info: RequestInfo,
    timeout: number,
    signal: AbortSignal,
  ): ClientError {
    if (stopped === 'aborted') return this.#aborted(info, signal);
    if (stopped === undefined && this.#proxy !== undefined && isProxyAuthRefusal(error))
      return proxyRefusal(info, this.#proxy, this.#proxyHasCredentials, error);
    return classifyFailure(error, stopped, info, timeout, this.#proxy);
  }

  /** A request stopped by its signal: by close() (`stopRequests`), or else by an abort. */
  #aborted(info: RequestInfo, signal: AbortSignal): AbortError | ClientClosedError {
    if (signal.reason === CLIENT_CLOSED) {
      const message = `${info.method} ${info.url} was stopped: the client was closed`;
      return new ClientClosedError(message, { request: info });
    }
    return new AbortError(`${info.method} ${info.url} was aborted`, { request: info });
  }

  /**
   * Waits `ms` between two requests of one call (a stop's polls); false when the call's signal,
   * the client's or close() stops the wait first.
   */
  async pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
    const release = this.#follower.hold();
    try {
      return await sleep(ms, [signal, this.options.signal, this.#closer.signal]);
    } finally {
      release();
    }
  }

  /**
   * From now on, no request is sent (nor sent again) but the detached ones (the logoff): each
   * fails with `ClientClosedError`, before its signal is looked at. Those in flight go on.
   */
  refuseRequests(): void {
    this.#refusing = true;
  }

  /**
   * Stops every request in flight, and every wait of one (backoff, a logon): they fail with
   * `ClientClosedError`. Detached requests (the logoff) go on.
   */
  stopRequests(): void {
    this.#closer.abort(CLIENT_CLOSED);
  }

  /** Stops what is still in flight and releases the connections at once (nothing is left to wait for). */
  async close(): Promise<void> {
    this.stopRequests();
    await this.#dispatcher?.then((dispatcher) => dispatcher.destroy()).catch(() => {});
  }
}
