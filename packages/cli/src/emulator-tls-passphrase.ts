import { UsageError } from './cli-error.js';
import { readPasswordFile } from './connection/password-source.js';

/** The variable that may hold the passphrase of `--tls-key`'s key, as for `vbem-emulator`. */
export const EMULATOR_TLS_PASSPHRASE_VARIABLE = 'VBEM_EMULATOR_TLS_PASSPHRASE';

/** The passphrase of an encrypted `--tls-key`, and where it came from, which a wrong one's message names. */
export interface TlsPassphrase {
  readonly passphrase: string;
  /** `--tls-passphrase-file`, or the variable. */
  readonly source: string;
}

/**
 * The passphrase of `vbem emulator --tls-key`'s key, as `vbem-emulator` takes it: the content of
 * `--tls-passphrase-file` (read as `--password-file` is: only its owner may read it, one line, a
 * byte order mark and one trailing line break removed), else VBEM_EMULATOR_TLS_PASSPHRASE,
 * else none. Never a flag's value, which `ps` would show to every user of the machine; never in a
 * message either. Without `--tls-key` the variable is let be (it may be exported for other runs).
 */
export async function emulatorTlsPassphrase(
  flags: { readonly tlsKey?: string | undefined; readonly tlsPassphraseFile?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Promise<TlsPassphrase | undefined> {
  const file = flags.tlsPassphraseFile;
  if (flags.tlsKey === undefined) {
    if (file !== undefined) throw new UsageError('--tls-passphrase-file needs --tls-key');
    return undefined;
  }
  if (file !== undefined) {
    const passphrase = await readPasswordFile(file, '--tls-passphrase-file', 'passphrase');
    return { passphrase, source: '--tls-passphrase-file' };
  }
  const passphrase = env[EMULATOR_TLS_PASSPHRASE_VARIABLE];
  if (passphrase === undefined) return undefined;
  if (passphrase === '') {
    throw new UsageError(
      `${EMULATOR_TLS_PASSPHRASE_VARIABLE} is set but empty`,
      "set the key's passphrase, or unset it for an unencrypted key",
    );
  }
  return { passphrase, source: EMULATOR_TLS_PASSPHRASE_VARIABLE };
}
