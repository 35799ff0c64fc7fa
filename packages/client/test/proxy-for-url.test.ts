import { describe, expect, it } from 'vitest';
import { proxyForUrl } from '../src/transport/proxy-for-url.js';

const EM = 'https://em.example.com:9398/api/';
const PROXY = 'http://proxy.corp:3128';
const OTHER = 'http://other.corp:8080';

describe('proxyForUrl: which variable', () => {
  it('uses no proxy when none is set', () => {
    expect(proxyForUrl(EM, {})).toBeUndefined();
    expect(proxyForUrl(EM, { NO_PROXY: 'example.com' })).toBeUndefined();
  });

  it('takes HTTPS_PROXY for an https URL, before https_proxy', () => {
    expect(proxyForUrl(EM, { HTTPS_PROXY: PROXY })).toBe(PROXY);
    expect(proxyForUrl(EM, { https_proxy: PROXY })).toBe(PROXY);
    expect(proxyForUrl(EM, { HTTPS_PROXY: PROXY, https_proxy: OTHER })).toBe(PROXY);
  });

  it('falls back to HTTP_PROXY (either case) for an https URL', () => {
    expect(proxyForUrl(EM, { HTTP_PROXY: PROXY })).toBe(PROXY);
    expect(proxyForUrl(EM, { http_proxy: PROXY })).toBe(PROXY);
    expect(proxyForUrl(EM, { HTTPS_PROXY: PROXY, HTTP_PROXY: OTHER })).toBe(PROXY);
    expect(proxyForUrl(EM, { https_proxy: PROXY, HTTP_PROXY: OTHER })).toBe(PROXY);
  });

  it('uses only HTTP_PROXY (either case) for an http URL', () => {
    const plain = 'http://em.example.com:9399/api/';
    expect(proxyForUrl(plain, { HTTPS_PROXY: PROXY })).toBeUndefined();
    expect(proxyForUrl(plain, { https_proxy: PROXY })).toBeUndefined();
    expect(proxyForUrl(plain, { HTTPS_PROXY: OTHER, HTTP_PROXY: PROXY })).toBe(PROXY);
    expect(proxyForUrl(plain, { http_proxy: PROXY })).toBe(PROXY);
    expect(proxyForUrl(plain, { HTTP_PROXY: PROXY, http_proxy: OTHER })).toBe(PROXY);
  });

  it('treats an empty variable as no proxy', () => {
    expect(proxyForUrl(EM, { HTTPS_PROXY: '' })).toBeUndefined();
  });
});

