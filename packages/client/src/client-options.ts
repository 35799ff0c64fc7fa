/** How requests are retried: GETs and the logoff; a logon only when it surely did not reach EM. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retrying off). */
  readonly limit?: number | undefined;
  /** First backoff, doubled on each retry (default 300 ms). */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff (default 10 s). Each wait is a random share of the backoff ("full jitter"). */
  readonly maxDelayMs?: number | undefined;
  /** Longest `Retry-After` honoured; a longer one fails at once with `RateLimitedError` (default 60 s). */
  readonly maxRetryAfterMs?: number | undefined;
}

export interface TlsOptions {
  /** Trusted certificates (PEM), e.g. EM's self-signed certificate or the CA that issued it. */
  readonly ca?: string | Uint8Array | readonly (string | Uint8Array)[] | undefined;
  /**
   * Accept exactly the server certificate with this SHA-256 fingerprint (hex, colons optional,
   * as `openssl x509 -fingerprint -sha256` prints it), whoever signed it.
   */
  readonly fingerprint256?: string | undefined;
  /** `false` turns certificate verification off. Only for tests: anyone on the path can read the password. */
  readonly rejectUnauthorized?: boolean | undefined;
}

/** An event for logging or progress, never carrying headers or credentials. */
export type ClientEvent =
  | {
      readonly type: 'response';
      readonly method: string;
      readonly url: string;
      readonly status: number;
      readonly attempt: number;
      readonly ms: number;
    }
  | {
      readonly type: 'retry';
      readonly method: string;
      readonly url: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly type: 'logon'; readonly apiVersion: string; readonly sessionId: string }
  /** `ok`: EM took the logoff. `sessionId` is empty for a session whose logon answer was lost before it said. */
  | { readonly type: 'logoff'; readonly sessionId: string; readonly ok: boolean }
  | { readonly type: 'warning'; readonly message: string };

export type ResponseFormat = 'xml' | 'json';

export interface ClientOptions {
  /** EM's address, e.g. `https://em.example.com:9398` (with or without `/api`). */
  readonly url: string | URL;
  readonly username: string;
  readonly password: string;
  /** The media type asked of EM (default `xml`). Both decode into the same values. */
  readonly format?: ResponseFormat | undefined;
  /** The API version to log on with, e.g. `v1_7` (default: the newest the server offers). */
  readonly apiVersion?: string | undefined;
  /** Milliseconds per attempt, from sending the request to the end of the body (default 30 s). */
  readonly timeout?: number | undefined;
  /**
   * Milliseconds for a whole call: a request with its retries, backoff, re-logon and wait for a
   * logon; `stopSession()` with its polls; in a crawl (`query()`, `sessions()`, …), each page, not
   * the crawl, which lasts as long as its reader takes (default: no deadline).
   */
  readonly deadline?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  readonly tls?: TlsOptions | undefined;
  /**
   * A proxy URL, `false` for none, or the default: `HTTPS_PROXY`/`HTTP_PROXY` and `NO_PROXY`
   * from the environment.
   */
  readonly proxy?: string | false | undefined;
  /**
   * A fetch to use instead of the built-in one (tests, custom transports). `tls.ca` and
   * `tls.fingerprint256` are refused beside it (it would not apply them); `tls.rejectUnauthorized`
   * and `proxy` do not apply.
   */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Stops every request of this client when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Default `vbem-client/<version>`. */
  readonly userAgent?: string | undefined;
  /** Upper bound of parallel requests for calls that fan out (default 4). */
  readonly concurrency?: number | undefined;
  /** Largest response body accepted, in bytes (default 256 MiB). */
  readonly maxResponseBytes?: number | undefined;
  /** Receives request, retry, logon and warning events. Nothing in them is secret. */
  readonly onEvent?: ((event: ClientEvent) => void) | undefined;
}
