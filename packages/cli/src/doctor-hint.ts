import type { Target } from './connection/target.js';
import type { ProfilePlace } from './pin-advice.js';
import { shellWord } from './shell-word.js';

/** What the doctor of one EM is named by: its profile, else its URL and username, or the demo. */
export type DoctorOf = Pick<Target, 'options' | 'profile' | 'demo' | 'doctorFlags'>;

/**
 * The words after `vbem doctor` that check the EM `em`, with only options the doctor takes (a
 * command's --time-limit or --rpo it refuses): `--profile NAME` (and `--config FILE` when the run
 * named one), else `--url URL --username NAME` (never a password), or `--demo`; then the run's
 * flags that reach it (`--ca FILE`, `--password-file FILE`, `--timeout 5s`…).
 */
function doctorWords(em: DoctorOf): string[] {
  if (em.demo) return ['--demo', ...(em.doctorFlags ?? [])];
  const named =
    em.profile !== undefined
      ? profileWords(em.profile.name, em.profile)
      : ['--url', String(em.options.url), '--username', em.options.username];
  return [...named, ...(em.doctorFlags ?? [])];
}

const profileWords = (name: string, place?: ProfilePlace): string[] =>
  place?.fromConfigFlag ? ['--profile', name, '--config', place.configFile] : ['--profile', name];

/**
 * `vbem doctor` and `words` as a command to copy and paste: in quotes of the sentence's when no
 * word needs quoting for a POSIX shell (`'vbem doctor --profile prod'`), else bare, each word
 * quoted where it needs it (`shellWord`), so that the two kinds of quotes do not nest.
 */
function doctorCommandText(words: readonly string[]): string {
  const quoted = words.map(shellWord);
  const command = ['vbem doctor', ...quoted].join(' ');
  return quoted.every((word, index) => word === words[index]) ? `'${command}'` : command;
}

/** `run 'vbem doctor …'` for the EM `em`, and `tail`. */
export function doctorHintOf(em: DoctorOf, tail = ''): string {
  return `run ${doctorCommandText(doctorWords(em))}${tail}`;
}

/**
 * `run 'vbem doctor --profile NAME'` and `tail`, the profile quoted for a POSIX shell where it
 * needs it (`shellWord`): then the command is not in quotes of the sentence's, which would nest
 * with its own (`run vbem doctor --profile 'my prod'`), so that it can be copied as it is. With
 * `place` from --config, the command names that file too.
 */
export function doctorProfileHint(profile: string, tail = '', place?: ProfilePlace): string {
  return `run ${doctorCommandText(profileWords(profile, place))}${tail}`;
}

/**
 * `'vbem doctor --all'`, with `--config FILE` when `place`'s file came from --config, then the
 * run's `flags` that reach the doctor (`doctorFlagsOf`: `--timeout 5s`, `--insecure`…).
 */
export function doctorAllCommand(place?: ProfilePlace, flags: readonly string[] = []): string {
  return doctorCommandText([
    ...(place?.fromConfigFlag ? ['--all', '--config', place.configFile] : ['--all']),
    ...flags,
  ]);
}
