const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** The authority of `scheme://authority/…`, slashes optional as WHATWG parsers accept them. */
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/*([^/?#]*)/i;

/** Whether the URL text holds a user name or password (`https://user:secret@em`), parsed or not. */
export const hasCredentials = (text: string): boolean =>
  (AUTHORITY.exec(text.trim())?.[1] ?? '').includes('@');

/**
 * Why `text`, which `new URL()` refused, is not a URL: in words that never repeat it, since a URL
 * may carry a password.
 */
export function whyNotUrl(text: string): string {
  const trimmed = text.trim();
  if (!SCHEME.test(trimmed)) return 'it has no scheme (https:// or http://)';
  const authority = AUTHORITY.exec(trimmed)?.[1] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const [, host = '', port] = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort) ?? [];
  if (host === '') return 'it has no host';
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port)) return 'its port is not a number';
    if (Number(port) > 65_535) {
      return `its port ${port.length <= 10 ? port : 'number'} is not from 0 to 65535`;
    }
  }
  return 'it does not parse as a URL (a character that a URL may not hold?)';
}
