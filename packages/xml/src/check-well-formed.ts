import {
  addWholeChild,
  closeElement,
  markMixed,
  newOutlineBuilder,
  type OutlinedElement,
  openElement,
} from './document-outline.js';
import { forbiddenCharacterOffset } from './forbidden-character.js';
import { isForbiddenName } from './forbidden-names.js';
import {
  declarePrefix,
  isPrefixDeclared,
  leavePrefixScopes,
  newPrefixScopes,
} from './prefix-scopes.js';
import { processingInstructionProblem } from './processing-instruction.js';
import { elementPath, shownName } from './quote-value.js';
import { textPosition } from './text-position.js';
import { XmlDecodeError, type XmlDecodeErrorCode } from './xml-decode-error.js';
import { XmlLimitError } from './xml-limit-error.js';
import { describeCharacter, nameEnd, qualifiedNameProblem } from './xml-name.js';
import { XML_NAMESPACE } from './xml-namespaces.js';

const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const COLON = 58;
const QUOTE = 34;
const APOSTROPHE = 39;

/** Attributes of a start tag compared by a scan; past this many, by a set. EM's tags have at most 6. */
const SEEN_SCAN_LIMIT = 16;

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9;

const NAMED_REFERENCES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** A character reference longer than any name: valid when its length is leading zeros (`#0000000038`). */
const isPaddedCharacterReference = (name: string): boolean =>
  /^#(?:x0*[0-9a-fA-F]{1,6}|0*[0-9]{1,7})$/.test(name);

/** Whether xml[from, to) is `name` followed by nothing but white space: a closing tag's name, compared without a copy. */
function closes(xml: string, from: number, to: number, name: string): boolean {
  const length = name.length;
  if (to - from < length) return false;
  for (let c = 0; c < length; c++)
    if (xml.charCodeAt(from + c) !== name.charCodeAt(c)) return false;
  for (let k = from + length; k < to; k++) if (!isSpace(xml.charCodeAt(k))) return false;
  return true;
}

/** Whether a code point may appear in an XML 1.0 document. */
export const isXmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

/** What the well-formedness check learned on the way. */
export interface DocumentOutline {
  /** Qualified name of the root element. */
  readonly root: string;
  /** Whether any element below the root declares a namespace (EM's documents declare them on the root only). */
  readonly hasNestedNamespaceDeclarations: boolean;
  /** Whether an attribute value holds a raw tab, LF or CR, which XML reads as a space (EM writes character references). */
  readonly hasWhitespaceInAttributeValues: boolean;
  /** The root element, with the runs and the large elements a large document is parsed in. */
  readonly rootElement: OutlinedElement;
}

/**
 * Checks that a document is well-formed XML with one root element, before fast-xml-parser sees
 * it (the parser itself silently returns partial objects for truncated or mismatched input).
 * One pass, no allocation per character. Also refuses DOCTYPE and ENTITY declarations, unknown
 * entity references, duplicate attributes, prototype-polluting names, nesting beyond `maxDepth`,
 * characters and names that XML does not allow, undeclared namespace prefixes, and what the
 * parser would read differently (a quote in a processing instruction).
 */
