import { INT32_MAX, INT32_MIN, parseEmDateTime, type ScalarKind } from '@vbem/model';

// XML's white space only (space, tab, LF, CR): JavaScript's \s and trim() also take U+00A0,
// U+FEFF, U+3000 and more, which XML does not read as white space.
const INTEGER = /^[ \t\n\r]*[+-]?[0-9]+[ \t\n\r]*$/;

const isXmlSpace = (code: number): boolean =>
  code === 32 || code === 9 || code === 10 || code === 13;

/** `text` without XML white space around it (the text itself when there is none). */
function trimXmlSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpace(text.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Converts XML text by the field's kind; never guesses from the text itself. Returns undefined
 * when the text is not a value of that kind (`scalarProblem` then says why). No allocation on
 * the success path: this runs once per value of every document.
 */
export function parseScalar(
  kind: ScalarKind,
  text: string,
): string | number | boolean | Date | undefined {
  switch (kind) {
    case 'string':
      return text;
    case 'int':
    case 'long':
    case 'timeSpan': {
      if (!INTEGER.test(text)) return undefined;
      // `-0` is 0: an xs:int has no negative zero, and -0 would print as 0 yet differ in Object.is.
      const value = Number(text) + 0;
      // TimeSpan is an xs:int in the XSD, so only long goes past int32.
      if (kind !== 'long' && (value < INT32_MIN || value > INT32_MAX)) return undefined;
      return Number.isSafeInteger(value) ? value : undefined;
    }
    case 'boolean': {
      if (text === 'true') return true;
      if (text === 'false') return false;
      const lower = trimXmlSpace(text).toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      return undefined;
    }
    case 'dateTime':
      return parseEmDateTime(trimXmlSpace(text));
  }
}

/** Why `parseScalar` refused a text. */
export function scalarProblem(kind: ScalarKind, text: string): string {
  switch (kind) {
    case 'int':
    case 'long':
    case 'timeSpan':
      if (!INTEGER.test(text)) return 'is not an integer';
      return kind === 'long'
        ? 'is outside the range a number holds exactly (2^53)'
        : 'is outside the int32 range';
    case 'boolean':
      return 'is not a boolean (true or false)';
    case 'dateTime':
      return 'is not a DateTime (yyyy-MM-ddTHH:mm:ss[.fffffff]Z)';
    default:
      return 'is not valid';
  }
}
