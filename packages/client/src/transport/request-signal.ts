import { type FollowedSignals, followSignals } from './follow-signal.js';

/**
 * The signal of one request while it is in flight: it follows the caller signals (one hub
 * listener each, see `followSignals`) and holds the client's (see `SignalFollower.hold`).
 * `park()` lets go of both while the request waits on a gate of its own (a page fetched ahead
 * waiting for its decode turn): a long-lived caller signal must not keep a waiting page, and the
 * crawl it belongs to, alive once the crawl's reader has walked away.
 */
export class RequestSignal {
  readonly #callers: readonly (AbortSignal | undefined)[];
  readonly #hold: () => () => void;
  #followed: FollowedSignals;
  #release: () => void;

  constructor(callers: readonly (AbortSignal | undefined)[], hold: () => () => void) {
    this.#callers = callers;
    this.#hold = hold;
    this.#release = hold();
    this.#followed = followSignals(callers);
  }

  /** Aborted when a caller signal aborts (with its reason); a new one after each `resume()`. */
  get signal(): AbortSignal {
    return this.#followed.signal;
  }

  /** Stops following the callers; `resume()` follows them again. */
  park(): void {
    this.#followed.release();
    this.#release();
    this.#release = () => {};
  }

  /** Follows the callers again; the signal is aborted at once if one of them aborted meanwhile. */
  resume(): void {
    this.park();
    this.#release = this.#hold();
    this.#followed = followSignals(this.#callers);
  }

  /** Stops following for good; call once the request ends. */
  release(): void {
    this.park();
  }
}
