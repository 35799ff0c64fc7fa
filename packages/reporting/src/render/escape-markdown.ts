import { toSingleLine } from './single-line.js';

// Markdown punctuation, the table cell separator, HTML's specials, and what starts a GFM
// extended autolink: `://` after a scheme, `www.`, and the `@` of an e-mail address.
const SPECIAL = /[\\`*_~[\]|<>&@]|:(?=\/\/)|(?<=www)\./gi;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Server-provided text as inert GitHub-flavoured Markdown inline text, safe in a table cell: one
 * line (see `toSingleLine`); `<`, `>` and `&` as entities, so that no HTML tag, angle-bracket
 * autolink or character reference can form; every other special character backslash-escaped, so
 * that it cannot emphasise, open code or a link, end the cell or become a bare-URL autolink. Once
 * rendered it reads as the original text.
 */
export const escapeMarkdown = (text: string): string =>
  toSingleLine(text).replace(SPECIAL, (char) => ENTITIES[char] ?? `\\${char}`);
