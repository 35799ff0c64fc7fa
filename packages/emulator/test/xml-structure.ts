import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
});

const tagOf = (node: Node) =>
  Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The structure of an XML document, without its values: each element as
 * `path: attribute names | child element names in order (repeats collapsed)`, every link as
 * `path Rel Type`, and every Href outside PagingInfo as `path Rel Type /api/path` with ids as
 * `{id}`. Two documents of one EM resource have the same structure whatever their data.
 */
export function xmlStructure(xml: string): {
  elements: string[];
  links: string[];
  hrefs: string[];
} {
  const elements = new Set<string>();
  const links: string[] = [];
  const hrefs: string[] = [];
  const walk = (node: Node, tag: string, path: string) => {
    const attributes = Object.keys(node[':@'] ?? {})
      .filter((name) => !name.startsWith('xmlns'))
      .sort();
    const children = (node[tag] as Node[])
      .map(tagOf)
      .filter((name): name is string => name !== undefined);
    const collapsed = children.filter((name, index) => name !== children[index - 1]);
    elements.add(`${path}: ${attributes.join(',')} | ${collapsed.join(',')}`);
    const { Href, Rel, Type } = node[':@'] ?? {};
    if (tag === 'Link') links.push(`${path} ${Rel} ${Type ?? '-'}`);
    if (Href !== undefined && !path.includes('/PagingInfo/'))
      hrefs.push(
        `${path} ${Rel ?? '-'} ${Type ?? '-'} ${Href.replace(/^https?:\/\/[^/]*/, '').replace(GUID, '{id}')}`,
      );
    for (const child of node[tag] as Node[]) {
      const childTag = tagOf(child);
      if (childTag) walk(child, childTag, `${path}/${childTag}`);
    }
  };
  const root = (parser.parse(xml) as Node[]).find((node) => tagOf(node) !== undefined) as Node;
  const rootTag = tagOf(root) as string;
  walk(root, rootTag, rootTag);
  return { elements: [...elements].sort(), links: [...new Set(links)], hrefs: [...new Set(hrefs)] };
}
