import { shownValue } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';

/** True for a plain options bag: an object that is neither null nor an array. */
const isOptionsBag = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A key as a message shows it: quoted (and cut, as values are) when it is not a short plain name. */
const shownKey = (key: string): string =>
  /^[A-Za-z_$][\w$]{0,79}$/.test(key) ? key : shownValue(key);

/**
 * Refuses an options bag that is not an object, or that has a key not in `known` (a misspelled
 * option would otherwise be ignored without a word), naming the key by its path. `owner` is the
 * function the options are given to; `path` the bag's place in them (`retry`), empty for the
 * options themselves. A key whose value is undefined is not given, whatever its name.
 */
export function checkOptionKeys(
  bag: unknown,
  known: readonly string[],
  owner: string,
  path = '',
): void {
  if (!isOptionsBag(bag)) {
    throw new ClientOptionsError(
      `${path || `the options of ${owner}`} must be an object, got ${shownValue(bag)}`,
    );
  }
  const unknown = Object.entries(bag).find(
    ([key, value]) => value !== undefined && !known.includes(key),
  )?.[0];
  if (unknown === undefined) return;
  throw new ClientOptionsError(
    `${path ? `${path}.` : ''}${shownKey(unknown)} is not an option of ${owner} (${path ? `${path}'s` : 'its'} options: ${known.join(', ')})`,
  );
}
