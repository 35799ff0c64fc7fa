/** One item of a list on a status line; `count`: how many things it stands for in `and N more`. */
export interface ListedPart {
  readonly text: string;
  readonly count?: number;
}

/**
 * `a, b and 3 more`: the parts in order while the text stays within `budget` characters, but at
 * least one; the `and N more` counts what the parts left out stand for.
 */
export function listedWithin(
  parts: readonly ListedPart[],
  budget: number,
  separator = ', ',
): string {
  const shown: string[] = [];
  let length = 0;
  let more = 0;
  for (const part of parts) {
    if (more > 0 || (shown.length > 0 && length + part.text.length + separator.length > budget)) {
      more += part.count ?? 1;
      continue;
    }
    shown.push(part.text);
    length += part.text.length + separator.length;
  }
  return more > 0 ? `${shown.join(separator)} and ${more} more` : shown.join(separator);
}
