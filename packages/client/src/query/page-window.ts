/**
 * Runs page fetches of several crawls ("parts", e.g. the days of a window) with at most
 * `concurrency` pages in flight or waiting, and hands them out strictly in order: part by part,
 * page by page. A part's page count is known only once its first page arrives, so while that
 * page is on its way the window moves on to the next part's first page. Memory stays bounded by
 * `concurrency` pages whatever the size of the crawl. Each page gets a `turn` that settles when
 * it is next in line: fetched ahead, it can wait as bytes and be decoded only then; the turn
 * rejects once the window has ended. The next part's first page gets its turn early, so that its
 * page count is known before the consumer gets there.
 *
 * The window follows no caller signal: each fetch follows the crawl's caller signal itself while
 * its request is in flight. A window abandoned by its consumer (never returned) then holds its
 * waiting pages through nothing long-lived, and is collected with them.
 *
 * Within a part, a page is asked for only once the page before has answered (its 2xx headers
 * came: EM has read its page of the result), and handed out only if that answer is the one the
 * page before was finally read from, else it is asked for again. So EM serves a part's pages in
 * order: items appearing before the cursor mid-crawl push items into pages not yet read, where
 * they show up again (and are skipped as duplicates), never into a page read earlier, where they
 * would be lost. Bodies still download and wait ahead, and parts still run side by side.
 */
export interface PagePart<Page> {
  /**
   * Fetches a page; `signal` is aborted when the window ends, `turn` (see above) settles when the
   * page may be decoded; calls `answered` whenever an attempt's 2xx answer arrives.
   */
  fetch(
    page: number,
    signal: AbortSignal,
    turn: Promise<void>,
    answered: () => void,
  ): Promise<Page>;
  /** The number of pages, read from a fetched page (PagingInfo.PagesCount). */
  pagesOf(page: Page): number;
}

interface Slot<Page> {
  readonly part: number;
  readonly page: number;
  result: Promise<Page>;
  /** Resolves the page's turn. */
  startTurn: () => void;
  /** Rejects the page's turn: the window has ended. */
  cancelTurn: () => void;
  /** The number of this page's latest answer (answers are numbered in the order they come). */
  answer: number | undefined;
  /** The answer of the page before that this page was asked for after; undefined for page 1. */
  after: number | undefined;
}

interface PartState {
  /** Unknown until the first page arrives. */
  pages: number | undefined;
  nextPage: number;
  /** The part's page asked for last: the next one waits for its answer. */
  last: Slot<unknown> | undefined;
  /** The answer the page handed out last was read from. */
  handedOutAnswer: number | undefined;
}

/** What a slot's result becomes once its page is handed out. */
const HANDED_OUT: Promise<unknown> = Promise.resolve(undefined);

/** A page handed out by `pagesInOrder`. */
export interface WindowPage<Page> {
  readonly part: number;
  readonly page: number;
  readonly value: Page;
}

