import { X509Certificate } from 'node:crypto';
import { ClientOptionsError } from './errors/client-options-error.js';

const PEM_CERTIFICATE =
  /-----BEGIN (?:TRUSTED )?CERTIFICATE-----[\s\S]*?-----END (?:TRUSTED )?CERTIFICATE-----/g;

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/**
 * Checks `tls.ca` at createClient: PEM text or bytes, or an array of them, each holding at least
 * one certificate that parses. Without this a wrong value surfaced only at the first request, as
 * a TLS error about EM's certificate, or as a raw TypeError.
 */
export function checkCaOption(ca: unknown): void {
  if (ca === undefined) return;
  const list: readonly unknown[] = Array.isArray(ca) ? ca : [ca];
  if (list.length === 0) {
    throw new ClientOptionsError('tls.ca is an empty array; give at least one PEM certificate');
  }
  list.forEach((entry, index) => {
    const name = Array.isArray(ca) ? `tls.ca[${index}]` : 'tls.ca';
    if (typeof entry !== 'string' && !isBytes(entry)) {
      throw new ClientOptionsError(
        `${name} must be PEM text (a string) or its bytes (a Buffer or Uint8Array), got ${describe(entry)}`,
      );
    }
    const text = typeof entry === 'string' ? entry : new TextDecoder().decode(entry);
    const blocks = text.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) {
      throw new ClientOptionsError(
        `${name} holds no PEM certificate (a block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----)`,
      );
    }
    blocks.forEach((block, at) => {
      // OpenSSL's TRUSTED CERTIFICATE carries trust settings after the certificate: left to TLS.
      if (block.startsWith('-----BEGIN TRUSTED')) return;
      try {
        new X509Certificate(block);
      } catch {
        throw new ClientOptionsError(
          `${name}: certificate ${at + 1} of ${blocks.length} is not a valid X.509 certificate`,
        );
      }
    });
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
