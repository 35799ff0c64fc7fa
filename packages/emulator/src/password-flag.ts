import { DEFAULT_USER } from './emulator-options.js';
import { readPassphraseFile } from './passphrase-file.js';

/** The variable that may hold the account's password. */
export const PASSWORD_VARIABLE = 'VBEM_EMULATOR_PASSWORD';

/** What `vbem-emulator` says when `--password` is given: it works, but others can see it. */
export const PASSWORD_FLAG_WARNING = `vbem-emulator: warning: --password is visible to other users of this machine (ps, /proc) and stays in shell history; use --password-file FILE (chmod 600) or ${PASSWORD_VARIABLE} instead`;

/** The account's password, and whether it is the default one (which alone may be printed). */
export interface AccountPassword {
  readonly password: string;
  readonly isDefault: boolean;
}

/**
 * The account's password: the content of `--password-file` (read as `--tls-passphrase-file` is:
 * only its owner may read it, one line, a byte order mark and one trailing line break removed),
 * else `--password` (kept for compatibility; the caller warns of it), else VBEM_EMULATOR_PASSWORD,
 * else the default account's. Empty ones are refused: an account anyone could guess.
 */
export function accountPasswordOf(
  flags: { readonly password?: string | undefined; readonly passwordFile?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): AccountPassword {
  if (flags.password !== undefined && flags.passwordFile !== undefined)
    throw new Error('--password and --password-file: give one of them');
  if (flags.passwordFile !== undefined)
    return {
      password: readPassphraseFile('--password-file', flags.passwordFile, 'password'),
      isDefault: false,
    };
  if (flags.password === '') throw new Error('--password must not be empty');
  const fromEnvironment = env[PASSWORD_VARIABLE];
  if (flags.password === undefined && fromEnvironment === '')
    throw new Error(
      `${PASSWORD_VARIABLE} is set but empty; set a password, or unset it for the default one`,
    );
  const password = flags.password ?? fromEnvironment;
  return password === undefined
    ? { password: DEFAULT_USER.password, isDefault: true }
    : { password, isDefault: false };
}
