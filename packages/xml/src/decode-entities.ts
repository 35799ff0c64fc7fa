const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Replaces the five XML entities and character references, once: `&amp;lt;` becomes `&lt;`.
 * The well-formedness check has already refused any other reference. A loop over `indexOf`
 * rather than a replace callback: it runs for every value of every document.
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon === -1) break;
    const name = text.slice(amp + 1, semicolon);
    let replacement = NAMED.get(name);
    if (replacement === undefined && name.charCodeAt(0) === 35 /* # */) {
      const code =
        name.charCodeAt(1) === 120 /* x */
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff)
        replacement = String.fromCodePoint(code);
    }
    if (replacement !== undefined) {
      out += text.slice(from, amp) + replacement;
      from = semicolon + 1;
    }
    amp = text.indexOf('&', replacement === undefined ? amp + 1 : from);
  }
  return out + text.slice(from);
}
