/** A query longer than this is cut in an error line (`--debug` shows the error's URL whole). */
const LONG_QUERY = 40;

/**
 * A request's URL for an error line: whole when its query is short (`?format=Entity`), else its
 * path and the query's `type` (the entity type queried), then `…`: a session query's encoded
 * filter and paging run to some 300 characters that hide the error after them.
 */
export function shortRequestUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || url.length - start <= LONG_QUERY) return url;
  const type = new URLSearchParams(url.slice(start + 1)).get('type');
  return `${url.slice(0, start)}${type === null ? '' : `?type=${encodeURIComponent(type)}`}…`;
}
