import { UsageError } from './cli-error.js';
import { readPasswordFile } from './connection/password-source.js';

/** The variable that may hold the emulator account's password, as for `vbem-emulator`. */
export const EMULATOR_PASSWORD_VARIABLE = 'VBEM_EMULATOR_PASSWORD';

/** The password `vbem emulator` serves its account with, and where it came from. */
export interface EmulatorPassword {
  readonly password: string;
  /** `--password-file`, or the variable. */
  readonly source: string;
}

/**
 * The account's password: the content of `--password-file` (read as every command's
 * `--password-file` is: only its owner may read it, one line, a byte order mark and one trailing
 * line break removed), else VBEM_EMULATOR_PASSWORD, else none (the default account's). Never a
 * flag's value, which `ps` would show to every user of the machine; never in a message either.
 */
export async function emulatorPassword(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<EmulatorPassword | undefined> {
  if (file !== undefined) {
    return { password: await readPasswordFile(file, '--password-file'), source: '--password-file' };
  }
  const given = env[EMULATOR_PASSWORD_VARIABLE];
  if (given === undefined) return undefined;
  if (given === '') {
    throw new UsageError(
      `${EMULATOR_PASSWORD_VARIABLE} is set but empty`,
      'set a password in it, or unset it for the default one',
    );
  }
  return { password: given, source: EMULATOR_PASSWORD_VARIABLE };
}
