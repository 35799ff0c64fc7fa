// A backslash, a double quote, a line break (CRLF and a lone CR count as one), and what a terminal
// would act on: C0 and C1 controls but the tab, and every Unicode Bidi_Control (see
// single-line.ts). One pass over the value, and none of it when nothing needs a change.
const SPECIAL =
  /\\|"|\r\n|[\r\n]|[^\P{Cc}\t]|[\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;
const NEEDS_CHANGE =
  /[\\"]|[^\P{Cc}\t]|[\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const escapeOf = (match: string): string => {
  if (match === '\\') return '\\\\';
  if (match === '"') return '\\"';
  if (match === '\n' || match === '\r' || match === '\r\n') return '\\n';
  return '\uFFFD';
};

/**
 * A label value for the Prometheus text exposition format: a backslash, a double quote and a line
 * break escaped as the format says (CRLF and a lone CR as one line break, so that no raw CR
 * reaches a line-oriented reader), and every other control character and bidi control as U+FFFD,
 * as the other renderers do: printed to a terminal, the exposition cannot drive it.
 */
export const escapeLabelValue = (value: string): string =>
  NEEDS_CHANGE.test(value) ? value.replace(SPECIAL, escapeOf) : value;
