import type { Link, PagingInfo } from '@vbem/model';
import { decodeQueryComponent } from '../http/query-parameters.js';
import { pagingLinkFilter } from './paging-filter-encoding.js';

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
 * where they apply. Each link repeats the request's query as the client sent it (`sentQuery`,
 * without `?`): see pageLinkQuery.
 */
export function pagingInfo(apiBase: string, sentQuery: string, page: Page): PagingInfo {
  const href = (pageNum: number): string =>
    `${apiBase}query?${pageLinkQuery(sentQuery, page.pageSize, pageNum)}`;
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

/**
 * The query of a paging link: the request's parameters in the order and the encoding the client
 * sent them, with the values of `pageSize` and `page` replaced, or appended in that order when the
 * request had none (`type=backupServer` in the case sent), but the filter's value re-encoded as EM
 * does (see pagingLinkFilter), which decodes to the same filter when followed, whatever it holds.
 */
function pageLinkQuery(sentQuery: string, pageSize: number, pageNum: number): string {
  const parts: string[] = [];
  let hasPageSize = false;
  let hasPage = false;
  for (const part of sentQuery.split('&')) {
    if (part === '') continue;
    const sentName = part.split('=', 1)[0] as string;
    // The name as the emulator reads names: decoded, in any case.
    const name = decodeQueryComponent(sentName).toLowerCase();
    if (name === 'pagesize') {
      parts.push(`${sentName}=${pageSize}`);
      hasPageSize = true;
    } else if (name === 'page') {
      parts.push(`${sentName}=${pageNum}`);
      hasPage = true;
    } else if (name === 'filter') {
      const value = part.slice(sentName.length + 1);
      parts.push(`${sentName}=${pagingLinkFilter(decodeQueryComponent(value))}`);
    } else parts.push(part);
  }
  if (!hasPageSize) parts.push(`pageSize=${pageSize}`);
  if (!hasPage) parts.push(`page=${pageNum}`);
  return parts.join('&');
}
