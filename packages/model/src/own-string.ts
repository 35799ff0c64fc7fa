/**
 * A copy of `text` that shares no memory with the string it was cut from. Decoders hand out
 * slices of whole response pages (`@vbem/xml` does), and V8 keeps a page alive for as long as any
 * slice of it lives: whatever outlives its page (a report's job names, a crawl's paging link)
 * must be copied, or it pins every page it came from.
 *
 * Prepending a character makes a string that points at `text`; cutting it off again makes V8
 * flatten that string first, into a new one that holds the characters. What is returned refers
 * to that new string only. It is about three times as fast as a JSON.stringify/parse round trip.
 */
export const ownString = (text: string): string => ` ${text}`.slice(1);
