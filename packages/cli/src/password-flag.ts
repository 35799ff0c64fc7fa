/** Why `--password` is refused, and what to use instead: said the same way by every command. */
export const PASSWORD_FLAG_REFUSED =
  '--password is not accepted: a password on the command line is visible to every user of the machine (ps, /proc) and stays in shell history';
export const PASSWORD_ALTERNATIVES =
  'use --password-file FILE (chmod 600) or --password-stdin, let vbem prompt for it, or read -rs VBEM_PASSWORD; export VBEM_PASSWORD (typed without echo, kept out of the shell history)';
/** What `vbem emulator` takes instead: the password of the account it serves. */
export const EMULATOR_PASSWORD_ALTERNATIVES =
  "give the emulator account's password with --password-file FILE (chmod 600) or in VBEM_EMULATOR_PASSWORD (read -rs VBEM_EMULATOR_PASSWORD; export VBEM_EMULATOR_PASSWORD)";
