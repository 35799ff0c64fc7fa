/** A percent-encoded octet. */
const ESCAPE = /%[0-9A-Fa-f]{2}/g;
/** RFC 3986's unreserved characters (§2.3): percent-encoding one of them changes nothing. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * `text` with its percent-encoding normalised as RFC 3986 §6.2.2 says equivalent URIs are:
 * unreserved characters decoded (`%6Aobs` is `jobs`), other octets' hex digits in capitals
 * (`%2f` is `%2F`). Anything else, a `%` that escapes nothing included, is left as it is.
 */
export function normalizedEscapes(text: string): string {
  return text.replace(ESCAPE, (octet) => {
    const character = String.fromCharCode(Number.parseInt(octet.slice(1), 16));
    return UNRESERVED.test(character) ? character : octet.toUpperCase();
  });
}

/**
 * The path of a request below `/api` (`/jobs/{id}`; `/` for the API root), or undefined when
 * the request is not below `/api`: what routing serves and fault rules match, decided here only.
 * `pathname` is a WHATWG URL's, whose dot segments are already resolved. Empty segments are
 * dropped (`/api//jobs/` is `/jobs`) and escapes normalised (see `normalizedEscapes`); the case
 * is kept, as routes and fault rules compare in any case but a RegExp rule may not.
 */
export function apiPathOf(pathname: string): string | undefined {
  const [root, ...segments] = normalizedEscapes(pathname).split('/').filter(Boolean);
  if (root?.toLowerCase() !== 'api') return undefined;
  return `/${segments.join('/')}`;
}
