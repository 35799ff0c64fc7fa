import { describe, expect, it } from 'vitest';
import { needsOwnDispatcher } from '../src/transport/create-dispatcher.js';

const apiBase = 'https://em.example.com:9398/api/';

describe('needsOwnDispatcher', () => {
  it("rides Node's fetch only when nothing about TLS or proxies is asked", () => {
    expect(needsOwnDispatcher({ apiBase, tls: {}, proxy: undefined }, {})).toBe(false);
    expect(
      needsOwnDispatcher({ apiBase, tls: {}, proxy: false }, { HTTPS_PROXY: 'http://p:3128' }),
    ).toBe(false);
  });

  it('needs its own for a CA, a pin, verification off, a proxy option or a proxy from the environment', () => {
    expect(needsOwnDispatcher({ apiBase, tls: { ca: 'PEM' }, proxy: undefined }, {})).toBe(true);
    expect(
      needsOwnDispatcher(
        { apiBase, tls: { fingerprint256: 'AB'.repeat(32) }, proxy: undefined },
        {},
      ),
    ).toBe(true);
    expect(
      needsOwnDispatcher({ apiBase, tls: { rejectUnauthorized: false }, proxy: undefined }, {}),
    ).toBe(true);
    expect(needsOwnDispatcher({ apiBase, tls: {}, proxy: 'http://p:3128' }, {})).toBe(true);
    expect(
      needsOwnDispatcher({ apiBase, tls: {}, proxy: undefined }, { HTTPS_PROXY: 'http://p:3128' }),
    ).toBe(true);
    expect(
      needsOwnDispatcher(
        { apiBase, tls: {}, proxy: undefined },
        { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'example.com' },
      ),
    ).toBe(false);
  });
});
