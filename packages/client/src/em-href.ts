import { ClientOptionsError } from './errors/client-options-error.js';
import { redactedUrl } from './errors/request-info.js';

/** How much of a refused href an error repeats. */
const SHOWN_HREF_CHARS = 200;

/**
 * The URL an EM href is sent to: relative hrefs resolve below the API base; an absolute http(s)
 * href keeps its path and query but always gets the client's own origin, because EM behind NAT
 * links with its internal host name and the session token must never go anywhere else. Behind a
 * reverse proxy that serves EM under a path (`https://proxy/em/api/`), EM still links to `/api/…`:
 * such a path gets the prefix of the API base. Any other scheme is a `ClientOptionsError`.
 */
export function emUrlOf(href: string, apiBase: URL): string {
  let target: URL;
  try {
    target = new URL(href, apiBase);
  } catch {
    throw refused(href, 'is not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw refused(href, `has the scheme ${target.protocol}, not http or https`);
  }
  // Set piece by piece, never concatenated: a path such as `//evil.example/` stays a path.
  const url = new URL(apiBase.origin);
  url.pathname = withPrefixOf(apiBase, target.pathname);
  url.search = target.search;
  if (url.origin !== apiBase.origin) throw refused(href, `would leave ${apiBase.origin}`);
  return url.href;
}

/** `path` below the API base's prefix (`/em/` of `/em/api/`) when it is EM's own `/api/…` without it. */
function withPrefixOf(apiBase: URL, path: string): string {
  const base = apiBase.pathname;
  const prefix = base.slice(0, base.length - 'api/'.length);
  if (prefix === '/') return path;
  const lower = path.toLowerCase();
  if (lower.startsWith(base.toLowerCase())) return path;
  return lower === '/api' || lower.startsWith('/api/') ? `${prefix}${path.slice(1)}` : path;
}

function refused(href: string, why: string): ClientOptionsError {
  const shown = redactedUrl(href) === '(invalid URL)' ? href : redactedUrl(href);
  const clipped = shown.length > SHOWN_HREF_CHARS ? `${shown.slice(0, SHOWN_HREF_CHARS)}…` : shown;
  return new ClientOptionsError(
    `the href ${JSON.stringify(clipped)} ${why}; the client sends requests only to its own EM`,
  );
}
