import { setMaxListeners } from 'node:events';

/** What may wait on one client's own signal at once (requests follow it through one hub listener); past this, Node warns of a leak. */
const MAX_LISTENERS = 1000;

/** The one listener on a caller's signal, and the clients' own controllers it aborts. */
interface Hub {
  readonly followers: Set<AbortController>;
  readonly onAbort: () => void;
}

/** Per caller signal, its hub while a client follows it. */
const hubs = new WeakMap<AbortSignal, Hub>();

function join(caller: AbortSignal, own: AbortController): void {
  let hub = hubs.get(caller);
  if (hub === undefined) {
    const followers = new Set<AbortController>();
    const onAbort = () => {
      for (const follower of followers) follower.abort(caller.reason);
      followers.clear();
      hubs.delete(caller);
    };
    hub = { followers, onAbort };
    hubs.set(caller, hub);
    caller.addEventListener('abort', onAbort, { once: true });
  }
  hub.followers.add(own);
}

function leave(caller: AbortSignal, own: AbortController): void {
  const hub = hubs.get(caller);
  if (hub === undefined || !hub.followers.delete(own) || hub.followers.size > 0) return;
  caller.removeEventListener('abort', hub.onAbort);
  hubs.delete(caller);
}

/**
 * A signal of the client's own that follows the caller's client-wide signal while the client has
 * work in flight (`hold()` until the release it returns is called). However many clients share
 * one caller signal (the CLI's, one client per EM) and however many requests they have in
 * flight, the caller's signal has one listener: a listener per request made Node warn past 10.
 */
export class SignalFollower {
  readonly signal: AbortSignal | undefined;
  readonly #caller: AbortSignal | undefined;
  readonly #own: AbortController | undefined;
  #holds = 0;

  constructor(caller: AbortSignal | undefined) {
    this.#caller = caller;
    if (caller === undefined) return;
    this.#own = new AbortController();
    setMaxListeners(MAX_LISTENERS, this.#own.signal);
    this.signal = this.#own.signal;
  }

  /** Follows the caller's signal until the returned release is called (once). */
  hold(): () => void {
    const caller = this.#caller;
    const own = this.#own;
    if (caller === undefined || own === undefined) return () => {};
    if (caller.aborted) {
      own.abort(caller.reason);
      return () => {};
    }
    if (this.#holds++ === 0) join(caller, own);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds === 0) leave(caller, own);
    };
  }
}

/** A request's own signal (see `followSignals`). */
export interface FollowedSignals {
  readonly signal: AbortSignal;
  /** Stops following; call once the request ends. */
  release(): void;
}

/**
 * A signal of one request's own, aborted when any of `callers` aborts (at once if one has). Each
 * caller signal gets one listener however many requests follow it (a crawl's pages, or everything
 * waiting for one logon), so a `concurrency` of any size makes Node warn of no leak; what the
 * request itself waits on listens to this signal only.
 */
export function followSignals(callers: readonly (AbortSignal | undefined)[]): FollowedSignals {
  const own = new AbortController();
  const joined: AbortSignal[] = [];
  for (const caller of callers) {
    if (caller === undefined) continue;
    if (caller.aborted) {
      own.abort(caller.reason);
      break;
    }
    join(caller, own);
    joined.push(caller);
  }
  if (own.signal.aborted) for (const caller of joined.splice(0)) leave(caller, own);
  return {
    signal: own.signal,
    release() {
      for (const caller of joined.splice(0)) leave(caller, own);
    },
  };
}
