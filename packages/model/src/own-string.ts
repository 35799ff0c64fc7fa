/**
 * A copy of `text` that shares no memory with the string it was cut from. Decoders hand out
 * slices of whole response pages (`@vbem/xml` does), and V8 keeps a page alive for as long as any
 * slice of it lives: whatever outlives its page (a report's job names, a crawl's paging link)
 * must be copied, or it pins every page it came from.
 *
 * A JSON round trip gives a flat string of its own. Cutting a prefixed copy (`` ` ${text}`.slice(1) ``)
 * is three times as fast but gives a slice of the copy, and comparing slices made @vbem/reporting's
 * session loop, which compares job names and UIDs on every session, 1.4 to 1.9 times slower.
 */
export const ownString = (text: string): string => JSON.parse(JSON.stringify(text)) as string;
