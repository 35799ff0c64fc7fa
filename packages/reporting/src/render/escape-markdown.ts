import { toSingleLine } from './single-line.js';

const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
// Outside a URL span: what Markdown inline syntax, a GFM table cell and HTML give a meaning to
// (code, emphasis, strikethrough, links and footnotes, the cell separator, tags, autolinks in
// angle brackets, character references); what would start a GFM extended autolink (the `:` of
// `scheme://`, the `.` of `www.`; the escape stops the match, and renders as the character), and
// an `@` that starts a word, which GitHub would make a user or team mention after rendering. An `@`
// after a word character is left, so that an e-mail address still autolinks.
const INERT = /[\\`*_~[\]|<>&]|:(?=\/\/)|(?<=www)\.|(?<!\w)@/gi;

// A URL that GitHub (cmark-gfm) is sure to autolink: `http://`, `https://` or `www.` after the
// start or a space or `(`, then a domain of letters, digits and hyphens with at least one dot and
// no `_` (an `_` in its last two labels stops the autolink), ending where a path, query, fragment or
// port starts; then the rest of the word, as far as the autolink scan goes (to a space).
const URL_SPAN =
  /(?<=^|[ (])(?:https?:\/\/|www\.)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+(?=[/?#:) ]|$)[^ ]*/gi;
const LOWERCASE_START = /^(?:https?:\/\/|www\.)/;
// GFM's extended autolink path validation drops these from a link's end (cmark-gfm also `'`,
// `"` and a `;` that ends no character reference).
const TRAILING = new Set(['?', '!', '.', ',', ':', '*', '_', '~', "'", '"', ';']);
// What would be live Markdown if left outside the link: emphasis, strikethrough, a character
// reference.
const UNSAFE_TAIL = /[*_~&]/;

/** Where GFM ends the autolink that starts `word` (its extended autolink path validation). */
function autolinkEnd(word: string): number {
  let open = 0;
  let close = 0;
  for (const char of word) {
    if (char === '(') open += 1;
    else if (char === ')') close += 1;
  }
  let end = word.length;
  while (end > 0) {
    const char = word[end - 1] as string;
    if (char === ')') {
      if (close <= open) return end;
      close -= 1;
      end -= 1;
    } else if (char === ';') {
      const reference = /&[a-z0-9]+;$/i.exec(word.slice(0, end));
      end = reference === null ? end - 1 : reference.index;
    } else if (TRAILING.has(char)) {
      end -= 1;
    } else {
      return end;
    }
  }
  return end;
}

/**
 * A URL span as GFM reads it inside its autolink: verbatim (a backslash or entity there would show
 * as written, in the link text and its target), but for `|`, escaped because a table splits cells
 * before inline parsing (and drops the backslash). Undefined when the span cannot be left as it is:
 * an uppercase scheme (not every GFM renderer links it), a `<` (cmark-gfm ends the link there, so
 * the rest would be raw Markdown and HTML), a whitespace other than a space, or a `*`, `_`, `~` or
 * `&` in what GFM leaves out of the link at its end (a backslash before it would end up in the
 * link, leaving the character itself live).
 */
function verbatimUrl(word: string): string | undefined {
  if (!LOWERCASE_START.test(word) || /[<\s]/.test(word)) return undefined;
  if (UNSAFE_TAIL.test(word.slice(autolinkEnd(word)))) return undefined;
  return word.replaceAll('|', '\\|');
}

const escapeInert = (text: string): string =>
  text.replace(INERT, (char) => ENTITIES[char] ?? `\\${char}`);

/**
 * Server-provided text as inert GitHub-flavoured Markdown inline text, safe in a table cell: one
 * line (see `toSingleLine`); `<`, `>` and `&` as entities, so that no HTML tag, angle-bracket
 * autolink or character reference can form; every other special character backslash-escaped, so
 * that it cannot emphasise, open code or a link, or end the cell; an `@` that starts a word escaped
 * so that it mentions nobody. A URL that GFM autolinks is left as it is (but for `|`), so that the
 * link works and reads as the address; any other URL is kept from autolinking, as an escaped
 * character would show inside the link. Once rendered it reads as the original text.
 */
export function escapeMarkdown(text: string): string {
  const line = toSingleLine(text);
  let escaped = '';
  let from = 0;
  for (const match of line.matchAll(URL_SPAN)) {
    const verbatim = verbatimUrl(match[0]);
    if (verbatim === undefined) continue;
    escaped += escapeInert(line.slice(from, match.index)) + verbatim;
    from = match.index + match[0].length;
  }
  return escaped + escapeInert(line.slice(from));
}
