import { isIP } from 'node:net';

const HOST_NAME =
  /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/** The forms of `host` that bindAddressOf accepts, for error messages. */
export const HOST_FORMS =
  'an IPv4 address, an IPv6 address (brackets optional: "::1" or "[::1]") or a host name';

/**
 * The address to listen on for a `host` option, without the brackets of an IPv6 address as URLs
 * write it, or undefined when it is none of HOST_FORMS (spaces included, which getaddrinfo would
 * only report as ENOTFOUND).
 */
export function bindAddressOf(host: string): string | undefined {
  const bracketed = /^\[(.*)\]$/.exec(host);
  if (bracketed) return isIP(bracketed[1] as string) === 6 ? bracketed[1] : undefined;
  return isIP(host) !== 0 || HOST_NAME.test(host) ? host : undefined;
}
