import { type X2jOptions, XMLParser } from 'fast-xml-parser';
import { CDATA_KEY } from './ordered-node.js';

/**
 * The options of the one configured parser (exported for the benchmark's raw baseline). It only ever sees documents that passed `checkWellFormed`.
 * Nothing is converted or guessed here (no tag or attribute value parsing, no entity
 * processing: `decodeEntities` does that once, later); order is preserved, whitespace kept.
 */
export const emParserOptions = (maxDepth: number): X2jOptions => ({
  preserveOrder: true,
  jPath: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CDATA apart from text, so that its content is not entity-decoded.
  cdataPropName: CDATA_KEY,
  removeNSPrefix: false,
  // A second line of defence only, never reached first: fast-xml-parser refuses to open an
  // element with more than maxNestedTags elements open around it (depth maxDepth + 3 and more,
  // the root being 1; self-closing ones are not counted), whereas checkWellFormed refuses any
  // element deeper than maxDepth, self-closing or not, and pieces are never deeper than the
  // document.
  maxNestedTags: maxDepth + 1,
  // Names like toString or hasOwnProperty kept as written (fast-xml-parser would write
  // __toString): they are own data properties of the parsed nodes, which are only read by key,
  // and a warning must name what EM sent. __proto__, constructor and prototype never get here:
  // checkWellFormed refuses them.
  onDangerousProperty: (name: string) => name,
});

export const createEmParser = (maxDepth: number): XMLParser =>
  new XMLParser(emParserOptions(maxDepth));
