import { withScheme } from './proxy-route.js';

/** The `user:password@` of a proxy URL, percent-decoded, and the Basic token sent for them. */
export interface ProxyCredentials {
  readonly user: string;
  readonly password: string;
  /** base64 of `user:password`, as sent in `Proxy-Authorization: Basic …`. */
  readonly basic: string;
}

/**
 * The credentials a proxy URL carries, or undefined when it carries none or does not parse.
 * Throws a URIError when they are not valid percent-encoding.
 */
export function proxyCredentialsOf(proxy: string): ProxyCredentials | undefined {
  let url: URL;
  try {
    url = new URL(withScheme(proxy));
  } catch {
    return undefined;
  }
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return { user, password, basic: Buffer.from(`${user}:${password}`, 'utf8').toString('base64') };
}
