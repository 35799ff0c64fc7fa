import { JsonLimitError } from '@vbem/model';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The index of the quote that closes the string opened at `start`, or -1 when none does. The
 * native `indexOf` finds the next quote: most of an EM page is text inside strings.
 */
function stringEnd(text: string, start: number): number {
  let quote = start;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote < 0) return -1;
    // A quote after an odd run of backslashes is escaped.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

/**
 * Throws a JsonLimitError when the arrays and objects of a JSON text nest deeper than `maxDepth`,
 * before JSON.parse builds them (a few MB of `[` take it gigabytes and seconds). One pass, in
 * which brackets inside strings do not count; a text that is not JSON is left to JSON.parse.
 */
export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  const { length } = text;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = stringEnd(text, index);
      if (index < 0) return;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) throw new JsonLimitError('maxDepth', maxDepth, index);
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
}
