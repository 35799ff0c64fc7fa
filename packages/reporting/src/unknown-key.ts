import { shownValue } from '@vbem/model';
import { likelyMeant } from './likely-meant.js';

/** What a key is meant to be, as a message says it of one key and of several: `an option`, `options`. */
export interface KeyKind {
  readonly one: string;
  readonly many: string;
}

/** The unknown keys a message names: an object passed by mistake may have thousands. */
const MOST_NAMED = 10;

/** A key as a message shows it: quoted (and cut) when it is not a short plain name. */
const shownKey = (key: string): string =>
  /^[A-Za-z_$][\w$]{0,79}$/.test(key) ? key : shownValue(key);

/** `a`, `a and b`, `a, b and c`. */
const inWords = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * The own keys of `bag` not in `known`, in words for an error message, undefined when every key
 * is known. One key: `${path}${key} is not ${kind.one}`, then the known key it likely misspells
 * (`; did you mean timeZone?`). Several: each with the key it likely misspells (`timezone (did
 * you mean timeZone?) and foo are not options`), the first ten of them. When a key named has no
 * likely known key, or some are not named, the known keys follow under `listName`. A key given
 * as undefined counts too: a misspelled key is a typo whatever its value.
 */
export function unknownKeyProblem(
  bag: object,
  known: readonly string[],
  kind: KeyKind,
  listName: string,
  path = '',
): string | undefined {
  const unknown = Object.keys(bag).filter((key) => !known.includes(key));
  const named = unknown.slice(0, MOST_NAMED).map((key) => ({
    key: `${path}${shownKey(key)}`,
    meant: likelyMeant(key, known),
  }));
  const [first] = named;
  if (first === undefined) return undefined;
  const unnamed = unknown.length - named.length;
  const list =
    unnamed > 0 || named.some(({ meant }) => meant === undefined)
      ? ` (${listName}: ${known.join(', ')})`
      : '';
  if (named.length === 1) {
    return first.meant === undefined
      ? `${first.key} is not ${kind.one}${list}`
      : `${first.key} is not ${kind.one}; did you mean ${path}${first.meant}?`;
  }
  const keys = named.map(({ key, meant }) =>
    meant === undefined ? key : `${key} (did you mean ${path}${meant}?)`,
  );
  if (unnamed > 0) keys.push(`${unnamed} more`);
  return `${inWords(keys)} are not ${kind.many}${list}`;
}
