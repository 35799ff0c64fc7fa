/** A query's parameters by lower-case name (the first of a repeated one wins), or the one not validly encoded. */
export type QueryParameters =
  | { readonly valid: true; readonly values: ReadonlyMap<string, string> }
  | { readonly valid: false; readonly name: string };

/**
 * The parameters of a query string (`?a=1&b=2`), decoded as a form is (`+` is a space). Unlike
 * `URLSearchParams`, which turns a broken escape (`%E0%A4%A`) into U+FFFD and carries on, a name
 * or value that is not valid percent-encoding makes the whole query invalid, as a broken id does.
 */
export function queryParameters(search: string): QueryParameters {
  const values = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const rawValue = equals < 0 ? '' : part.slice(equals + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return { valid: false, name: rawName };
    }
    if (!values.has(name.toLowerCase())) values.set(name.toLowerCase(), value);
  }
  return { valid: true, values };
}