export async function* pagesInOrder<Page>(
  parts: readonly PagePart<Page>[],
  concurrency: number,
): AsyncGenerator<WindowPage<Page>> {
  const controller = new AbortController();
  const states: PartState[] = parts.map(() => ({
    pages: undefined,
    nextPage: 1,
    last: undefined,
    handedOutAnswer: undefined,
  }));
  const slots: Slot<Page>[] = [];
  let headPart = 0;
  let answers = 0;

  /** Starts (or starts again) the fetch of a slot's page. */
  const fetchInto = (slot: Slot<Page>) => {
    const state = states[slot.part] as PartState;
    const source = parts[slot.part] as PagePart<Page>;
    const turn = new Promise<void>((resolve, reject) => {
      slot.startTurn = resolve;
      slot.cancelTurn = reject;
    });
    turn.catch(() => {}); // a fetch that failed before it waited for its turn never observes it
    slot.answer = undefined;
    const answered = () => {
      slot.answer = ++answers;
      // The answer may let this part's next page into the window now. Not from within this call:
      // an answer that came at once would fill the window before this slot is in it.
      queueMicrotask(() => {
        if (!controller.signal.aborted) fill();
      });
    };
    slot.result = source.fetch(slot.page, controller.signal, turn, answered).then((value) => {
      if (slot.answer === undefined) answered();
      const count = source.pagesOf(value);
      if (state.pages === undefined || count > state.pages) state.pages = count;
      // The count may let this part's later pages into the window now, not when the consumer is back.
      if (slot.page === 1 && !controller.signal.aborted) fill();
      return value;
    });
    slot.result.catch(() => {}); // observed when its turn comes; no unhandled rejection meanwhile
  };

  const schedule = (part: number, page: number) => {
    const state = states[part] as PartState;
    state.nextPage = page + 1;
    const slot: Slot<Page> = {
      part,
      page,
      result: Promise.resolve(undefined as Page),
      startTurn: () => {},
      cancelTurn: () => {},
      answer: undefined,
      after: page === 1 ? undefined : state.last?.answer,
    };
    state.last = slot as Slot<unknown>;
    fetchInto(slot);
    let at = slots.length;
    while (at > 0) {
      const before = slots[at - 1] as Slot<Page>;
      if (before.part < part || (before.part === part && before.page < page)) break;
      at--;
    }
    slots.splice(at, 0, slot);
  };

  /**
   * Schedules the earliest pages not yet scheduled whose existence is known and whose page before
   * has answered, while there is room. The earliest page that may exist but has to wait (for its
   * part's page count, or for the page before to answer) keeps a place: pages of later parts
   * taking all the room would otherwise come out before it.
   */
  const fill = (): void => {
    for (;;) {
      let scheduled = false;
      let placeKept = false;
      for (let part = headPart; part < parts.length; part++) {
        if (slots.length + (placeKept ? 1 : 0) >= concurrency) break;
        const state = states[part] as PartState;
        if (state.nextPage === 1) {
          schedule(part, 1);
          scheduled = true;
          break;
        }
        if (state.pages !== undefined && state.nextPage > state.pages) continue;
        if (state.pages !== undefined && state.last?.answer !== undefined) {
          schedule(part, state.nextPage);
          scheduled = true;
          break;
        }
        placeKept = true;
      }
      if (!scheduled) break;
    }
    // The next part's first page decodes ahead: its page count lets that part's pages in early.
    slots
      .find(
        (slot) =>
          slot.page === 1 && slot.part <= headPart + 1 && states[slot.part]?.pages === undefined,
      )
      ?.startTurn();
  };

  // Cleared by hand once handed out: a suspended generator keeps what its frame holds alive.
  let slot: Slot<Page> | undefined;
  let handedOut: WindowPage<Page> | undefined;
  try {
    for (;;) {
      fill();
      slot = slots.shift();
      // Nothing left to schedule and nothing in flight: every part is done.
      if (!slot) return;
      const state = states[slot.part] as PartState;
      // Asked for before the page before was finally read (it was tried again): ask again.
      if (slot.page > 1 && slot.after !== state.handedOutAnswer) {
        slot.startTurn(); // lets the stale fetch finish rather than wait for a turn forever
        slot.after = state.handedOutAnswer;
        fetchInto(slot);
      }
      slot.startTurn();
      handedOut = { part: slot.part, page: slot.page, value: await slot.result };
      state.handedOutAnswer = slot.answer;
      // The part's last slot stays referenced (state.last) until its next page is scheduled, for
      // ever once the part is done: it must not keep the page it handed out alive.
      slot.result = HANDED_OUT as Promise<Page>;
      headPart = slot.part;
      slot = undefined;
      fill();
      yield handedOut;
      handedOut = undefined;
    }
  } finally {
    controller.abort();
    // Pages waiting for their turn drop their bodies now, not when a collection finds them.
    for (const waiting of slots) waiting.cancelTurn();
  }
}
