// A backslash, a double quote, a line break (CRLF counts as one; U+0085, U+2028 and U+2029 are
// line breaks too, as in toSingleLine), and what a terminal would act on: the other C0 and C1
// controls but the tab, which is harmless inside quotes, and every Unicode Bidi_Control (see
// single-line.ts). One pass over the value, and none of it when nothing needs a change.
const SPECIAL =
  /\\|"|\r\n|[\r\n\u0085\u2028\u2029]|[^\P{Cc}\t]|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const NEEDS_CHANGE =
  /[\\"\u2028\u2029]|[^\P{Cc}\t]|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const LINE_BREAKS = new Set(['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029']);

const escapeOf = (match: string): string => {
  if (match === '\\') return '\\\\';
  if (match === '"') return '\\"';
  if (LINE_BREAKS.has(match)) return '\\n';
  return '\uFFFD';
};

/**
 * A label value for the Prometheus text exposition format: a backslash, a double quote and a line
 * break escaped as the format says (`\n` for CRLF, CR, LF, U+0085, U+2028 and U+2029, so that no
 * raw CR reaches a line-oriented reader), a tab kept, and every other control character and bidi
 * control as U+FFFD, as the other renderers do: printed to a terminal, the exposition cannot drive it.
 */
export const escapeLabelValue = (value: string): string =>
  NEEDS_CHANGE.test(value) ? value.replace(SPECIAL, escapeOf) : value;
