import type { Link, PagingInfo } from '@vbem/model';
import { dotnetUrlEncode } from './dotnet-url-encode.js';

/** The query parameters EM echoes in paging links, as the client sent them. */
export interface QueryEcho {
  readonly type: string;
  readonly format?: string;
  readonly sortAsc?: string;
  readonly sortDesc?: string;
  readonly filter?: string;
}

export interface Page {
  readonly pageNum: number;
  readonly pageSize: number;
  readonly pagesCount: number;
  /** Index of the first item of the page in the whole result, and how many follow. */
  readonly start: number;
  readonly length: number;
}

// Without pageSize EM puts everything on one page and reports a page size of 100 (or the count, when larger).
const DEFAULT_PAGE_SIZE = 100;

/** The slice of a result that a `pageSize` and `page` select. */
export function pageOf(total: number, pageSize: number | undefined, page: number): Page {
  if (pageSize === undefined) {
    return {
      pageNum: 1,
      pageSize: Math.max(DEFAULT_PAGE_SIZE, total),
      pagesCount: 1,
      start: 0,
      length: total,
    };
  }
  const pagesCount = Math.max(1, Math.ceil(total / pageSize));
  const start = (page - 1) * pageSize;
  return {
    pageNum: page,
    pageSize,
    pagesCount,
    start,
    length: Math.max(0, Math.min(pageSize, total - start)),
  };
}

/**
 * PagingInfo with First, Previous, Next and Last links as EM writes them; Previous and Next only
 * where they apply. Every echoed value is URL-encoded the .NET way, and the filter is echoed as
 * sent, as in a captured EM answer (`filter=JobType%3d%3dNasBackup`).
 */
export function pagingInfo(apiBase: string, echo: QueryEcho, page: Page): PagingInfo {
  const href = (pageNum: number): string => {
    const parts = [`type=${dotnetUrlEncode(echo.type)}`];
    if (echo.format) parts.push(`format=${dotnetUrlEncode(echo.format)}`);
    if (echo.sortAsc) parts.push(`sortAsc=${dotnetUrlEncode(echo.sortAsc)}`);
    if (echo.sortDesc) parts.push(`sortDesc=${dotnetUrlEncode(echo.sortDesc)}`);
    parts.push(`pageSize=${page.pageSize}`, `page=${pageNum}`);
    if (echo.filter) parts.push(`filter=${dotnetUrlEncode(echo.filter)}`);
    return `${apiBase}query?${parts.join('&')}`;
  };
  const links: Link[] = [{ Href: href(1), Rel: 'First' }];
  if (page.pageNum > 1 && page.pageNum <= page.pagesCount)
    links.push({ Href: href(page.pageNum - 1), Rel: 'Previous' });
  if (page.pageNum < page.pagesCount) links.push({ Href: href(page.pageNum + 1), Rel: 'Next' });
  links.push({ Href: href(page.pagesCount), Rel: 'Last' });
  return {
    PageNum: page.pageNum,
    PageSize: page.pageSize,
    PagesCount: page.pagesCount,
    Links: links,
  };
}
