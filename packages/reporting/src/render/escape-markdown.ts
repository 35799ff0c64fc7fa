import { toSingleLine } from './single-line.js';

// What Markdown inline syntax, a GFM table cell and HTML give a meaning to: code, emphasis,
// strikethrough, links and footnotes, the cell separator, tags, autolinks in angle brackets and
// character references. Not `:`, `.` or `@`: a bare URL or e-mail address may become a GFM autolink,
// whose text is the address itself, so nothing is hidden and the text reads as it does elsewhere.
const SPECIAL = /[\\`*_~[\]|<>&]/g;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Server-provided text as inert GitHub-flavoured Markdown inline text, safe in a table cell: one
 * line (see `toSingleLine`); `<`, `>` and `&` as entities, so that no HTML tag, angle-bracket
 * autolink or character reference can form; every other special character backslash-escaped, so
 * that it cannot emphasise, open code or a link, or end the cell. Once rendered it reads as the
 * original text.
 */
export const escapeMarkdown = (text: string): string =>
  toSingleLine(text).replace(SPECIAL, (char) => ENTITIES[char] ?? `\\${char}`);
