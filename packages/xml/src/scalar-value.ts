import { INT32_MAX, INT32_MIN, parseEmDateTime, type ScalarKind } from '@vbem/model';

const INTEGER = /^\s*[+-]?\d+\s*$/;

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
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      return undefined;
    }
    case 'dateTime':
      return parseEmDateTime(text.trim());
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