describe('proxyForUrl: NO_PROXY', () => {
  const via = (noProxy: string, url = EM) =>
    proxyForUrl(url, { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY, NO_PROXY: noProxy });

  it('exempts everything with *', () => {
    expect(via('*')).toBeUndefined();
    expect(via('other.org, *')).toBeUndefined();
    expect(via('*', 'http://10.0.0.1/api/')).toBeUndefined();
  });

  it('reads no_proxy when NO_PROXY is absent', () => {
    expect(proxyForUrl(EM, { HTTPS_PROXY: PROXY, no_proxy: 'em.example.com' })).toBeUndefined();
  });

  it('exempts the exact host, in any case', () => {
    expect(via('em.example.com')).toBeUndefined();
    expect(via('EM.Example.COM')).toBeUndefined();
    expect(via('em.example.org')).toBe(PROXY);
    expect(via('m.example.com')).toBe(PROXY);
  });

  it('exempts subdomains with .example.com, *.example.com and example.com', () => {
    for (const entry of ['.example.com', '*.example.com', 'example.com']) {
      expect(via(entry)).toBeUndefined();
      expect(via(entry, 'https://a.b.example.com/api/')).toBeUndefined();
      expect(via(entry, 'https://example.com/api/')).toBeUndefined();
    }
  });

  it('does not exempt a host that merely ends with the same letters', () => {
    expect(via('example.com', 'https://badexample.com/api/')).toBe(PROXY);
    expect(via('.example.com', 'https://badexample.com/api/')).toBe(PROXY);
    expect(via('example.com', 'https://em.badexample.com/api/')).toBe(PROXY);
    expect(via('ample.com')).toBe(PROXY);
  });

  it('honours the port of a host:port entry', () => {
    expect(via('em.example.com:9398')).toBeUndefined();
    expect(via('em.example.com:9399')).toBe(PROXY);
    expect(via('example.com:9398')).toBeUndefined();
    expect(via('em.example.com:443', 'https://em.example.com/api/')).toBeUndefined();
    expect(via('em.example.com:80', 'http://em.example.com/api/')).toBeUndefined();
    expect(via('em.example.com:443', 'http://em.example.com/api/')).toBe(PROXY);
  });

  it('matches IPv4 addresses exactly, never by suffix', () => {
    expect(via('127.0.0.1', 'https://127.0.0.1:9398/api/')).toBeUndefined();
    expect(via('127.0.0.1:9398', 'https://127.0.0.1:9398/api/')).toBeUndefined();
    expect(via('127.0.0.1:1', 'https://127.0.0.1:9398/api/')).toBe(PROXY);
    expect(via('0.0.1', 'https://10.0.0.1/api/')).toBe(PROXY);
    expect(via('.0.0.1', 'https://10.0.0.1/api/')).toBe(PROXY);
  });

  it('matches IPv6 addresses in brackets, with or without a port, and bare', () => {
    const loopback6 = 'https://[::1]:9398/api/';
    expect(via('[::1]', loopback6)).toBeUndefined();
    expect(via('[::1]:9398', loopback6)).toBeUndefined();
    expect(via('[::1]:9399', loopback6)).toBe(PROXY);
    expect(via('::1', loopback6)).toBeUndefined();
    expect(via('[::2]', loopback6)).toBe(PROXY);
    expect(via('[::1]', EM)).toBe(PROXY);
  });

  it('matches an IPv6 address however it is written, as curl compares addresses', () => {
    expect(via('0:0:0:0:0:0:0:1', 'https://[::1]:9398/api/')).toBeUndefined();
    expect(via('[0000::0001]:9398', 'https://[::1]:9398/api/')).toBeUndefined();
    expect(via('FD00:0:0:0:0:0:0:10', 'https://[fd00::10]:9398/api/')).toBeUndefined();
    expect(via('::ffff:127.0.0.1', 'https://[::ffff:7f00:1]/api/')).toBeUndefined();
    expect(via('0:0:0:0:0:0:0:2', 'https://[::1]:9398/api/')).toBe(PROXY);
    // An address with a zone is no URL's host: it exempts nothing, and is no error.
    expect(via('fe80::1%eth0', 'https://[fe80::1]:9398/api/')).toBe(PROXY);
    expect(via('localhost,[fe80::1%25eth0]:9398', 'https://localhost:9398/api/')).toBeUndefined();
  });

  it('exempts an IPv4 address inside a CIDR block, as curl 7.86 and later do', () => {
    const inside = 'https://10.1.2.3:9398/api/';
    expect(via('10.0.0.0/8', inside)).toBeUndefined();
    expect(via('other.org, 10.1.0.0/16', inside)).toBeUndefined();
    expect(via('10.1.2.3/32', inside)).toBeUndefined();
    expect(via('10.1.2.0/24', inside)).toBeUndefined();
    expect(via('10.200.0.0/8', inside)).toBeUndefined(); // host bits in the block are masked off
    expect(via('0.0.0.0/0', inside)).toBeUndefined();
    expect(via('10.1.3.0/24', inside)).toBe(PROXY);
    expect(via('192.168.0.0/16', inside)).toBe(PROXY);
    expect(via('10.0.0.0/8')).toBe(PROXY); // a host name is not in any block
  });

  it('exempts an IPv6 address (bracketed in the URL) inside a CIDR block, bare or bracketed', () => {
    const inside = 'https://[fd00:ab::7]:9398/api/';
    expect(via('fd00::/8', inside)).toBeUndefined();
    expect(via('[fd00::]/8', inside)).toBeUndefined();
    expect(via('FD00:AB::/32', inside)).toBeUndefined();
    expect(via('fd00:ab::7/128', inside)).toBeUndefined();
    expect(via('fd00:ac::/32', inside)).toBe(PROXY);
    expect(via('fe80::/10', inside)).toBe(PROXY);
  });

  it('matches a block only against an address of its own family', () => {
    expect(via('10.0.0.0/8', 'https://[::ffff:10.1.2.3]/api/')).toBe(PROXY);
    expect(via('::/0', 'https://10.1.2.3/api/')).toBe(PROXY);
  });

  it('ignores a CIDR entry that does not parse, as curl does', () => {
    const inside = 'https://10.1.2.3:9398/api/';
    for (const entry of ['10.0.0/8', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/x', '10.0.0.0/8x']) {
      expect(via(entry, inside)).toBe(PROXY);
      expect(via(`${entry}, 10.1.2.3`, inside)).toBeUndefined();
    }
    expect(via('fd00::/129', 'https://[fd00::1]/api/')).toBe(PROXY);
    expect(via('example.com/8', 'https://example.com/api/')).toBe(PROXY);
  });

  it('splits on commas and whitespace and ignores empty entries', () => {
    expect(via(' other.org ,, em.example.com ')).toBeUndefined();
    expect(via('other.org\tem.example.com')).toBeUndefined();
    expect(via('other.org\n  example.com')).toBeUndefined();
    expect(via('other.org,  ,another.net')).toBe(PROXY);
    expect(via('')).toBe(PROXY);
    expect(via(' , ')).toBe(PROXY);
  });
});
