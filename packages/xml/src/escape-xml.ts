// Characters XML 1.0 cannot carry at all, escaped or not: C0 controls except tab, LF, CR; U+FFFE,
// U+FFFF; unpaired surrogates.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ATTRIBUTE_SPECIAL_ALL = /[&<>"\t\n\r]/g;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const replace = (char: string): string => REPLACEMENTS[char] as string;

/** Whether every character of a string can be written in XML 1.0. */
export const isXmlText = (text: string): boolean => !NOT_XML.test(text);

/** Escapes element text. CR becomes `&#13;` so that it survives line-ending normalisation. */
export const escapeText = (text: string): string =>
  TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL_ALL, replace) : text;

/** Escapes an attribute value. Tab, LF and CR become references, as attribute normalisation would turn them into spaces. */
export const escapeAttribute = (text: string): string =>
  ATTRIBUTE_SPECIAL.test(text) ? text.replace(ATTRIBUTE_SPECIAL_ALL, replace) : text;
