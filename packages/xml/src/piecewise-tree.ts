import type { XMLParser } from 'fast-xml-parser';
import type { OutlinedElement } from './check-well-formed.js';
import { type OrderedNode, tagOf } from './ordered-node.js';
import { elementPath } from './quote-value.js';
import { textPosition } from './text-position.js';
import { XmlDecodeError } from './xml-decode-error.js';

/** Elements smaller than this are parsed whole; larger ones with outlined children, piece by piece. */
export const PIECE_BYTES = 16 * 1024;

// The check admits only what the parser reads alike; an objection is still malformed input, never a crash.
const parserRefusal = (error: unknown): string =>
  `the XML parser refused the document: ${(error as Error).message.slice(0, 200)}`;

/** The key under which deferred children keep the parse of their whole element. */
const PARSE_WHOLE = Symbol('parseWhole');

/**
 * The children of an element, parsed a run at a time as they are iterated (see piecewiseTree). A
 * literal rather than a class instance: V8 keeps a literal's hidden class alive, whereas a class
 * instance's dies with the last instance, and with it the converter's optimized code.
 */
interface DeferredChildren extends Iterable<OrderedNode> {
  readonly length: number;
  /** Their element, parsed in one piece. */
  readonly [PARSE_WHOLE]: () => OrderedNode;
}

/**
 * `node` as one parse of it gives it: an element whose children are deferred is parsed whole, so
 * that what outlives the conversion (a warning's value) is the same on both paths and holds no
 * iterator, parser or outline.
 */
export function parsedWhole(node: OrderedNode): OrderedNode {
  const tag = tagOf(node);
  const children = (tag === undefined ? undefined : node[tag]) as
    | Partial<DeferredChildren>
    | undefined;
  const parseWhole = children?.[PARSE_WHOLE];
  return parseWhole === undefined ? node : parseWhole();
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
  /** An error about `element`, with its position and its path. */
  const refusal = (reason: string, element: OutlinedElement): XmlDecodeError => {
    const tags: string[] = [];
    for (let at: OutlinedElement | undefined = element; at !== undefined; ) {
      tags.push(tagAt(at.start));
      at = at.parent === -1 ? undefined : elements[at.parent];
    }
    const { line, column } = textPosition(xml, element.start);
    return new XmlDecodeError('malformed', reason, elementPath(tags.reverse()), line, column);
  };

  /** The element `text` holds (the element itself, or its start tag closed at once). */
  const parseElement = (text: string, element: OutlinedElement): OrderedNode => {
    const tag = tagAt(element.start);
    let nodes: OrderedNode[];
    try {
      nodes = parser.parse(text) as OrderedNode[];
    } catch (error) {
      throw refusal(parserRefusal(error), element);
    }
    const node = nodes.find((candidate) => tagOf(candidate) === tag);
    if (!node) throw refusal('the parser found no root element', element);
    return node;
  };

  /** The item of a run that the parser refused or split (parsed alone, one by one: a rare path). */
  const culpritOf = (children: readonly number[], run: Run): OutlinedElement => {
    for (let index = run.first; index <= run.last; index++) {
      const element = elements[children[index] as number] as OutlinedElement;
      try {
        const nodes = parser.parse(xml.slice(element.start, element.end)) as OrderedNode[];
        if (nodes.filter((node) => tagOf(node) !== undefined).length !== 1) return element;
      } catch {
        return element;
      }
    }
    return elements[children[run.first] as number] as OutlinedElement;
  };

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
      throw refusal(parserRefusal(error), culpritOf(children, run));
    }
    let count = 0;
    for (const node of nodes) {
      if (tagOf(node) === undefined) continue;
      count++;
      yield node;
    }
    if (count !== run.last - run.first + 1)
      throw refusal('the parser split the list differently', culpritOf(children, run));
  }

  const nodeOf = (element: OutlinedElement): OrderedNode => {
    const tag = tagAt(element.start);
    if (isWhole(element)) return parseElement(xml.slice(element.start, element.end), element);
    // The start tag alone (attributes, namespace declarations), then the children lazily.
    const shell = parseElement(
      `${xml.slice(element.start, element.contentStart)}</${tag}>`,
      element,
    );
    const children = element.children;
    const deferred: DeferredChildren = {
      length: children.length,
      *[Symbol.iterator](): Generator<OrderedNode> {
        for (const run of runsOf(elements, children)) yield* parseRun(children, run);
      },
      [PARSE_WHOLE]: () => parseElement(xml.slice(element.start, element.end), element),
    };
    // The converter only iterates the children, so an iterable stands in for the array.
    shell[tag] = deferred as unknown as OrderedNode[];
    return shell;
  };
  return nodeOf(elements[0] as OutlinedElement);
}
