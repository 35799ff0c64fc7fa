import { shellWord } from './shell-word.js';

/**
 * `run 'vbem doctor --profile NAME'` and `tail`, the profile quoted for a POSIX shell where it
 * needs it (`shellWord`): then the command is not in quotes of the sentence's, which would nest
 * with its own (`run vbem doctor --profile 'my prod'`), so that it can be copied as it is.
 */
export function doctorProfileHint(profile: string, tail = ''): string {
  const word = shellWord(profile);
  const command = `vbem doctor --profile ${word}`;
  return `run ${word === profile ? `'${command}'` : command}${tail}`;
}
