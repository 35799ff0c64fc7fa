import { describe, expect, it } from 'vitest';
import { chosenProxy } from '../src/transport/chosen-proxy.js';
import { needsOwnDispatcher } from '../src/transport/create-dispatcher.js';

const apiBase = 'https://em.example.com:9398/api/';

/** As the client decides it: the proxy chosen once, from the option or the environment. */
const needsOwn = (
  tls: Parameters<typeof needsOwnDispatcher>[0],
  proxy: string | false | undefined,
  env: Record<string, string>,
) => needsOwnDispatcher(tls, chosenProxy(apiBase, proxy, env));

describe('needsOwnDispatcher', () => {
  it("rides Node's fetch only when nothing about TLS or proxies is asked", () => {
    expect(needsOwn({}, undefined, {})).toBe(false);
    expect(needsOwn({}, false, { HTTPS_PROXY: 'http://p:3128' })).toBe(false);
  });

  it('needs its own for a CA, a pin, verification off, a proxy option or a proxy from the environment', () => {
    expect(needsOwn({ ca: 'PEM' }, undefined, {})).toBe(true);
    expect(needsOwn({ fingerprint256: 'AB'.repeat(32) }, undefined, {})).toBe(true);
    expect(needsOwn({ rejectUnauthorized: false }, undefined, {})).toBe(true);
    expect(needsOwn({}, 'http://p:3128', {})).toBe(true);
    expect(needsOwn({}, undefined, { HTTPS_PROXY: 'http://p:3128' })).toBe(true);
    expect(needsOwn({}, undefined, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'example.com' })).toBe(
      false,
    );
  });
});
