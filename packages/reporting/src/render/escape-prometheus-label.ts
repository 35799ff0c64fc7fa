const SPECIAL = /\\|"|\r\n|\r|\n/g;
// What a terminal would act on: C0 controls other than tab and line breaks (escaped below), DEL,
// C1 controls, and every Unicode Bidi_Control (see single-line.ts).
const UNSAFE = /(?![\t\n\r])[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A label value for the Prometheus text exposition format: a backslash, a double quote and a line
 * break escaped as the format says (CRLF and a lone CR as one line break, so that no raw CR
 * reaches a line-oriented reader), and every other control character and bidi control as U+FFFD,
 * as the other renderers do: printed to a terminal, the exposition cannot drive it.
 */
export const escapeLabelValue = (value: string): string =>
  value
    .replace(UNSAFE, '\uFFFD')
    .replace(SPECIAL, (match) => (match === '\\' ? '\\\\' : match === '"' ? '\\"' : '\\n'));
