/**
 * The most characters of a value or of a name from the document that a message or a path quotes:
 * a hostile document may hold a name or a value of millions of characters.
 */
export const QUOTED_LENGTH = 80;

/** At most QUOTED_LENGTH characters of a text, ending in `…` when cut (never inside a surrogate pair). */
export function cutText(text: string): string {
  if (text.length <= QUOTED_LENGTH) return text;
  const last = text.charCodeAt(QUOTED_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? QUOTED_LENGTH - 1 : QUOTED_LENGTH;
  return `${text.slice(0, end)}…`;
}

/** A value quoted for an error message: JSON-escaped and cut to 80 characters. */
export const quoteValue = (value: string): string => JSON.stringify(cutText(value));

/**
 * A name from the document (of an element, an attribute or a prefix, or a reference) as a message
 * or a path shows it: as written, cut to 80 characters, a cut one ending in `…`.
 */
export const shownName: (name: string) => string = cutText;

/** `/a/b/c` for the names of the open elements, each cut as `shownName` cuts it. */
export const elementPath = (names: readonly string[]): string => {
  let path = '';
  for (const name of names) path += `/${shownName(name)}`;
  return path;
};
