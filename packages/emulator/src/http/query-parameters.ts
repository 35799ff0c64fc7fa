const UTF8 = new TextDecoder(); // not fatal: bytes that are not UTF-8 become U+FFFD

/**
 * A query string name or value decoded as .NET's HttpUtility.UrlDecode, which EM's query strings
 * go through, and as a form is: `+` is a space, each run of `%XX` escapes is UTF-8 (U+FFFD for
 * bytes that are not), and a `%` not followed by two hex digits stays as it is (`100%`).
 */
export function decodeQueryComponent(raw: string): string {
  const text = raw.replaceAll('+', ' ');
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    UTF8.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16))),
  );
}

/** A query's parameters by lower-case name, decoded; the first of a repeated one wins. */
export function queryParameters(search: string): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decodeQueryComponent(equals < 0 ? part : part.slice(0, equals)).toLowerCase();
    if (!values.has(name))
      values.set(name, decodeQueryComponent(equals < 0 ? '' : part.slice(equals + 1)));
  }
  return values;
}
