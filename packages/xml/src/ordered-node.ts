import { decodeEntities } from './decode-entities.js';

/** The key under which fast-xml-parser keeps a CDATA section (`cdataPropName`). */
export const CDATA_KEY = '#cdata';

/** A node of fast-xml-parser's `preserveOrder` output: an element, a text or a CDATA section. */
export type OrderedNode = { [tag: string]: OrderedNode[] } & {
  ':@'?: Record<string, string>;
  '#text'?: string;
};

/** The tag of an element node; undefined for text and CDATA (no XML name starts with '#'). */
export function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ':@' && key.charCodeAt(0) !== 35) return key;
  return undefined;
}

/** The character data of a text or CDATA node: references decoded in text, CDATA as written. */
export function textOf(node: OrderedNode): string {
  const text = node['#text'];
  if (text !== undefined) return decodeEntities(text);
  return node[CDATA_KEY]?.[0]?.['#text'] ?? '';
}
