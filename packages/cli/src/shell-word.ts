// Letters, digits and the punctuation no POSIX shell gives a meaning to in a word's middle. A
// leading `=` is not plain: zsh expands `=prod` to the path of the command prod.
const PLAIN = /^(?!=)[\p{L}\p{M}\p{N}_@%+=:,./-]+$/u;
// What a terminal would act on or show misleadingly (as toSingleLine finds it): C0 and C1 controls
// (line breaks, ESC), the Unicode line separators and the bidi controls.
const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_EACH = new RegExp(UNSAFE.source, 'gu');

/** A character as an escape of `$'…'`: `\x1b` for ASCII, `\u202e` beyond it. */
const escaped = (character: string): string => {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x80
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Text as one word of a POSIX shell command line, for a hint to copy and paste: as it is when no
 * shell would change it, else in single quotes, each single quote in it written `'\''` (end the
 * quotes, an escaped quote, quotes again). Text with a control character (a newline, ESC) or a
 * bidi control goes in `$'…'` with those characters escaped (`$'a\nb'` as `$'a\x0ab'`), so that
 * the hint can neither drive the terminal nor break its line, and still names the same word in
 * bash, zsh and ksh.
 */
export function shellWord(text: string): string {
  if (PLAIN.test(text)) return text;
  if (!UNSAFE.test(text)) return `'${text.replaceAll("'", "'\\''")}'`;
  return `$'${text.replace(/[\\']/g, '\\$&').replace(UNSAFE_EACH, escaped)}'`;
}
