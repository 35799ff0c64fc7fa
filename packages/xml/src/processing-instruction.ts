import { FORBIDDEN_NAMES } from './forbidden-names.js';
import { describeCharacter, nameEnd, qualifiedNameProblem } from './xml-name.js';

/** The XML declaration: version, then an optional encoding and standalone, nothing else. */
const XML_DECLARATION =
  /<\?xml\s+version\s*=\s*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:\s+encoding\s*=\s*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:\s+standalone\s*=\s*(?:"(?:yes|no)"|'(?:yes|no)'))?\s*\?>/y;

const DECLARATION_TARGET = /^xml(?:\s|$)/i;
const TARGET_END = /[ \t\n\r]/;
const QUOTE = /["']/;
// fast-xml-parser reads a PI's body as attributes and throws on these names (see forbidden-names.ts).
const FORBIDDEN_WORD = new RegExp([...FORBIDDEN_NAMES].join('|'));

/**
 * Why the processing instruction from `start` (its `<`) to `end` (its `?>`) cannot be accepted,
 * or undefined. XML ends a PI at its first `?>`, but fast-xml-parser skips quoted text in it and
 * may end it later, silently dropping the elements in between; and it reads the body as
 * attributes. EM sends no PI but the XML declaration, so a quote is refused everywhere else, and
 * the declaration must follow its grammar (which holds no `?>` inside quotes).
 */
export function processingInstructionProblem(
  xml: string,
  start: number,
  end: number,
): string | undefined {
  const body = xml.slice(start + 2, end);
  if (DECLARATION_TARGET.test(body)) {
    // Reserved names (`xml` in any case) are the declaration's only, and it comes first.
    if (start !== 0) return 'an XML declaration anywhere but at the start of the document';
    XML_DECLARATION.lastIndex = start;
    return XML_DECLARATION.test(xml) ? undefined : 'malformed XML declaration';
  }
  const targetEnd = nameEnd(xml, start + 2, end);
  const target = xml.slice(start + 2, targetEnd);
  if (!target) return 'processing instruction without a target';
  if (targetEnd < end && !TARGET_END.test(xml.charAt(targetEnd)))
    return `character ${describeCharacter(xml.charCodeAt(targetEnd))} in a processing instruction's target`;
  const targetProblem = qualifiedNameProblem(target);
  if (targetProblem !== undefined) return targetProblem;
  if (QUOTE.test(body))
    return `quote in processing instruction <?${target.slice(0, 40)}…?> (the XML parser would end it elsewhere)`;
  if (FORBIDDEN_WORD.test(body))
    return `processing instruction <?${target.slice(0, 40)}…?> holds a name that is not allowed`;
  return undefined;
}
