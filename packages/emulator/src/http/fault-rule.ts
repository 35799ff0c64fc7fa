/** What an injected fault does to a matching request. */
export type Fault =
  /** Wait this long before handling the request normally. */
  | { readonly kind: 'latency'; readonly ms: number }
  /** Answer with this status and an EM Error body; `retryAfter` (seconds or an HTTP date) adds the header. */
  | {
      readonly kind: 'status';
      readonly status: 429 | 500 | 502 | 503 | 504;
      readonly retryAfter?: string | undefined;
    }
  /** Expire the caller's logon session, then answer 401 as EM does for an expired token. */
  | { readonly kind: 'expire-token' }
  /** Answer 500 as EM does for a session id it no longer knows, and drop the logon session. */
  | { readonly kind: 'dead-session' }
  /** Close the connection without an answer. */
  | { readonly kind: 'reset' }
  /** Send the headers and half the body, then close the connection. */
  | { readonly kind: 'truncate' }
  /** Answer 200 with a body that is not well-formed XML or JSON. */
  | { readonly kind: 'malformed' }
  /** Never answer; the connection stays open until the client gives up or the emulator closes. */
  | { readonly kind: 'stall' };

/**
 * When a fault applies: to requests whose method and path match, skipping the first `after`
 * matches, for `times` matches (default 1; Infinity for every one). Counting is per rule, so a
 * plan is reproducible request by request.
 */
export interface FaultRule {
  readonly fault: Fault;
  readonly method?: string | undefined;
  /** A path prefix below `/api` (`/backupSessions`), or a regular expression over the path and query. */
  readonly path?: string | RegExp | undefined;
  readonly after?: number | undefined;
  readonly times?: number | undefined;
}
