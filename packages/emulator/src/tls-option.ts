import { createSecureContext } from 'node:tls';
import { shownValue } from '@vbem/model';
import { EmulatorOptionsError } from './emulator-options-error.js';
import { TLS_SETTING_KEYS, tlsServerOptions } from './tls-server-options.js';
import { isOptionsBag } from './unknown-key.js';

/** A TLS protocol version, as node:tls names it (spelled out: published types need no @types/node). */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface TlsOption {
  readonly key: string | Uint8Array;
  readonly cert: string | Uint8Array;
  /** Decrypts an encrypted `key`; never shown in an error. */
  readonly passphrase?: string | undefined;
  readonly minVersion?: TlsVersion | undefined;
  readonly maxVersion?: TlsVersion | undefined;
  /** OpenSSL cipher list, as `tls.createSecureContext` takes it. */
  readonly ciphers?: string | undefined;
  readonly ecdhCurve?: string | undefined;
  readonly sigalgs?: string | undefined;
  readonly honorCipherOrder?: boolean | undefined;
}

// OpenSSL's own reason ("error:0480006C:PEM routines::no start line") names no input; anything
// else is not shown, as it could carry the key.
const OPENSSL_REASON = /^error:[0-9A-F]+:[\w ]+:[\w ]*:[\w ,.'-]+$/;
const VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
/** OpenSSL lists, checked one by one so that a bad one is named; not secret, so shown. */
const LISTS = ['ciphers', 'ecdhCurve', 'sigalgs'] as const;
/**
 * Node's other TLS server options: refused rather than ignored, as a caller giving one expects it
 * to act. Keys Node does not know (a pair's fingerprint) are let be.
 */
const NOT_PASSED_ON: readonly string[] = [
  'pfx',
  'ca',
  'crl',
  'dhparam',
  'secureOptions',
  'secureProtocol',
  'sessionIdContext',
  'ticketKeys',
  'sessionTimeout',
  'privateKeyEngine',
  'privateKeyIdentifier',
  'clientCertEngine',
  'allowPartialTrustChain',
  'requestCert',
  'rejectUnauthorized',
  'handshakeTimeout',
  'ALPNProtocols',
  'ALPNCallback',
  'SNICallback',
  'enableTrace',
  'pskCallback',
  'pskIdentityHint',
];

const isPem = (value: unknown): value is string | Uint8Array =>
  (typeof value === 'string' || value instanceof Uint8Array) && value.length > 0;

/**
 * Checks the `tls` option the way the HTTPS server would use it, so that a bad key, certificate
 * or TLS setting is an EmulatorOptionsError before anything listens. Never shows the key material
 * or the passphrase. Other keys are let be: a generated pair often carries its fingerprint or CA
 * alongside.
 */
export function checkTlsOption(tls: unknown): asserts tls is TlsOption {
  if (!isOptionsBag(tls))
    throw new EmulatorOptionsError(
      'tls',
      `must be { key, cert } with PEM text, got ${typeof tls === 'string' ? 'a string' : shownValue(tls)}`,
    );
  const option = tls as Record<string, unknown>;
  for (const field of ['key', 'cert'] as const)
    if (!isPem(option[field]))
      throw new EmulatorOptionsError(
        `tls.${field}`,
        'must be PEM text, as a non-empty string or Uint8Array',
      );
  const given = (name: string) => Object.hasOwn(option, name) && option[name] !== undefined;
  const notPassedOn = NOT_PASSED_ON.find(given);
  if (notPassedOn !== undefined)
    throw new EmulatorOptionsError(
      `tls.${notPassedOn}`,
      `is a Node TLS option the emulator does not pass on (it passes key, cert, ${TLS_SETTING_KEYS.join(', ')})`,
    );
  const { passphrase, minVersion, maxVersion, honorCipherOrder } = option;
  if (passphrase !== undefined && typeof passphrase !== 'string')
    throw new EmulatorOptionsError(
      'tls.passphrase',
      `must be a string, got ${typeName(passphrase)}`,
    );
  for (const [name, version] of [
    ['minVersion', minVersion],
    ['maxVersion', maxVersion],
  ] as const)
    if (version !== undefined && !VERSIONS.includes(version as TlsVersion))
      throw new EmulatorOptionsError(
        `tls.${name}`,
        `must be one of ${VERSIONS.join(', ')}, got ${shownValue(version)}`,
      );
  if (
    minVersion !== undefined &&
    maxVersion !== undefined &&
    VERSIONS.indexOf(minVersion as TlsVersion) > VERSIONS.indexOf(maxVersion as TlsVersion)
  )
    throw new EmulatorOptionsError(
      'tls.minVersion',
      `must not be above tls.maxVersion (${String(maxVersion)}), got ${String(minVersion)}: no client could connect`,
    );
  if (honorCipherOrder !== undefined && typeof honorCipherOrder !== 'boolean')
    throw new EmulatorOptionsError(
      'tls.honorCipherOrder',
      `must be true or false, got ${shownValue(honorCipherOrder)}`,
    );
  for (const name of LISTS) {
    const value = option[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '')
      throw new EmulatorOptionsError(
        `tls.${name}`,
        `must be a non-empty string, got ${shownValue(value)}`,
      );
    try {
      createSecureContext({ [name]: value });
    } catch (error) {
      throw new EmulatorOptionsError(
        `tls.${name}`,
        `is not usable by OpenSSL: ${(error as Error).message}, got ${shownValue(value)}`,
      );
    }
  }
  try {
    createSecureContext(tlsServerOptions(tls as TlsOption));
  } catch (error) {
    const reason = (error as Error).message;
    // A wrong passphrase now and then (about 1 in 256) decrypts to bytes that pass the padding
    // check, and the key's decoder then fails: the same mistake, said as OpenSSL usually says it.
    const undecrypted =
      /bad decrypt/.test(reason) || (isEncryptedPem(option.key) && /DECODER routines/.test(reason));
    const shown = undecrypted
      ? 'bad decrypt'
      : OPENSSL_REASON.test(reason) &&
          !(typeof passphrase === 'string' && reason.includes(passphrase))
        ? reason
        : 'OpenSSL refused it';
    const hint = undecrypted
      ? passphrase === undefined
        ? ' (an encrypted key needs tls.passphrase)'
        : ' (is tls.passphrase right?)'
      : '';
    throw new EmulatorOptionsError(
      'tls',
      `is not a usable PEM key and certificate pair: ${shown}${hint}`,
    );
  }
}

/** Whether PEM key text is encrypted: PKCS#8's `ENCRYPTED PRIVATE KEY`, or a traditional key's `Proc-Type: 4,ENCRYPTED`. */
function isEncryptedPem(key: unknown): boolean {
  const text =
    typeof key === 'string'
      ? key
      : key instanceof Uint8Array
        ? Buffer.from(key).toString('latin1')
        : '';
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: *4, *ENCRYPTED/.test(text);
}

/** What a value is, without the value: for a passphrase, which is a secret whatever its type. */
const typeName = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;
