import type { QueryTypeName } from './query-fields.js';
import type { QueryFormat } from './query-items.js';

export interface QueryUrlParts {
  readonly type: QueryTypeName;
  readonly format: QueryFormat;
  readonly filter: string | undefined;
  readonly sortAsc: string | undefined;
  readonly sortDesc: string | undefined;
  readonly pageSize: number;
  /**
   * Items a count found just before (`sessions()` counts its slices): the crawl may grow from
   * there as from a first page's count (see `maxGrownPages`). Not part of the URL.
   */
  readonly countedItems?: number | undefined;
}

/**
 * `query?type=…&format=…&sortAsc=…&pageSize=…&page=…&filter=…`, in the order EM writes its own
 * paging links. The filter is percent-encoded whole, so `;`, `,`, `"` and `&` inside values stay
 * part of it.
 */
export function queryUrl(apiBase: string, parts: QueryUrlParts, page: number): string {
  let url = `${apiBase}query?type=${parts.type}&format=${parts.format === 'references' ? 'References' : 'Entities'}`;
  if (parts.sortAsc !== undefined) url += `&sortAsc=${encodeURIComponent(parts.sortAsc)}`;
  if (parts.sortDesc !== undefined) url += `&sortDesc=${encodeURIComponent(parts.sortDesc)}`;
  url += `&pageSize=${parts.pageSize}&page=${page}`;
  if (parts.filter !== undefined && parts.filter !== '') {
    url += `&filter=${encodeURIComponent(parts.filter)}`;
  }
  return url;
}

/** The same paging link for another page: only `page=` changes, the server's own encoding stays. */
export function withPage(href: string, page: number): string {
  if (/[?&]page=\d+/i.test(href)) return href.replace(/([?&]page=)\d+/i, `$1${page}`);
  return `${href}${href.includes('?') ? '&' : '?'}page=${page}`;
}
