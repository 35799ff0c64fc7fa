// What XML 1.0 cannot carry, escaped or not: C0 controls but tab, LF and CR; U+FFFE and U+FFFF;
// unpaired surrogates.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with U+FFFD for every character XML cannot carry, so that a message echoing a client's
 * input (an id of `%01`) can be written as XML instead of failing the encoder.
 */
export const xmlSafeText = (text: string): string => text.replace(NOT_XML, '\uFFFD');
