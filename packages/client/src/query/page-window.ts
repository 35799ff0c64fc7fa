/**
 * Runs page fetches of several crawls ("parts", e.g. the days of a window) with at most
 * `concurrency` pages in flight or waiting, and hands them out strictly in order: part by part,
 * page by page. A part's page count is known only once its first page arrives, so while that
 * page is on its way the window moves on to the next part's first page. Memory stays bounded by
 * `concurrency` pages whatever the size of the crawl. Each page gets a `turn` that settles when
 * it is next in line: fetched ahead, it can wait as bytes and be decoded only then. The next part's
 * first page gets its turn early, so that its page count is known before the consumer gets there.
 */
export interface PagePart<Page> {
  fetch(page: number, signal: AbortSignal, turn: Promise<void>): Promise<Page>;
  /** The number of pages, read from a fetched page (PagingInfo.PagesCount). */
  pagesOf(page: Page): number;
}

interface Slot<Page> {
  readonly part: number;
  readonly page: number;
  readonly result: Promise<Page>;
  /** Settles the page's turn. */
  readonly startTurn: () => void;
}

interface PartState {
  /** Unknown until the first page arrives. */
  pages: number | undefined;
  nextPage: number;
}

/** A page handed out by `pagesInOrder`. */
export interface WindowPage<Page> {
  readonly part: number;
  readonly page: number;
  readonly value: Page;
}

export async function* pagesInOrder<Page>(
  parts: readonly PagePart<Page>[],
  concurrency: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<WindowPage<Page>> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const states: PartState[] = parts.map(() => ({ pages: undefined, nextPage: 1 }));
  const slots: Slot<Page>[] = [];
  let headPart = 0;

  const schedule = (part: number, page: number) => {
    const state = states[part] as PartState;
    state.nextPage = page + 1;
    const source = parts[part] as PagePart<Page>;
    let startTurn = () => {};
    const turn = new Promise<void>((resolve) => {
      startTurn = resolve;
    });
    const result = source.fetch(page, controller.signal, turn).then((value) => {
      const count = source.pagesOf(value);
      if (state.pages === undefined || count > state.pages) state.pages = count;
      // The count may let this part's later pages into the window now, not when the consumer is back.
      if (page === 1 && !controller.signal.aborted) fill();
      return value;
    });
    result.catch(() => {}); // observed when its turn comes; no unhandled rejection meanwhile
    const slot: Slot<Page> = { part, page, result, startTurn };
    let at = slots.length;
    while (at > 0) {
      const before = slots[at - 1] as Slot<Page>;
      if (before.part < part || (before.part === part && before.page < page)) break;
      at--;
    }
    slots.splice(at, 0, slot);
  };

  /**
   * Schedules the earliest pages not yet scheduled whose existence is known, while there is room.
   * The earliest part whose page count is still on its way keeps a place for its next page: pages
   * of later parts taking all the room would otherwise come out before it, and its pages be lost.
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
        if (state.pages === undefined) {
          placeKept = true;
          continue;
        }
        if (state.nextPage <= state.pages) {
          schedule(part, state.nextPage);
          scheduled = true;
          break;
        }
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
      slot.startTurn();
      handedOut = { part: slot.part, page: slot.page, value: await slot.result };
      headPart = slot.part;
      slot = undefined;
      fill();
      yield handedOut;
      handedOut = undefined;
    }
  } finally {
    controller.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}
