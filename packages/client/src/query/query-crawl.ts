import { findLink, ownString, type QueryResult } from '@vbem/model';
import { requestInfo } from '../errors/request-info.js';
import { ResponseError } from '../errors/response-error.js';
import { type PagePart, pagesInOrder, type WindowPage } from './page-window.js';
import type { QueryTypeName } from './query-fields.js';
import { itemsOfPage, itemsWrapperOf, misplacedItemsOf, type QueryFormat } from './query-items.js';
import { type QueryUrlParts, queryUrl, withPage } from './query-url.js';
import { RecentUids } from './recent-uids.js';

/** One page of a crawl, its items already deduplicated. */
export interface QueryPage<Item> {
  readonly type: QueryTypeName;
  readonly pageNum: number;
  readonly pagesCount: number;
  readonly items: readonly Item[];
}

/** What a crawl has done so far. */
export interface QueryStats {
  pages: number;
  items: number;
  /** Items seen again on a later page because the result shifted under the crawl. */
  duplicatesSkipped: number;
}

/** The queries a crawl runs, one after another; or a function that works them out first (e.g. after counting). */
export type QueryPlan = readonly QueryUrlParts[] | (() => Promise<readonly QueryUrlParts[]>);

/** How a query page is fetched (see `SendRequest`). */
export interface PageFetch {
  /** The call's own signal. */
  readonly signal?: AbortSignal | undefined;
  /** The crawl's: aborted when its reader stops. */
  readonly cancel?: AbortSignal | undefined;
  /** The decode waits for it; a rejection drops the page. */
  readonly decodeAfter?: Promise<void> | undefined;
  /** Called when an attempt's 2xx answer arrives. */
  readonly onAnswered?: (() => void) | undefined;
}

/** Fetches and decodes a query page. */
export type FetchQueryPage = (url: string, fetch?: PageFetch) => Promise<QueryResult>;

interface PartState {
  /** The server's own paging link, reused for later pages. */
  template: string | undefined;
  /** UIDs handed out last, to skip items that a shifting result brings back on a later page. */
  recent: RecentUids | undefined;
  /** Pages in a row whose items were all handed out before (see `maxStalePages`). */
  stalePages: number;
  /** The page count page 1 gave, or the count before the crawl did (see `maxGrownPages`). */
  firstPagesCount: number;
}

/**
 * How many UIDs a part remembers: an item comes back twice only if more than this many items
 * appear before the cursor between two pages, which no EM's late-collected sessions come near.
 */
const recentCapacity = (pageSize: number): number => Math.max(4 * pageSize, 1_000);

/**
 * How many pages in a row may bring only items already handed out: a shift of as many items as
 * the crawl remembers fills at most this many. More is a server that pages on for ever.
 */
const maxStalePages = (pageSize: number): number => Math.ceil(recentCapacity(pageSize) / pageSize);

/**
 * The most pages a part's result may grow to during its crawl, from the count its first page gave
 * (or a count made just before): twice as many, or 100 more. A real result grows only by the
 * sessions created or collected meanwhile, far fewer than the crawl reads; a server inventing
 * items for ever must not keep it going for ever.
 */
const maxGrownPages = (firstPagesCount: number): number =>
  firstPagesCount + Math.max(firstPagesCount, 100);

const uidOf = (item: unknown): string | undefined => (item as { UID?: string }).UID;

/**
 * An async iterable over every item of one or more query crawls, in order, each item once.
 * Pages are fetched ahead (at most `concurrency` in flight or waiting); iterate `pages()` for
 * page-level progress. Breaking out of the loop cancels the requests still on their way.
 */
export class QueryCrawl<Item> implements AsyncIterable<Item> {
  readonly stats: QueryStats = { pages: 0, items: 0, duplicatesSkipped: 0 };
  readonly #fetchPage: FetchQueryPage;
  readonly #apiBase: string;
  readonly #plan: QueryPlan;
  readonly #concurrency: number;
  readonly #signal: AbortSignal | undefined;

  constructor(
    fetchPage: FetchQueryPage,
    apiBase: string,
    plan: QueryPlan,
    concurrency: number,
    signal: AbortSignal | undefined,
  ) {
    this.#fetchPage = fetchPage;
    this.#apiBase = apiBase;
    this.#plan = plan;
    this.#concurrency = concurrency;
    this.#signal = signal;
  }

