// Characters XML 1.0 leaves out: C0 controls other than tab, LF and CR, and U+FFFE and U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_OR_NONCHARACTER = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// String.prototype.isWellFormed (Node 20) is not in the ES2023 lib; it answers at once for text
// without surrogates.
const isWellFormed = (text: string): boolean =>
  (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * The offset of the first character that XML does not allow in a document, or -1: one regex
 * search over the document (about 1 ms per MB), and a second only when a surrogate is unpaired.
 */
export function forbiddenCharacterOffset(text: string): number {
  const control = text.search(CONTROL_OR_NONCHARACTER);
  if (isWellFormed(text)) return control;
  const surrogate = text.search(UNPAIRED_SURROGATE);
  return control === -1 ? surrogate : Math.min(control, surrogate);
}
