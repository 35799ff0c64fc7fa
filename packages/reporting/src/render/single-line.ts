const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
// C0 and C1 controls (ESC starts terminal escape sequences) and every Unicode Bidi_Control: the
// embeddings, overrides and isolates, which reorder how everything after them is displayed, and
// the marks (ALM, LRM, RLM), which reorder the digits and brackets beside them.
const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// Either of the above (U+0085 is a C1 control): one search for the text that needs no change.
const NEEDS_CHANGE = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * Server-provided text as one line of inert characters: line breaks and tabs become spaces, other
 * control characters and bidi controls become U+FFFD, so that a name can neither break a line or
 * a table row, nor move the cursor, recolour the terminal or reorder what follows it.
 */
export const toSingleLine = (text: string): string =>
  NEEDS_CHANGE.test(text) ? text.replace(LINE_BREAKS, ' ').replace(UNSAFE, '\uFFFD') : text;
