import type { XMLParser } from 'fast-xml-parser';
import type { OutlinedElement, OutlineRun } from './document-outline.js';
import { type OrderedNode, tagOf } from './ordered-node.js';
import { elementPath } from './quote-value.js';
import { textPosition } from './text-position.js';
import { topLevelElements } from './top-level-elements.js';
import { XmlDecodeError } from './xml-decode-error.js';

// The check admits only what the parser reads alike; an objection is still malformed input, never a crash.
const parserRefusal = (error: unknown): string =>
  `the XML parser refused the document: ${(error as Error).message.slice(0, 200)}`;

/** The element a run that keeps its text is parsed in (any name: only its children are read). */
const RUN_TAG = 'run';

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

/**
 * The parsed tree of a document, built so that the large lists in it (a query page's thousand
 * sessions) are parsed a run of items at a time, as the converter reaches them: each run's parse
 * tree is garbage as soon as it is converted, instead of the whole page's tree (about eight times
 * the page) living until the end. Everything small is parsed whole; a large element is split
 * at any depth, text between its children included.
 */
export function piecewiseTree(
  parser: XMLParser,
  xml: string,
  root: OutlinedElement,
  tagAt: (start: number) => string,
): OrderedNode {
  /** An error about the element at `start`, inside the elements at `ancestors` (root first). */
  const refusal = (reason: string, start: number, ancestors: readonly number[]): XmlDecodeError => {
    const tags = ancestors.map(tagAt);
    tags.push(tagAt(start));
    const { line, column } = textPosition(xml, start);
    return new XmlDecodeError('malformed', reason, elementPath(tags), line, column);
  };

  /** The element `text` holds (the element at `start` itself, or its start tag closed at once). */
  const parseElement = (text: string, start: number, ancestors: readonly number[]): OrderedNode => {
    const tag = tagAt(start);
    let nodes: OrderedNode[];
    try {
      nodes = parser.parse(text) as OrderedNode[];
    } catch (error) {
      throw refusal(parserRefusal(error), start, ancestors);
    }
    const node = nodes.find((candidate) => tagOf(candidate) === tag);
    if (!node) throw refusal('the parser found no root element', start, ancestors);
    return node;
  };

  /**
   * The start of the item of a run that the parser refused or split: the run's elements found
   * again in its text and parsed alone, one by one (a rare path).
   */
  const culpritOf = (run: OutlineRun): number => {
    for (const [start, end] of topLevelElements(xml, run.start, run.end)) {
      try {
        const nodes = parser.parse(xml.slice(start, end)) as OrderedNode[];
        if (nodes.filter((node) => tagOf(node) !== undefined).length !== 1) return start;
      } catch {
        return start;
      }
    }
    return run.start;
  };

  /**
   * The children of a run, parsed together: elements only (the white space between them is not
   * content), or with the text between them when the run keeps it. The parser drops text outside
   * any element, so such a run is parsed inside an element of its own.
   */
  function* parseRun(run: OutlineRun, ancestors: readonly number[]): Generator<OrderedNode> {
    let nodes: OrderedNode[];
    try {
      if (run.keepsText) {
        const [wrapper] = parser.parse(`<${RUN_TAG}>${xml.slice(run.start, run.end)}</${RUN_TAG}>`);
        nodes = (wrapper as OrderedNode | undefined)?.[RUN_TAG] ?? [];
      } else nodes = parser.parse(xml.slice(run.start, run.end)) as OrderedNode[];
    } catch (error) {
      throw refusal(parserRefusal(error), culpritOf(run), ancestors);
    }
    let count = 0;
    for (const node of nodes) {
      if (tagOf(node) === undefined) {
        if (run.keepsText) yield node;
        continue;
      }
      count++;
      yield node;
    }
    if (count !== run.count)
      throw refusal('the parser split the list differently', culpritOf(run), ancestors);
  }

  const nodeOf = (element: OutlinedElement, ancestors: readonly number[]): OrderedNode => {
    const { start } = element;
    if (element.isWhole) return parseElement(xml.slice(start, element.end), start, ancestors);
    const tag = tagAt(start);
    // The start tag alone (attributes, namespace declarations), then the children lazily.
    const shell = parseElement(
      `${xml.slice(start, element.contentStart)}</${tag}>`,
      start,
      ancestors,
    );
    const inside = [...ancestors, start];
    const deferred: DeferredChildren = {
      length: element.childCount,
      *[Symbol.iterator](): Generator<OrderedNode> {
        for (const item of element.items) {
          if ('items' in item) yield nodeOf(item, inside);
          else yield* parseRun(item, inside);
        }
      },
      [PARSE_WHOLE]: () => parseElement(xml.slice(start, element.end), start, ancestors),
    };
    // The converter only iterates the children, so an iterable stands in for the array.
    shell[tag] = deferred as unknown as OrderedNode[];
    return shell;
  };
  return nodeOf(root, []);
}
