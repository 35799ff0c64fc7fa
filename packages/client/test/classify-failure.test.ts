import { describe, expect, it } from 'vitest';
import { NetworkError } from '../src/errors/network-error.js';
import { TlsError } from '../src/errors/tls-error.js';
import { classifyFailure } from '../src/transport/classify-failure.js';
import { isTlsFailureCode } from '../src/transport/tls-failure-code.js';

const request = { method: 'GET', url: 'https://em1:9398/api/' } as const;

/** What a fetch that failed with a cause of this `code` becomes. */
const failureWithCode = (code: string) =>
  classifyFailure(
    new TypeError('fetch failed', { cause: Object.assign(new Error('it failed'), { code }) }),
    undefined,
    request,
    30_000,
  );

describe('classifyFailure', () => {
  it("keeps the innermost cause's message when no error in the chain has a code", () => {
    const error = classifyFailure(
      new TypeError('fetch failed', { cause: new Error('bad port') }),
      undefined,
      request,
      30_000,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe('GET https://em1:9398/api/ failed: bad port');
  });

  it("turns OpenSSL's multi-line message into its reason, on one line", () => {
    const openssl = Object.assign(
      new Error(
        '806CD086C47F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n',
      ),
      { code: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    );
    const error = classifyFailure(
      new TypeError('fetch failed', { cause: openssl }),
      undefined,
      request,
      30_000,
    );
    expect(error).toBeInstanceOf(TlsError);
    expect(error.message).toMatch(
      /^TLS to em1:9398 failed: wrong version number \(ERR_SSL_WRONG_VERSION_NUMBER\)\. /,
    );
    expect(error.message).not.toContain('\n');
  });

  it.each([
    'INVALID_CA',
    'HOSTNAME_MISMATCH',
    'CERT_CHAIN_TOO_LONG',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_FINGERPRINT_MISMATCH',
  ])('%s is a TLS failure, not retried', (code) => {
    const error = failureWithCode(code);
    expect(error).toBeInstanceOf(TlsError);
    expect(error.retryable).toBe(false);
    expect(isTlsFailureCode(code)).toBe(true);
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET'])('%s is a network failure', (code) => {
    expect(failureWithCode(code)).toBeInstanceOf(NetworkError);
    expect(isTlsFailureCode(code)).toBe(false);
  });
});
