/**
 * Key casing of EM JSON: EM 12 and earlier write the XML names (`IsRetry`, `PagingInfo.PageNum`),
 * EM 13 writes camelCase (`isRetry`, `pagingInfo.pageNum`).
 */
export type JsonCasing = 'pascal' | 'camel';
