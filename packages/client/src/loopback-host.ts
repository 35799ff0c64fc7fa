import { BlockList, isIP } from 'node:net';

/** This machine's addresses: plain http to them crosses no network. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether a URL's host name (as `URL` gives it) is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost') return true;
  const family = isIP(host);
  // An IPv4-mapped ::ffff:127.0.0.1 is checked against the IPv4 range too.
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The warning of a client that sends the Basic credentials and the session token without TLS, for
 * an http URL whose host is not this machine; undefined for https and for loopback.
 */
export function plainHttpWarning(url: string | URL): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return undefined;
  return `${parsed.origin} is plain http, without TLS: anyone on the network path can read the password, the session token and the data; use https (EM serves it on port 9398)`;
}
