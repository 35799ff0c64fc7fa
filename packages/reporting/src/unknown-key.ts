import { shownValue } from '@vbem/model';
import { likelyMeant } from './likely-meant.js';

/** A key as a message shows it: quoted (and cut) when it is not a short plain name. */
const shownKey = (key: string): string =>
  /^[A-Za-z_$][\w$]{0,79}$/.test(key) ? key : shownValue(key);

/**
 * The first own key of `bag` not in `known`, in words for an error message: `${path}${key} is not
 * ${what}`, then the known key it likely misspells (`did you mean timeZone?`), else the known keys
 * under `listName`. Undefined when every key is known. A key given as undefined counts too: a
 * misspelled key is a typo whatever its value.
 */
export function unknownKeyProblem(
  bag: object,
  known: readonly string[],
  what: string,
  listName: string,
  path = '',
): string | undefined {
  const key = Object.keys(bag).find((each) => !known.includes(each));
  if (key === undefined) return undefined;
  const meant = likelyMeant(key, known);
  const hint =
    meant === undefined ? ` (${listName}: ${known.join(', ')})` : `; did you mean ${path}${meant}?`;
  return `${path}${shownKey(key)} is not ${what}${hint}`;
}
