import { describe, expect, it } from 'vitest';
import { withoutLocalPaths } from '../src/without-local-paths.js';

describe('withoutLocalPaths', () => {
  it('takes out a path where the message names it, by its name', () => {
    const paths = [{ path: '/tmp/x y/pw', name: 'the password file' }];
    expect(
      withoutLocalPaths(
        'password file /tmp/x y/pw (passwordFile of profile echo) does not exist',
        paths,
      ),
    ).toBe('password file (passwordFile of profile echo) does not exist');
    expect(
      withoutLocalPaths('/etc/vbem.json: profiles.b.timeout: bad', [
        { path: '/etc/vbem.json', name: 'the config file' },
      ]),
    ).toBe('the config file: profiles.b.timeout: bad');
  });

  it('leaves the words around a short relative path as they are', () => {
    expect(
      withoutLocalPaths(
        'password file e (--password-file) can be read or changed by group or others: chmod 600 e',
        [{ path: 'e', name: 'the password file' }],
      ),
    ).toBe(
      'password file (--password-file) can be read or changed by group or others: chmod 600 the password file',
    );
  });

  it('takes a path with characters special in a regular expression as written', () => {
    expect(
      withoutLocalPaths('file ./a+b(1)$.pem does not exist', [
        { path: './a+b(1)$.pem', name: 'the certificate file' },
      ]),
    ).toBe('file does not exist');
  });
});
