import { toSingleLine } from './single-line.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Server-provided text as inert HTML, safe in element content and in double- or single-quoted
 * attribute values: one line of characters (see `toSingleLine`: no control or bidi characters,
 * which HTML would reject or use to reorder what follows) with `& < > " '` as character
 * references, so that no tag, attribute or entity can form. Once rendered it reads as the text.
 */
export const escapeHtml = (text: string): string =>
  toSingleLine(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
