import type { ConnectionFlags } from './connection/connection-flags.js';

/**
 * The flags of a run, beyond those that name its EM, that `vbem doctor` takes and needs to reach
 * that EM as the run did: a --profile's URL and username given over its own, the TLS settings,
 * password file, timeout and media type (`--ca FILE`, `--password-file FILE`, …). Never a password; `--password-stdin` is left out, as the doctor run
 * from a hint has no password on its stdin.
 */
export function doctorFlagsOf(flags: ConnectionFlags): string[] {
  const words: string[] = [];
  // With --profile, the URL and username given over the profile's (without, they name the EM).
  if (flags.profile !== undefined && flags.url !== undefined) words.push('--url', flags.url);
  if (flags.profile !== undefined && flags.username !== undefined)
    words.push('--username', flags.username);
  if (flags.ca !== undefined) words.push('--ca', flags.ca);
  if (flags.fingerprint !== undefined) words.push('--fingerprint', flags.fingerprint);
  if (flags.insecure) words.push('--insecure');
  if (flags.passwordFile !== undefined) words.push('--password-file', flags.passwordFile);
  if (flags.timeout !== undefined) words.push('--timeout', flags.timeout);
  if (flags.maxResponseSize !== undefined) words.push('--max-response-size', flags.maxResponseSize);
  if (flags.apiFormat !== undefined) words.push('--api-format', flags.apiFormat);
  return words;
}
