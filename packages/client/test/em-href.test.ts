import { ClientOptionsError } from '@vbem/client';
import { describe, expect, it } from 'vitest';
import { emUrlOf } from '../src/em-href.js';

const apiBase = new URL('https://em.example.com:9398/api/');

describe('emUrlOf', () => {
  it('keeps hrefs on the EM origin and resolves relative ones below the API base', () => {
    expect(emUrlOf('https://em.example.com:9398/api/jobs?format=Entity', apiBase)).toBe(
      'https://em.example.com:9398/api/jobs?format=Entity',
    );
    expect(emUrlOf('backupSessions/1?format=Entity', apiBase)).toBe(
      'https://em.example.com:9398/api/backupSessions/1?format=Entity',
    );
    expect(emUrlOf('/api/jobs', apiBase)).toBe('https://em.example.com:9398/api/jobs');
  });

  it("sends hrefs naming EM's other host names (NAT, its own FQDN) to the client's origin", () => {
    expect(emUrlOf('https://em-internal.corp.local:9398/api/jobs?format=Entity', apiBase)).toBe(
      'https://em.example.com:9398/api/jobs?format=Entity',
    );
    expect(emUrlOf('http://EM01:9399/api/backupSessions/1', apiBase)).toBe(
      'https://em.example.com:9398/api/backupSessions/1',
    );
    expect(emUrlOf('https://u:p@em.example.com:9398/api/jobs', apiBase)).toBe(
      'https://em.example.com:9398/api/jobs',
    );
  });

  it("keeps the API base's path prefix (EM behind a reverse proxy) on EM's own /api/ hrefs", () => {
    const proxied = new URL('https://proxy.example.com/em/api/');
    expect(emUrlOf('https://em-internal:9398/api/query?type=Job&page=2', proxied)).toBe(
      'https://proxy.example.com/em/api/query?type=Job&page=2',
    );
    expect(emUrlOf('https://proxy.example.com/api/logonSessions/1', proxied)).toBe(
      'https://proxy.example.com/em/api/logonSessions/1',
    );
    expect(emUrlOf('/API/jobs', proxied)).toBe('https://proxy.example.com/em/API/jobs');
    // Already below the prefix (a proxy that rewrites hrefs), or relative: as they are.
    expect(emUrlOf('https://proxy.example.com/em/api/jobs', proxied)).toBe(
      'https://proxy.example.com/em/api/jobs',
    );
    expect(emUrlOf('jobs/1', proxied)).toBe('https://proxy.example.com/em/api/jobs/1');
    expect(emUrlOf('/apix/jobs', proxied)).toBe('https://proxy.example.com/apix/jobs');
  });

  it('never lets a path or a protocol-relative href change the host or the port', () => {
    for (const href of [
      'http://em-internal//evil.example/api/jobs',
      '//evil.example/api/jobs',
      '/\\evil.example/api/jobs',
      'https://evil.example:1/api/jobs',
    ]) {
      expect(new URL(emUrlOf(href, apiBase)).origin, href).toBe('https://em.example.com:9398');
    }
  });

  it('refuses any scheme but http and https with a ClientOptionsError naming the href', () => {
    for (const href of [
      'x:1/api/jobs',
      'x:.evil.com/api/jobs',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      const error = (() => {
        try {
          return emUrlOf(href, apiBase);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error, href).toBeInstanceOf(ClientOptionsError);
      expect((error as Error).message, href).toContain(JSON.stringify(href));
    }
  });

  it('does not repeat credentials of a refused href', () => {
    expect(() => emUrlOf('ftp://reader:s3cret@em.example.com/api/jobs', apiBase)).toThrow(
      /"ftp:\/\/em\.example\.com\/api\/jobs" has the scheme ftp:/,
    );
  });
});
