import type { XMLParser } from 'fast-xml-parser';
import type { OutlinedElement } from './check-well-formed.js';
import { XmlDecodeError } from './xml-decode-error.js';
import { type OrderedNode, tagOf } from './xml-to-model.js';

/** Elements smaller than this are parsed whole; larger ones with outlined children, piece by piece. */
export const PIECE_BYTES = 16 * 1024;

function parseElement(parser: XMLParser, xml: string, tag: string): OrderedNode {
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (error) {
    // The scanner admits only well-formed XML; a parser objection is still malformed input, never a crash.
    throw new XmlDecodeError(
      'malformed',
      `the XML parser refused the document: ${(error as Error).message.slice(0, 200)}`,
      `/${tag}`,
    );
  }
  const node = nodes.find((candidate) => tagOf(candidate) === tag);
  if (!node) throw new XmlDecodeError('malformed', 'the parser found no root element', '');
  return node;
}

/**
 * The parsed tree of a document, built so that the large lists in it (a query page's thousand
 * sessions) are parsed one item at a time, as the converter reaches them: each item's parse tree
 * is garbage as soon as it is converted, instead of the whole page's tree (about eight times the
 * page) living until the end. Elements with text, comments, CDATA or PIs between their children
 * are parsed whole, as is everything small.
 */
export function piecewiseTree(
  parser: XMLParser,
  xml: string,
  elements: readonly OutlinedElement[],
  tagAt: (start: number) => string,
): OrderedNode {
  const nodeOf = (index: number): OrderedNode => {
    const element = elements[index] as OutlinedElement;
    const tag = tagAt(element.start);
    if (
      element.mixed ||
      element.children.length === 0 ||
      element.end - element.start < PIECE_BYTES
    ) {
      return parseElement(parser, xml.slice(element.start, element.end), tag);
    }
    // The start tag alone (attributes, namespace declarations), then the children lazily.
    const shell = parseElement(
      parser,
      `${xml.slice(element.start, element.contentStart)}</${tag}>`,
      tag,
    );
    const children = element.children;
    const lazy = {
      length: children.length,
      *[Symbol.iterator](): Generator<OrderedNode> {
        for (const child of children) yield nodeOf(child);
      },
    };
    shell[tag] = lazy as unknown as OrderedNode[];
    return shell;
  };
  return nodeOf(0);
}
