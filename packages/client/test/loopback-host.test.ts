import { describe, expect, it } from 'vitest';
import { plainHttpWarning } from '../src/index.js';
import { isLoopbackHost } from '../src/loopback-host.js';

describe('plain http', () => {
  it('loopback is 127.0.0.0/8, ::1 and localhost, however the URL writes them', () => {
    for (const url of [
      'http://127.0.0.1:9399',
      'http://127.255.255.254/',
      'http://127.1:9399',
      'http://0x7f000001/',
      'http://[::1]:9399',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://LOCALHOST:9399',
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
    }
    for (const url of [
      'http://128.0.0.1/',
      'http://10.0.0.5/',
      'http://[::2]/',
      'http://em.example.com/',
      'http://localhost.example.com/',
      'http://127.0.0.1.example.com/',
      'http://0.0.0.0/',
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(false);
    }
  });

  it('warns for http to another machine only', () => {
    expect(plainHttpWarning('http://em.example.com:9398')).toBe(
      'http://em.example.com:9398 is plain http, without TLS: anyone on the network path can read the password, the session token and the data; use https (EM serves it on port 9398)',
    );
    expect(plainHttpWarning('https://em.example.com:9398')).toBeUndefined();
    expect(plainHttpWarning('http://127.0.0.1:9399')).toBeUndefined();
  });
});
