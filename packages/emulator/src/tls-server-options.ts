import type { TlsOptions } from 'node:tls';
import type { TlsOption } from './tls-option.js';

// A record, so that the compiler says when a key is added to TlsOption and not here.
export const TLS_SETTING_KEYS = Object.keys({
  passphrase: true,
  minVersion: true,
  maxVersion: true,
  ciphers: true,
  ecdhCurve: true,
  sigalgs: true,
  honorCipherOrder: true,
} satisfies Record<Exclude<keyof TlsOption, 'key' | 'cert'>, true>) as readonly (keyof TlsOption)[];

/** The options of the HTTPS server: the key and certificate as node:tls takes them, and the TLS settings given. */
export function tlsServerOptions(tls: TlsOption): TlsOptions {
  const options: Record<string, unknown> = { key: pemOf(tls.key), cert: pemOf(tls.cert) };
  for (const name of TLS_SETTING_KEYS) if (tls[name] !== undefined) options[name] = tls[name];
  return options as TlsOptions;
}

/** PEM as node:tls takes it. */
const pemOf = (value: string | Uint8Array): string | Buffer =>
  typeof value === 'string' ? value : Buffer.from(value);