  async *pages(): AsyncGenerator<QueryPage<Item>, void, undefined> {
    // Each iteration crawls anew, its requests sent again: the stats are those of the latest one.
    Object.assign(this.stats, { pages: 0, items: 0, duplicatesSkipped: 0 });
    const allParts = typeof this.#plan === 'function' ? await this.#plan() : this.#plan;
    const states: PartState[] = allParts.map(() => ({
      template: undefined,
      recent: undefined,
      stalePages: 0,
      firstPagesCount: 0,
    }));
    const pageParts: PagePart<QueryResult>[] = allParts.map((parts, index) => ({
      fetch: async (page, cancel, turn, answered) => {
        const state = states[index] as PartState;
        const url = this.#pageUrl(parts, state, page);
        const result = await this.#fetchPage(url, {
          signal: this.#signal,
          cancel,
          decodeAfter: turn,
          onAnswered: answered,
        });
        const { PagesCount } = result.PagingInfo;
        if (page === 1) {
          state.template = pagingTemplate(result);
          // The page size EM says it used, when smaller than asked for (a cap of its own).
          const { PageSize } = result.PagingInfo;
          const pageSize = PageSize > 0 ? Math.min(PageSize, parts.pageSize) : parts.pageSize;
          state.firstPagesCount =
            parts.countedItems === undefined
              ? PagesCount
              : Math.max(1, Math.ceil(parts.countedItems / pageSize));
        }
        if (PagesCount > maxGrownPages(state.firstPagesCount)) {
          throw new ResponseError(
            `query ${parts.type}${parts.filter ? ` filter ${parts.filter}` : ''} grew to ${PagesCount} pages (page ${page}), past twice the ${state.firstPagesCount} ${parts.countedItems === undefined ? 'its first page gave' : 'its count gave'} or 100 more; stopped rather than page on for ever`,
            { request: requestInfo('GET', url), retryable: false },
          );
        }
        if (result.PagingInfo.PageNum !== page) {
          throw new ResponseError(
            `query page ${page} came back as page ${result.PagingInfo.PageNum}`,
            { request: requestInfo('GET', url), retryable: true },
          );
        }
        const misplaced = misplacedItemsOf(result, parts.type, parts.format);
        if (misplaced !== undefined) {
          throw new ResponseError(
            `query ${parts.type} (${parts.format}) page ${page} came back with its items under ${misplaced}, not ${itemsWrapperOf(parts.type, parts.format)}`,
            { request: requestInfo('GET', url), retryable: false },
          );
        }
        return result;
      },
      pagesOf: (result) => result.PagingInfo.PagesCount,
    }));

    let currentPart = 0;
    const window = pagesInOrder(pageParts, this.#concurrency);
    // Manual iteration with variables cleared by hand: a suspended generator keeps every value
    // its frame still holds alive, and a page held while the next one decodes outlives two young
    // collections and is copied into the old generation, which swells the heap.
    let next: IteratorResult<WindowPage<QueryResult>> | undefined;
    let page: QueryPage<Item> | undefined;
    try {
      for (;;) {
        next = await window.next();
        if (next.done) return;
        const { part } = next.value;
        // Pages come part after part: a part before this one is done, and its state can go.
        if (part !== currentPart) {
          const done = states[currentPart];
          if (done) {
            done.template = undefined;
            done.recent = undefined;
          }
          currentPart = part;
        }
        page = this.#newItemsOf(
          next.value,
          allParts[part] as QueryUrlParts,
          states[part] as PartState,
        );
        next = undefined;
        yield page;
        page = undefined;
      }
    } finally {
      await window.return(undefined);
    }
  }

  /** A page's URL: page 1 as the client builds it, later pages from the server's own link. */
  #pageUrl(parts: QueryUrlParts, state: PartState, page: number): string {
    return page === 1 || state.template === undefined
      ? queryUrl(this.#apiBase, parts, page)
      : withPage(state.template, page);
  }

  /**
   * The page's items not handed out yet (a result shifting under the crawl repeats some). Throws
   * a ResponseError once more pages in a row than `maxStalePages` bring nothing new.
   */
  #newItemsOf(
    { page, value }: WindowPage<QueryResult>,
    parts: QueryUrlParts,
    state: PartState,
  ): QueryPage<Item> {
    state.recent ??= new RecentUids(recentCapacity(parts.pageSize));
    const { recent } = state;
    const items: Item[] = [];
    let seen = 0;
    for (const item of itemsOfPage(value, parts.type, parts.format)) {
      const uid = uidOf(item);
      if (uid !== undefined) {
        if (recent.has(uid)) {
          this.stats.duplicatesSkipped++;
          seen++;
          continue;
        }
        recent.add(uid);
      }
      items.push(item as Item);
    }
    // A page with nothing new: items already seen, or none on a page that says more follow (an
    // empty page past a shrunk result says it is past the end, and the crawl ends there).
    const pagesCount = value.PagingInfo.PagesCount;
    if (items.length > 0) state.stalePages = 0;
    else if (
      (seen > 0 || pagesCount > page) &&
      ++state.stalePages > maxStalePages(parts.pageSize)
    ) {
      const url = this.#pageUrl(parts, state, page);
      throw new ResponseError(
        `EM answered ${state.stalePages} pages in a row with no item not seen before (query ${parts.type}${parts.filter ? ` filter ${parts.filter}` : ''}, page ${page} of ${value.PagingInfo.PagesCount}); stopped rather than page on for ever`,
        { request: requestInfo('GET', url), retryable: false },
      );
    }
    this.stats.pages++;
    this.stats.items += items.length;
    return { type: parts.type, pageNum: page, pagesCount: value.PagingInfo.PagesCount, items };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const pages = this.pages();
    // As in pages(): a page's items must not stay reachable from here while the next page decodes.
    let next: IteratorResult<QueryPage<Item>> | undefined;
    let items: readonly Item[] | undefined;
    try {
      for (;;) {
        next = await pages.next();
        if (next.done) return;
        items = next.value.items;
        next = undefined;
        for (let index = 0; index < items.length; index++) yield items[index] as Item;
        items = undefined;
      }
    } finally {
      await pages.return(undefined);
    }
  }

  /** Every item in one array; for small results (a crawl of millions belongs in a `for await`). */
  async toArray(): Promise<Item[]> {
    const all: Item[] = [];
    // Item by item: push(...items) passes one argument per item, which a page of 100,000 can overflow.
    for await (const page of this.pages()) for (const item of page.items) all.push(item);
    return all;
  }
}

/**
 * The server's link to another page of the same query (decoded `&amp;`, its own filter encoding),
 * copied: the href is a slice of the page's document, which it would keep alive.
 */
function pagingTemplate(result: QueryResult): string | undefined {
  const info = result.PagingInfo;
  const href =
    findLink(info, { rel: 'Next' })?.Href ??
    findLink(info, { rel: 'First' })?.Href ??
    findLink(info, { rel: 'Last' })?.Href;
  return href === undefined ? undefined : ownString(href);
}

export type { QueryFormat };
