/**
 * A copy of `text` that shares no memory with the string it was cut from. Decoders hand out
 * slices of whole response pages, and V8 keeps a page alive for as long as any slice of it lives;
 * a report holds job names and UIDs for the whole crawl and must not pin every page it read.
 */
export const ownString = (text: string): string => JSON.parse(JSON.stringify(text)) as string;