export function checkWellFormed(xml: string, maxDepth: number): DocumentOutline {
  const n = xml.length;
  const stack: string[] = [];
  // Attribute names of the current start tag: the first seenCount entries (reset by count, not by length).
  const seen: string[] = [];
  let seenCount = 0;
  // The same names as a set, once a start tag has more than SEEN_SCAN_LIMIT (a scan would be quadratic).
  let seenSet: Set<string> | undefined;
  const outline = newOutlineBuilder();
  let root: string | undefined;
  let hasNestedNamespaceDeclarations = false;
  let hasWhitespaceInAttributeValues = false;
  // The next tab, LF and CR of the document, kept across attribute values as they only move forward
  // (as nextAmpersand is): each is searched for once per occurrence, not once per value.
  let nextTab = xml.indexOf('\t');
  let nextLineFeed = xml.indexOf('\n');
  let nextReturn = xml.indexOf('\r');
  const holdsWhitespace = (from: number, to: number): boolean => {
    if (nextTab !== -1 && nextTab < from) nextTab = xml.indexOf('\t', from);
    if (nextLineFeed !== -1 && nextLineFeed < from) nextLineFeed = xml.indexOf('\n', from);
    if (nextReturn !== -1 && nextReturn < from) nextReturn = xml.indexOf('\r', from);
    return (
      (nextTab !== -1 && nextTab < to) ||
      (nextLineFeed !== -1 && nextLineFeed < to) ||
      (nextReturn !== -1 && nextReturn < to)
    );
  };
  const prefixes = newPrefixScopes();
  let i = 0;

  // `tag` and `attribute` name the start tag (not on the stack yet) and the attribute the error is
  // in, if any: `/…/Links/Link/@Href`.
  const fail = (
    code: XmlDecodeErrorCode,
    reason: string,
    at: number,
    tag?: string,
    attribute?: string,
  ): never => {
    const { line, column } = textPosition(xml, at);
    let path = elementPath(stack);
    if (tag !== undefined) path += `/${shownName(tag)}`;
    if (attribute !== undefined) path += `/@${shownName(attribute)}`;
    throw new XmlDecodeError(code, reason, path, line, column);
  };

  // A prefixed name of a start tag, once the tag's own declarations are in scope.
  const checkPrefix = (qualified: string, at: number, tag: string, attribute?: string): void => {
    const colon = qualified.indexOf(':');
    if (colon === -1) return;
    const prefix = qualified.slice(0, colon);
    if (!isPrefixDeclared(prefixes, prefix))
      fail(
        'malformed',
        `namespace prefix ${shownName(prefix)} is not declared (${shownName(qualified)})`,
        at,
        tag,
        attribute,
      );
  };

  // The next '&' of the document, found by indexOf and kept across ranges: ranges only move
  // forward, so the document is searched once (a per-range search to the end of the document
  // would be quadratic; a per-character loop is slow).
  let nextAmpersand = xml.indexOf('&');
  // The next ']]>', kept the same way: in text, outside a CDATA section, XML does not allow it.
  let nextCdataEnd = xml.indexOf(']]>');
  const checkReferences = (from: number, to: number, tag?: string, attribute?: string): void => {
    if (nextAmpersand !== -1 && nextAmpersand < from) nextAmpersand = xml.indexOf('&', from);
    while (nextAmpersand !== -1 && nextAmpersand < to) {
      const a = nextAmpersand;
      const semicolon = xml.indexOf(';', a + 1);
      if (
        semicolon === -1 ||
        semicolon > to ||
        (semicolon - a > 12 && !isPaddedCharacterReference(xml.slice(a + 1, semicolon)))
      )
        fail('malformed', "'&' that does not start a reference", a, tag, attribute);
      const length = semicolon - a - 1;
      // The common references, checked without building a string.
      if (length !== 3 || !xml.startsWith('amp', a + 1)) {
        const name = xml.slice(a + 1, semicolon);
        if (!NAMED_REFERENCES.has(name)) {
          const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
          if (!numeric)
            fail(
              'malformed',
              `unknown entity reference &${shownName(name)}; (no DTD is allowed)`,
              a,
              tag,
              attribute,
            );
          const code =
            numeric?.[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric?.[2]);
          if (!isXmlChar(code))
            fail(
              'malformed',
              `character reference &${shownName(name)}; is not an XML character`,
              a,
              tag,
              attribute,
            );
        }
      }
      nextAmpersand = xml.indexOf('&', semicolon + 1);
    }
  };

  // Found before the pass (past the end when there is none), reported when the pass reaches it,
  // so that the error has a path.
  const forbidden = forbiddenCharacterOffset(xml);
  const forbiddenAt = forbidden === -1 ? n + 1 : forbidden;
  const failForbiddenCharacter = (tag?: string, attribute?: string): never => {
    const code = xml.charCodeAt(forbiddenAt);
    const what = code >= 0xd800 && code <= 0xdfff ? 'an unpaired surrogate' : 'not allowed in XML';
    return fail(
      'malformed',
      `character ${describeCharacter(code)} is ${what}`,
      forbiddenAt,
      tag,
      attribute,
    );
  };

  // The next '<' when a start tag already found it (see nextLessThan), else -1.
  let foundLessThan = -1;
  while (i < n) {
    const lt = foundLessThan >= i ? foundLessThan : xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (forbiddenAt < textEnd) failForbiddenCharacter();
    if (textEnd > i) {
      if (stack.length === 0) {
        for (let k = i; k < textEnd; k++) {
          if (!isSpace(xml.charCodeAt(k))) {
            fail(
              'malformed',
              root === undefined ? 'text before the root element' : 'text after the root element',
              k,
            );
          }
        }
      } else {
        checkReferences(i, textEnd);
        if (nextCdataEnd !== -1 && nextCdataEnd < i) nextCdataEnd = xml.indexOf(']]>', i);
        if (nextCdataEnd !== -1 && nextCdataEnd < textEnd)
          fail('malformed', "']]>' in text (outside a CDATA section)", nextCdataEnd);
        for (let k = i; k < textEnd; k++) {
          if (!isSpace(xml.charCodeAt(k))) {
            markMixed(outline, stack.length - 1);
            break;
          }
        }
      }
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) fail('malformed', 'unterminated closing tag', lt);
      const open = stack.pop();
      leavePrefixScopes(prefixes, stack.length);
      if (open === undefined || !closes(xml, lt + 2, gt, open)) {
        const name = xml.slice(lt + 2, gt).trimEnd();
        if (open === undefined)
          fail('malformed', `closing tag </${shownName(name)}> without an opening tag`, lt);
        stack.push(open as string);
        fail(
          'malformed',
          `closing tag </${shownName(name)}> does not match <${shownName(open as string)}>`,
          lt,
        );
      }
      closeElement(outline, stack.length, lt, gt + 1);
      i = gt + 1;
      continue;
    }

    if (next === BANG) {
      markMixed(outline, stack.length - 1);
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) fail('malformed', 'unterminated comment', lt);
        const doubleHyphen = xml.indexOf('--', lt + 4);
        if (doubleHyphen < end) fail('malformed', "'--' inside a comment", doubleHyphen);
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) fail('malformed', 'CDATA outside the root element', lt);
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) fail('malformed', 'unterminated CDATA section', lt);
        i = end + 3;
      } else {
        const keyword = xml.slice(lt + 2, lt + 9).toUpperCase();
        if (keyword.startsWith('DOCTYPE') || keyword.startsWith('ENTITY')) {
          fail(
            'forbidden-declaration',
            `<!${keyword.startsWith('DOCTYPE') ? 'DOCTYPE' : 'ENTITY'} is not allowed: EM never sends one, and it could expand entities`,
            lt,
          );
        }
        fail('malformed', "'<!' that starts no comment or CDATA section", lt);
      }
      continue;
    }

    if (next === QUESTION) {
      if (stack.length > 0) markMixed(outline, stack.length - 1);
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) fail('malformed', 'unterminated processing instruction', lt);
      const problem = processingInstructionProblem(xml, lt, end);
      if (problem !== undefined) fail('malformed', problem, lt);
      i = end + 2;
      continue;
    }

    // A start tag.
    let k = nameEnd(xml, lt + 1, n);
    const name = xml.slice(lt + 1, k);
    const afterName = xml.charCodeAt(k);
    if (k < n && !isSpace(afterName) && afterName !== GT && afterName !== SLASH)
      fail('malformed', `character ${describeCharacter(afterName)} in an element name`, k);
    if (!name) fail('malformed', "'<' not followed by a name", lt);
    const nameProblem = qualifiedNameProblem(name);
    if (nameProblem !== undefined) fail('malformed', nameProblem, lt);
    if (stack.length === 0 && root !== undefined)
      fail('malformed', `a second root element <${shownName(name)}>`, lt);
    if (isForbiddenName(name))
      fail('forbidden-name', `element name ${shownName(name)} is not allowed`, lt);

    seenCount = 0;
    seenSet = undefined;
    let hasPrefixedName = name.indexOf(':') !== -1;
    // The first '<' after this one: an attribute value that reaches it holds a '<'.
    const nextLessThan = xml.indexOf('<', lt + 1);
    let selfClosing = false;
    for (;;) {
      const before = k;
      while (k < n && isSpace(xml.charCodeAt(k))) k++;
      const code = xml.charCodeAt(k);
      if (code === GT) {
        k++;
        break;
      }
      if (code === SLASH && xml.charCodeAt(k + 1) === GT) {
        selfClosing = true;
        k += 2;
        break;
      }
      if (k >= n) fail('malformed', `unterminated start tag <${shownName(name)}>`, lt, name);
      if (k === before)
        fail(
          'malformed',
          `attributes of <${shownName(name)}> need white space between them`,
          k,
          name,
        );
      const nameStart = k;
      k = nameEnd(xml, k, n);
      const attribute = xml.slice(nameStart, k);
      const afterAttribute = xml.charCodeAt(k);
      if (k < n && !isSpace(afterAttribute) && afterAttribute !== EQUALS)
        fail(
          'malformed',
          `character ${describeCharacter(afterAttribute)} in an attribute name of <${shownName(name)}>`,
          k,
          name,
        );
      if (!attribute)
        fail('malformed', `unexpected character in start tag <${shownName(name)}>`, k, name);
      const attributeProblem = qualifiedNameProblem(attribute);
      if (attributeProblem !== undefined) fail('malformed', attributeProblem, nameStart, name);
      while (k < n && isSpace(xml.charCodeAt(k))) k++;
      if (xml.charCodeAt(k) !== EQUALS)
        fail(
          'malformed',
          `attribute ${shownName(attribute)} has no value`,
          nameStart,
          name,
          attribute,
        );
      k++;
      while (k < n && isSpace(xml.charCodeAt(k))) k++;
      const quote = xml.charCodeAt(k);
      if (quote !== QUOTE && quote !== APOSTROPHE)
        fail(
          'malformed',
          `value of attribute ${shownName(attribute)} is not quoted`,
          k,
          name,
          attribute,
        );
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", k + 1);
      if (close === -1)
        fail(
          'malformed',
          `unterminated value of attribute ${shownName(attribute)}`,
          k,
          name,
          attribute,
        );
      if (nextLessThan !== -1 && nextLessThan < close)
        fail(
          'malformed',
          `'<' in the value of attribute ${shownName(attribute)}`,
          nextLessThan,
          name,
          attribute,
        );
      if (forbiddenAt < close) failForbiddenCharacter(name, attribute);
      checkReferences(k + 1, close, name, attribute);
      if (!hasWhitespaceInAttributeValues && holdsWhitespace(k + 1, close))
        hasWhitespaceInAttributeValues = true;
      if (isForbiddenName(attribute))
        fail(
          'forbidden-name',
          `attribute name ${shownName(attribute)} is not allowed`,
          nameStart,
          name,
          attribute,
        );
      let repeated = false;
      if (seenCount < SEEN_SCAN_LIMIT) {
        for (let s = 0; s < seenCount && !repeated; s++) repeated = seen[s] === attribute;
      } else {
        if (seenSet === undefined) seenSet = new Set(seen.slice(0, seenCount));
        repeated = seenSet.has(attribute);
        seenSet.add(attribute);
      }
      if (repeated)
        fail(
          'malformed',
          `attribute ${shownName(attribute)} is repeated`,
          nameStart,
          name,
          attribute,
        );
      seen[seenCount++] = attribute;
      if (
        attribute.charCodeAt(0) === 120 /* x */ &&
        attribute.startsWith('xmlns') &&
        (attribute.length === 5 || attribute.charCodeAt(5) === COLON)
      ) {
        if (root !== undefined) hasNestedNamespaceDeclarations = true;
        if (attribute.length > 5) {
          const prefix = attribute.slice(6);
          if (prefix === 'xmlns' || (prefix === 'xml' && xml.slice(k + 1, close) !== XML_NAMESPACE))
            fail(
              'malformed',
              `the prefix ${prefix} cannot be bound to another namespace`,
              nameStart,
              name,
              attribute,
            );
          declarePrefix(prefixes, prefix, stack.length + 1);
        }
      } else if (attribute.indexOf(':') !== -1) hasPrefixedName = true;
      k = close + 1;
    }
    if (hasPrefixedName) {
      checkPrefix(name, lt, name);
      for (let s = 0; s < seenCount; s++) checkPrefix(seen[s] as string, lt, name, seen[s]);
    }

    if (root === undefined) root = name;
    // The depth of this element is stack.length + 1 (the root's is 1), self-closing or not: a
    // self-closing element nests as deep as an empty one.
    if (stack.length >= maxDepth) {
      stack.push(name);
      const { line, column } = textPosition(xml, lt);
      throw new XmlLimitError('maxDepth', maxDepth, elementPath(stack), line, column);
    }
    foundLessThan = nextLessThan;
    // A self-closing element below the root is a whole child of its parent, and nothing else.
    if (selfClosing && stack.length > 0) addWholeChild(outline, stack.length - 1, lt, k);
    else {
      openElement(outline, stack.length, lt, k);
      if (selfClosing) closeElement(outline, 0, k, k);
    }
    if (selfClosing) leavePrefixScopes(prefixes, stack.length);
    else stack.push(name);
    i = k;
  }

  if (forbiddenAt < n) failForbiddenCharacter();
  if (stack.length > 0)
    fail(
      'malformed',
      `the document ends inside <${shownName(stack.at(-1) as string)}> (truncated?)`,
      n,
    );
  if (root === undefined)
    fail('malformed', n === 0 ? 'the document is empty' : 'no root element', n);
  return {
    root: root as string,
    hasNestedNamespaceDeclarations,
    hasWhitespaceInAttributeValues,
    rootElement: outline.root as OutlinedElement,
  };
}
