import { readPassphraseFile } from './passphrase-file.js';

/** The variable that may hold the passphrase of `--tls-key`'s key. */
export const TLS_PASSPHRASE_VARIABLE = 'VBEM_EMULATOR_TLS_PASSPHRASE';

/** A passphrase given to `vbem-emulator`, and where from, which a wrong one's hint names. */
export interface TlsPassphrase {
  readonly passphrase: string;
  /** `--tls-passphrase-file`, or the variable. */
  readonly source: string;
}

/**
 * The passphrase of `--tls-key`'s key: the content of `--tls-passphrase-file` (read as the cli
 * reads a `--password-file`: see passphrase-file.ts), else `VBEM_EMULATOR_TLS_PASSPHRASE`, else
 * none. Never a flag's value, which `ps` would show to every user of the machine; never shown in
 * an error either.
 */
export function tlsPassphraseOf(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): TlsPassphrase | undefined {
  if (file !== undefined) {
    const passphrase = readPassphraseFile('--tls-passphrase-file', file);
    return { passphrase, source: '--tls-passphrase-file' };
  }
  const passphrase = env[TLS_PASSPHRASE_VARIABLE];
  if (passphrase === undefined) return undefined;
  if (passphrase === '')
    throw new Error(
      `${TLS_PASSPHRASE_VARIABLE} is set but empty; set the key's passphrase, or unset it for an unencrypted key`,
    );
  return { passphrase, source: TLS_PASSPHRASE_VARIABLE };
}
