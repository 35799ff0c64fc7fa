// Letters, digits and the punctuation no POSIX shell gives a meaning to in a word's middle.
const PLAIN = /^[\p{L}\p{M}\p{N}_@%+=:,./-]+$/u;

/**
 * Text as one word of a POSIX shell command line, for a hint to copy and paste: as it is when no
 * shell would change it, else in single quotes, each single quote in it written `'\''` (end the
 * quotes, an escaped quote, quotes again).
 */
export const shellWord = (text: string): string =>
  PLAIN.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
