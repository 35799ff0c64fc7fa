/** What an injected fault does to a matching request. */
export type Fault =
  /** Wait this long (0 to 2147483647 ms) before handling the request normally. */
  | { readonly kind: 'latency'; readonly ms: number }
  /**
   * Answer with this status and an EM Error body; `retryAfter` adds the header: whole seconds as a
   * number (5) or any header value as a string ("5", an HTTP date). 403 is a user without the
   * right role; 401 a refused logon or token, the logon session left as it is.
   */
  | {
      readonly kind: 'status';
      readonly status: 401 | 403 | 429 | 500 | 502 | 503 | 504;
      readonly retryAfter?: string | number | undefined;
    }
  /** Expire the caller's logon session, then answer 401 as EM does for an expired token. */
  | { readonly kind: 'expire-token' }
  /** Answer 500 as EM does for a session id it no longer knows, and drop the logon session. */
  | { readonly kind: 'dead-session' }
  /** Close the connection without an answer. */
  | { readonly kind: 'reset'; readonly acted?: boolean | undefined }
  /** Send the headers and half the body, then close the connection. */
  | { readonly kind: 'truncate'; readonly acted?: boolean | undefined }
  /** Answer with a body that is not well-formed XML or JSON (200, or the route's status when `acted`). */
  | { readonly kind: 'malformed'; readonly acted?: boolean | undefined }
  /** Never answer; the connection stays open until the client gives up or the emulator closes. */
  | { readonly kind: 'stall'; readonly acted?: boolean | undefined };

/**
 * The faults that spoil an answer. With `acted: true` the request is handled first, as EM would
 * handle it (a logon opens a logon session, a stop stops the session), and the fault then spoils
 * its real answer: a client's "the request reached EM but its answer was lost" case. Without it,
 * the request never reaches the emulator's routes.
 */
export type AnswerFault = Extract<Fault, { readonly acted?: boolean | undefined }>;

/**
 * When a fault applies: to requests whose method and path match, skipping the first `after`
 * matches, for `times` matches (default 1; Infinity for every one). Counting is per rule, so a
 * plan is reproducible request by request.
 */
export interface FaultRule {
  readonly fault: Fault;
  readonly method?: string | undefined;
  /**
   * A path below `/api` (`/backupSessions`), matching it and what is below it by whole segments
   * (not `/backupSessionsX`), or a regular expression over the whole path and query (`/api/…`).
   * Both see a request's path as routing does: `/api//jobs/` and `/api/%6Aobs` are `/api/jobs`.
   * A RegExp is tested from the start for each request whatever its flags.
   */
  readonly path?: string | RegExp | undefined;
  readonly after?: number | undefined;
  readonly times?: number | undefined;
}
