import { isIP } from 'node:net';
import { isAddressInCidr } from './address-in-cidr.js';

/** A proxy URL as the environment gives it, and the variable that gave it. */
export interface NamedProxy {
  readonly variable: string;
  readonly value: string;
}

/**
 * The proxy for one URL from `HTTPS_PROXY`/`HTTP_PROXY` (either case) unless `NO_PROXY` exempts
 * the host: `*`, a host name, a domain suffix (`.example.com` or `example.com`, which covers its
 * subdomains), an IP address (IPv6 bare or in brackets), a CIDR block of addresses
 * (`10.0.0.0/8`, `fd00::/8`), or an entry with a port (`em.example.com:9398`, `[::1]:9398`).
 * The client talks to one origin, so this is decided once per client.
 */
export function proxyForUrl(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return namedProxyForUrl(url, env)?.value;
}

/** proxyForUrl, with the name of the variable the proxy came from. */
export function namedProxyForUrl(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): NamedProxy | undefined {
  const target = new URL(url);
  const names =
    target.protocol === 'https:'
      ? ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
      : ['HTTP_PROXY', 'http_proxy'];
  // `??`, as before: a variable set to '' still hides the ones after it.
  const variable = names.find((name) => env[name] !== undefined);
  const proxy = variable === undefined ? undefined : env[variable];
  if (!proxy || variable === undefined) return undefined;
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return undefined;
    if (entry.includes('/')) {
      if (isAddressInCidr(host, entry)) return undefined;
      continue;
    }
    const [name = '', entryPort] = entry.startsWith('[')
      ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]]
      : entry.indexOf(':') !== entry.lastIndexOf(':')
        ? [entry, undefined] // a bare IPv6 address such as ::1
        : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) continue;
    const domain = isIP(name) === 6 ? canonicalIpv6(name) : name.replace(/^\*?\./, '');
    // An address is exempt only by itself: `NO_PROXY=0.0.1` must not cover 10.0.0.1.
    if (host === domain || (!isIP(host) && host.endsWith(`.${domain}`))) return undefined;
  }
  return { variable, value: proxy };
}

/**
 * An IPv6 address as the URL parser writes a host (`0:0:0:0:0:0:0:1` as `::1`), which is how the
 * target's host is compared: curl compares the addresses, not their spellings. An address the URL
 * parser refuses (one with a zone, `fe80::1%eth0`) is kept as written: no URL's host is one, so it
 * matches nothing, and the variable is shared with tools that may take it.
 */
function canonicalIpv6(address: string): string {
  try {
    return new URL(`http://[${address}]`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}
