import { type RootElementName, type RootValue, shownValue, typeOfRoot } from '@vbem/model';
import { checkWellFormed } from './check-well-formed.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_WARNINGS,
  type DecodeOptions,
} from './decode-options.js';
import type { DecodeWarning } from './decode-warning.js';
import { documentText } from './document-text.js';
import { createEmParser } from './em-parser.js';
import { localName } from './forbidden-names.js';
import { piecewiseTree } from './piecewise-tree.js';
import { elementPath, shownName } from './quote-value.js';
import { XmlDecodeError } from './xml-decode-error.js';
import { XmlLimitError } from './xml-limit-error.js';
import { XmlToModel } from './xml-to-model.js';

/** A decoded document: its root element, the typed value, and what the model did not know. */
export interface Decoded<Root extends RootElementName> {
  readonly root: Root;
  readonly value: RootValue<Root>;
  readonly warnings: readonly DecodeWarning[];
}

/** Any decoded document, discriminated by `root`. */
export type AnyDecoded = { [Root in RootElementName]: Decoded<Root> }[RootElementName];

/** The qualified name of the element whose `<` is at `start`. */
function tagAt(xml: string, start: number): string {
  let end = start + 1;
  for (; end < xml.length; end++) {
    const code = xml.charCodeAt(end);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 62 || code === 47)
      break;
  }
  return xml.slice(start + 1, end);
}

/** A limit option: a whole number of at least 1 (NaN or 0 would switch the limit off or refuse everything). */
function limitOf(name: string, value: number | undefined, fallback: number, least = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < least) {
    throw new XmlDecodeError(
      'invalid-option',
      `${name} must be a whole number of at least ${least}, got ${String(value)}`,
      '',
    );
  }
  return value;
}

/** The document is text or bytes, the options an object whose flags are booleans (`strict: 'false'` would be strict). */
function checkDecodeArguments(xml: unknown, options: unknown): void {
  // By its tag, not instanceof: a Uint8Array of another realm (vm, a worker, jsdom) is one too.
  if (typeof xml !== 'string' && Object.prototype.toString.call(xml) !== '[object Uint8Array]') {
    throw new XmlDecodeError(
      'malformed',
      `the document must be a string or a Uint8Array, got ${shownValue(xml)}`,
      '',
    );
  }
  if (typeof options !== 'object' || options === null) {
    throw new XmlDecodeError(
      'invalid-option',
      `options must be an object, got ${shownValue(options)}`,
      '',
    );
  }
  const { strict, root } = options as DecodeOptions;
  if (strict !== undefined && typeof strict !== 'boolean') {
    throw new XmlDecodeError(
      'invalid-option',
      `strict must be true or false, got ${shownValue(strict)}`,
      '',
    );
  }
  if (root !== undefined && typeof root !== 'string') {
    throw new XmlDecodeError(
      'invalid-option',
      `root must be the name of a root element, got ${shownValue(root)}`,
      '',
    );
  }
}

const parsers = new Map<number, ReturnType<typeof createEmParser>>();
/** Parsers kept, one per maxDepth: a caller trying many depths must not make the cache grow without end. */
const MAX_PARSERS = 8;

function parserFor(maxDepth: number) {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = createEmParser(maxDepth);
    if (parsers.size >= MAX_PARSERS) parsers.delete(parsers.keys().next().value as number);
    parsers.set(maxDepth, parser);
  }
  return parser;
}

function toText(xml: string | Uint8Array, maxBytes: number): string {
  if (typeof xml === 'string') {
    // Each UTF-16 unit is 1 to 3 UTF-8 bytes: measure exactly only when the bound is unclear.
    if (xml.length * 3 > maxBytes && Buffer.byteLength(xml, 'utf8') > maxBytes) {
      throw new XmlLimitError('maxBytes', maxBytes, '');
    }
    return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  }
  if (xml.byteLength > maxBytes) throw new XmlLimitError('maxBytes', maxBytes, '');
  return documentText(xml);
}

/**
 * Decodes an EM XML document into a typed value. Refuses DOCTYPE/ENTITY, malformed XML,
 * prototype-polluting names and documents over the limits, with typed errors; never returns a
 * partial value. Unknown elements and attributes (a newer EM) become `warnings`, or errors with
 * `strict`.
 */
export function decode<Root extends RootElementName>(
  xml: string | Uint8Array,
  options: DecodeOptions & { readonly root: Root },
): Decoded<Root>;
export function decode(xml: string | Uint8Array, options?: DecodeOptions): AnyDecoded;
export function decode(xml: string | Uint8Array, options: DecodeOptions = {}): AnyDecoded {
  checkDecodeArguments(xml, options);
  const maxBytes = limitOf('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES);
  const maxDepth = limitOf('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH);
  const maxWarnings = limitOf('maxWarnings', options.maxWarnings, DEFAULT_MAX_WARNINGS, 0);
  const text = toText(xml, maxBytes);

  const {
    root: rootTag,
    hasNestedNamespaceDeclarations,
    hasWhitespaceInAttributeValues,
    rootElement,
  } = checkWellFormed(text, maxDepth);
  const root = localName(rootTag);
  const type = typeOfRoot(root);
  if (!type)
    throw new XmlDecodeError(
      'unexpected-root',
      `no EM type has the root element ${shownName(root)}`,
      elementPath([rootTag]),
    );
  if (options.root !== undefined && options.root !== root) {
    throw new XmlDecodeError(
      'unexpected-root',
      `expected root element ${options.root}, found ${shownName(root)}`,
      elementPath([rootTag]),
    );
  }

  const parser = parserFor(maxDepth);
  const rootNode = piecewiseTree(parser, text, rootElement, (start) => tagAt(text, start));
  const reader = new XmlToModel(
    options.strict ?? false,
    hasNestedNamespaceDeclarations,
    hasWhitespaceInAttributeValues,
    maxWarnings,
  );
  const value = reader.readRoot(rootNode, rootTag, type);
  if (reader.omittedWarnings > 0) {
    reader.warnings.push({
      code: 'warnings-omitted',
      path: elementPath([rootTag]),
      name: 'maxWarnings',
      value: reader.omittedWarnings,
    });
  }
  // The descriptors guarantee the shape the generated type promises.
  return { root, value, warnings: reader.warnings } as unknown as AnyDecoded;
}
