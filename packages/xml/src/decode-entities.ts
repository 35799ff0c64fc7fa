const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * Replaces the five XML entities and character references, once: `&amp;lt;` becomes `&lt;`.
 * The well-formedness check has already refused any other reference.
 */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(
    REFERENCE,
    (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
      name !== undefined
        ? (NAMED[name] as string)
        : String.fromCodePoint(hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal)),
  );
}
