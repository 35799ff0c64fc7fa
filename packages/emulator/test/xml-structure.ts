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

/**
 * The structure of an XML document, without its values: each element as
 * `path: attribute names | child element names in order (repeats collapsed)`, and every link as
 * `path Rel Type`. Two documents of one EM resource have the same structure whatever their data.
 */
export function xmlStructure(xml: string): { elements: string[]; links: string[] } {
  const elements = new Set<string>();
  const links: string[] = [];
  const walk = (node: Node, tag: string, path: string) => {
    const attributes = Object.keys(node[':@'] ?? {})
      .filter((name) => !name.startsWith('xmlns'))
      .sort();
    const children = (node[tag] as Node[])
      .map(tagOf)
      .filter((name): name is string => name !== undefined);
    const collapsed = children.filter((name, index) => name !== children[index - 1]);
    elements.add(`${path}: ${attributes.join(',')} | ${collapsed.join(',')}`);
    if (tag === 'Link') links.push(`${path} ${node[':@']?.Rel} ${node[':@']?.Type ?? '-'}`);
    for (const child of node[tag] as Node[]) {
      const childTag = tagOf(child);
      if (childTag) walk(child, childTag, `${path}/${childTag}`);
    }
  };
  const root = (parser.parse(xml) as Node[]).find((node) => tagOf(node) !== undefined) as Node;
  const rootTag = tagOf(root) as string;
  walk(root, rootTag, rootTag);
  return { elements: [...elements].sort(), links: [...new Set(links)] };
}
