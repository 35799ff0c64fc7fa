import { createSecureContext } from 'node:tls';
import { shownValue } from '@vbem/model';
import { EmulatorOptionsError } from './emulator-options-error.js';
import { isOptionsBag } from './unknown-key.js';

export interface TlsOption {
  readonly key: string | Uint8Array;
  readonly cert: string | Uint8Array;
}

// OpenSSL's own reason ("error:0480006C:PEM routines::no start line") names no input; anything
// else is not shown, as it could carry the key.
const OPENSSL_REASON = /^error:[0-9A-F]+:[\w ]+:[\w ]*:[\w ,.'-]+$/;

const isPem = (value: unknown): value is string | Uint8Array =>
  (typeof value === 'string' || value instanceof Uint8Array) && value.length > 0;

/**
 * Checks the `tls` option the way the HTTPS server would use it, so that a bad key or
 * certificate is an EmulatorOptionsError before anything listens. Never shows the key material.
 * Other keys are let be: a generated pair often carries its fingerprint or CA alongside.
 */
export function checkTlsOption(tls: unknown): asserts tls is TlsOption {
  if (!isOptionsBag(tls))
    throw new EmulatorOptionsError(
      'tls',
      `must be { key, cert } with PEM text, got ${typeof tls === 'string' ? 'a string' : shownValue(tls)}`,
    );
  const { key, cert } = tls as Record<string, unknown>;
  for (const [field, value] of [
    ['key', key],
    ['cert', cert],
  ] as const)
    if (!isPem(value))
      throw new EmulatorOptionsError(
        `tls.${field}`,
        'must be PEM text, as a non-empty string or Uint8Array',
      );
  try {
    createSecureContext({
      key: pemOf(key as TlsOption['key']),
      cert: pemOf(cert as TlsOption['cert']),
    });
  } catch (error) {
    const reason = (error as Error).message;
    throw new EmulatorOptionsError(
      'tls',
      `is not a usable PEM key and certificate pair: ${OPENSSL_REASON.test(reason) ? reason : 'OpenSSL refused it'}`,
    );
  }
}

/** PEM as node:tls takes it. */
export const pemOf = (value: string | Uint8Array): string | Buffer =>
  typeof value === 'string' ? value : Buffer.from(value);
