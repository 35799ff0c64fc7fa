import type { XMLParser } from 'fast-xml-parser';
import type { OutlinedElement } from './check-well-formed.js';
import { type OrderedNode, tagOf } from './ordered-node.js';
import { XmlDecodeError } from './xml-decode-error.js';

/** Elements smaller than this are parsed whole; larger ones with outlined children, piece by piece. */
export const PIECE_BYTES = 16 * 1024;

// The scanner admits only well-formed XML; a parser objection is still malformed input, never a crash.
const parserRefused = (error: unknown, tag: string): XmlDecodeError =>
  new XmlDecodeError(
    'malformed',
    `the XML parser refused the document: ${(error as Error).message.slice(0, 200)}`,
    `/${tag}`,
  );

function parseElement(parser: XMLParser, xml: string, tag: string): OrderedNode {
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (error) {
    throw parserRefused(error, tag);
  }
  const node = nodes.find((candidate) => tagOf(candidate) === tag);
  if (!node) throw new XmlDecodeError('malformed', 'the parser found no root element', '');
  return node;
}

/** Consecutive children parsed in one call: one parse per child would cost more in set-up than in parsing. */
interface Run {
  readonly first: number;
  readonly last: number;
}

/** Splits children into runs of at most PIECE_BYTES; a child larger than that is a run of its own. */
function runsOf(elements: readonly OutlinedElement[], children: readonly number[]): Run[] {
  const runs: Run[] = [];
  let index = 0;
  while (index < children.length) {
    const first = index;
    const start = (elements[children[first] as number] as OutlinedElement).start;
    while (
      index + 1 < children.length &&
      (elements[children[index + 1] as number] as OutlinedElement).end - start <= PIECE_BYTES
    ) {
      index++;
    }
    runs.push({ first, last: index });
    index++;
  }
  return runs;
}

/**
 * The parsed tree of a document, built so that the large lists in it (a query page's thousand
 * sessions) are parsed a run of items at a time, as the converter reaches them: each run's parse
 * tree is garbage as soon as it is converted, instead of the whole page's tree (about eight times
 * the page) living until the end. Elements with text, comments, CDATA or PIs between their
 * children are parsed whole, as is everything small.
 */
export function piecewiseTree(
  parser: XMLParser,
  xml: string,
  elements: readonly OutlinedElement[],
  tagAt: (start: number) => string,
): OrderedNode {
  const isWhole = (element: OutlinedElement): boolean =>
    element.mixed || element.children.length === 0 || element.end - element.start < PIECE_BYTES;

  /** The children of a run, parsed together (the white space between them is not content). */
  function* parseRun(children: readonly number[], run: Run): Generator<OrderedNode> {
    const single = elements[children[run.first] as number] as OutlinedElement;
    if (run.first === run.last && !isWhole(single)) {
      yield nodeOf(single);
      return;
    }
    const lastElement = elements[children[run.last] as number] as OutlinedElement;
    let nodes: OrderedNode[];
    try {
      nodes = parser.parse(xml.slice(single.start, lastElement.end)) as OrderedNode[];
    } catch (error) {
      throw parserRefused(error, tagAt(single.start));
    }
    let count = 0;
    for (const node of nodes) {
      if (tagOf(node) === undefined) continue;
      count++;
      yield node;
    }
    if (count !== run.last - run.first + 1)
      throw new XmlDecodeError('malformed', 'the parser split the list differently', '');
  }

  const nodeOf = (element: OutlinedElement): OrderedNode => {
    const tag = tagAt(element.start);
    if (isWhole(element)) return parseElement(parser, xml.slice(element.start, element.end), tag);
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
        for (const run of runsOf(elements, children)) yield* parseRun(children, run);
      },
    };
    shell[tag] = lazy as unknown as OrderedNode[];
    return shell;
  };
  return nodeOf(elements[0] as OutlinedElement);
}
