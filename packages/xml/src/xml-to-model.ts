import {
  type EnumTypeName,
  enumTypeDescriptors,
  type FieldDescriptor,
  type ObjectTypeDescriptor,
  type ObjectTypeName,
  objectTypeDescriptors,
  type ScalarKind,
} from '@vbem/model';
import { decodeEntities } from './decode-entities.js';
import type { DecodeWarning } from './decode-warning.js';
import { EM_NAMESPACE } from './em-namespace.js';
import { type FieldIndex, fieldIndex, hasSeveralBits } from './field-index.js';
import {
  declareNamespace,
  leaveNamespaceScopes,
  namespaceMark,
  namespaceOf,
  newNamespaceScopes,
} from './namespace-scopes.js';
import { type OrderedNode, tagOf, textOf } from './ordered-node.js';
import { parsedWhole } from './piecewise-tree.js';
import { quoteValue, shownName } from './quote-value.js';
import { parseScalar, scalarProblem } from './scalar-value.js';
import { XmlDecodeError } from './xml-decode-error.js';
import { XML_NAMESPACE, XSI_NAMESPACE } from './xml-namespaces.js';

/** What `readValue` and `readObject` return for an element with `xsi:nil="true"`: no value. */
const NIL: unique symbol = Symbol('nil');
/** What `otherAttribute` says of an attribute that is known and says nothing the model keeps. */
const IGNORED: unique symbol = Symbol('ignored');

/**
 * Attributes of the XML and XML Schema instance namespaces that say nothing the model would keep:
 * how white space and language are meant, and where a schema is. Read without a warning, also
 * with `strict`. `xsi:type` is not among them: it would change the type, which the model cannot.
 */
const IGNORED_XML_ATTRIBUTES: ReadonlySet<string> = new Set(['space', 'lang']);
const IGNORED_XSI_ATTRIBUTES: ReadonlySet<string> = new Set([
  'schemaLocation',
  'noNamespaceSchemaLocation',
]);
const knownEnumValues = new Map<string, ReadonlySet<string>>();

function enumValues(name: string): ReadonlySet<string> {
  let values = knownEnumValues.get(name);
  if (!values) {
    values = new Set(enumTypeDescriptors[name as EnumTypeName].values);
    knownEnumValues.set(name, values);
  }
  return values;
}

/** The position that marks an attribute in `segmentOf`. */
const ATTRIBUTE = -1;

/**
 * A path segment: `@Name` for an attribute, `Tag[3]` for the third item of a list, else `Tag`;
 * the name cut as `shownName` cuts it.
 */
const segmentOf = (name: string, position: number): string => {
  const shown = shownName(name);
  return position === ATTRIBUTE ? `@${shown}` : position > 0 ? `${shown}[${position}]` : shown;
};

const isNamespaceDeclaration = (name: string): boolean =>
  name.charCodeAt(0) === 120 /* x */ && (name === 'xmlns' || name.startsWith('xmlns:'));

/** Converts parsed XML into model values, as the descriptors say; collects warnings. */
export class XmlToModel {
  readonly warnings: DecodeWarning[] = [];
  /** Warnings past `maxWarnings`, counted and not kept: a hostile body of a million unknown elements must not hold them all. */
  omittedWarnings = 0;
  // The element path, kept as tags and 1-based list positions (0: not a list item); formatted on demand.
  private readonly tags: string[] = [];
  private readonly positions: number[] = [];
  private readonly namespaces = newNamespaceScopes();

  constructor(
    private readonly strict: boolean,
    /** False when only the root declares namespaces, so inner elements need no scope of their own. */
    private readonly hasNestedNamespaceDeclarations = true,
    /** Whether an attribute value may hold a raw tab or newline (the parser made CRs newlines). */
    private readonly hasWhitespaceInAttributeValues = true,
    private readonly maxWarnings = Number.POSITIVE_INFINITY,
  ) {}

  /** An attribute's value: raw tabs and newlines are spaces (XML's normalisation), then references decoded. */
  private attributeValue(raw: string): string {
    return decodeEntities(this.hasWhitespaceInAttributeValues ? raw.replace(/[\t\n]/g, ' ') : raw);
  }

  readRoot(node: OrderedNode, tag: string, type: ObjectTypeName): Record<string, unknown> {
    this.enterScope(node[':@']);
    if (this.emName(tag) === undefined)
      this.fail('unexpected-root', `root element ${shownName(tag)} is not in EM's namespace`);
    const value = this.readObject(node, tag, objectTypeDescriptors[type], 0);
    if (value === NIL)
      this.fail('invalid-structure', `root element ${shownName(tag)} is nil`, segmentOf(tag, 0));
    return value;
  }

  private pathString(extra?: string): string {
    const segments = this.tags.map((tag, i) => segmentOf(tag, this.positions[i] as number));
    if (extra !== undefined) segments.push(extra);
    return `/${segments.join('/')}`;
  }

  /**
   * Brings the namespaces an element declares into scope; returns the mark to leave them at when
   * the element closes (-1: nothing to leave, as when only the root declares namespaces).
   */
  private enterScope(attributes: Record<string, string> | undefined): number {
    if (!attributes) return -1;
    const mark = namespaceMark(this.namespaces);
    for (const name in attributes) {
      if (!isNamespaceDeclaration(name)) continue;
      const uri = this.attributeValue(attributes[name] as string);
      declareNamespace(this.namespaces, name === 'xmlns' ? '' : name.slice(6), uri);
    }
    return mark;
  }

  /** The scope of a child element, when elements below the root may declare namespaces. */
  private enterChildScope(child: OrderedNode): number {
    return this.hasNestedNamespaceDeclarations ? this.enterScope(child[':@']) : -1;
  }

  private leaveScope(mark: number): void {
    if (mark !== -1) leaveNamespaceScopes(this.namespaces, mark);
  }

  /** The namespace of a qualified name's prefix; a prefix that is not declared is malformed. */
  private namespaceOfPrefix(qualified: string, colon: number): string {
    const prefix = qualified.slice(0, colon);
    const namespace = namespaceOf(this.namespaces, prefix);
    if (namespace === undefined)
      this.fail('malformed', `namespace prefix ${shownName(prefix)} is not declared`);
    return namespace as string;
  }

  /** The EM local name of an element, or undefined when it belongs to another namespace. */
  private emName(qualified: string): string | undefined {
    const colon = qualified.indexOf(':');
    if (colon === -1) return this.namespaces.defaultIsEm ? qualified : undefined;
    return this.namespaceOfPrefix(qualified, colon) === EM_NAMESPACE
      ? qualified.slice(colon + 1)
      : undefined;
  }

  /**
   * What an attribute the type does not have is, by its namespace (not its prefix's spelling):
   * `xsi:nil`'s value (true when the element is nil), `IGNORED` for one that says nothing the
   * model keeps, or undefined for an unknown one.
   */
  private otherAttribute(
    name: string,
    raw: string,
    segment: string,
  ): boolean | typeof IGNORED | undefined {
    const colon = name.indexOf(':');
    if (colon === -1) return undefined;
    const namespace = this.namespaceOfPrefix(name, colon);
    const local = name.slice(colon + 1);
    if (namespace === XSI_NAMESPACE) {
      if (local === 'nil') {
        const value = parseScalar('boolean', raw);
        if (value === undefined)
          this.fail(
            'invalid-value',
            `xsi:nil ${quoteValue(raw)} ${scalarProblem('boolean', raw)}`,
            `${segment}${segmentOf(name, ATTRIBUTE)}`,
          );
        return value as boolean;
      }
      return IGNORED_XSI_ATTRIBUTES.has(local) ? IGNORED : undefined;
    }
    return namespace === XML_NAMESPACE && IGNORED_XML_ATTRIBUTES.has(local) ? IGNORED : undefined;
  }

  /**
   * A nil element has no value, so no content may contradict it (XML Schema: "must have no
   * character or element information item children"); `segment` leads to it from the current path.
   */
  private checkNilContent(node: OrderedNode, tag: string, segment: string): typeof NIL {
    for (const child of node[tag] as OrderedNode[]) {
      if (tagOf(child) !== undefined || textOf(child).trim() !== '')
        this.fail(
          'invalid-structure',
          `element ${shownName(tag)} is nil (xsi:nil) but has content`,
          segment || undefined,
        );
    }
    return NIL;
  }

  private readObject(
    node: OrderedNode,
    tag: string,
    descriptor: ObjectTypeDescriptor,
    position: number,
  ): Record<string, unknown> | typeof NIL {
    this.tags.push(tag);
    this.positions.push(position);
    const attributes = node[':@'];
    const index = fieldIndex(descriptor);
    const out: Record<string, unknown> = {};
    let present = 0;
    // Fields whose element was nil: not present, but there all the same (a second one is a repeat).
    let nilled = 0;

    if (attributes) {
      let isNil = false;
      for (const name in attributes) {
        if (isNamespaceDeclaration(name)) continue;
        const raw = this.attributeValue(attributes[name] as string);
        const entry = index.attributes.get(name);
        if (entry) {
          out[entry.field.name] = this.readScalarField(entry.field, raw, name, ATTRIBUTE);
          present |= entry.bit;
          continue;
        }
        const other = this.otherAttribute(name, raw, '');
        if (other === true) isNil = true;
        else if (other === undefined)
          this.unknown('unknown-attribute', segmentOf(name, ATTRIBUTE), name, () => raw);
      }
      if (isNil) {
        this.checkNilContent(node, tag, '');
        this.tags.pop();
        this.positions.pop();
        return NIL;
      }
    }

    let text: string | undefined;
    let mark = -1;
    for (const child of node[tag] as OrderedNode[]) {
      // The scope of the child before: it has been read.
      this.leaveScope(mark);
      mark = -1;
      const childTag = tagOf(child);
      if (childTag === undefined) {
        if (descriptor.text) text = (text ?? '') + textOf(child);
        else this.unknownText(child);
        continue;
      }
      mark = this.enterChildScope(child);
      const local = this.emName(childTag);
      const entry = local === undefined ? undefined : index.elements.get(local);
      if (!entry) {
        this.unknown('unknown-element', segmentOf(childTag, 0), childTag, () => parsedWhole(child));
        continue;
      }
      const { field, bit } = entry;
      if (field.list) {
        if (field.list.wrapper) {
          if ((present | nilled) & bit)
            this.fail('invalid-structure', `element ${shownName(childTag)} appears more than once`);
          const items: unknown[] = [];
          if (this.readWrappedItems(child, childTag, field, items)) {
            out[field.name] = items;
            present |= bit;
          } else nilled |= bit;
          continue;
        }
        let items = out[field.name] as unknown[] | undefined;
        if (!items) {
          items = [];
          out[field.name] = items;
          present |= bit;
        }
        items.push(this.readItem(child, childTag, field, items.length + 1));
        continue;
      }
      if ((present | nilled) & bit)
        this.fail('invalid-structure', `element ${shownName(childTag)} appears more than once`);
      const value = this.readValue(child, childTag, field, 0);
      if (value === NIL) {
        if (field.required)
          this.fail(
            'invalid-structure',
            `required element ${field.name} of ${descriptor.name} is nil (xsi:nil), which is no value`,
            segmentOf(childTag, 0),
          );
        nilled |= bit;
        continue;
      }
      out[field.name] = value;
      present |= bit;
    }
    this.leaveScope(mark);

    if (descriptor.text) {
      out[descriptor.text.name] = this.readScalarField(descriptor.text, text ?? '', 'text()', 0);
      present |= fieldIndexBit(index, descriptor.text);
    }
    this.checkPresence(descriptor, index, out, present);
    this.tags.pop();
    this.positions.pop();
    return out;
  }

  private checkPresence(
    descriptor: ObjectTypeDescriptor,
    index: FieldIndex,
    out: Record<string, unknown>,
    present: number,
  ): void {
    if ((present & index.listMask) !== index.listMask) {
      for (const { field, bit } of index.fields)
        if (field.list && !(present & bit)) out[field.name] = [];
    }
    if ((present & index.requiredMask) !== index.requiredMask) {
      const missing = index.fields.find(
        ({ bit }) => index.requiredMask & bit && !(present & bit),
      )?.field;
      const what = missing?.node === 'attribute' ? 'attribute' : 'element';
      this.fail(
        'invalid-structure',
        `required ${what} ${missing?.name} of ${descriptor.name} is missing`,
      );
    }
    for (const mask of index.choiceMasks) {
      if (hasSeveralBits(present & mask)) {
        const names = index.fields
          .filter(({ bit }) => present & mask & bit)
          .map(({ field }) => field.name);
        this.fail(
          'invalid-structure',
          `only one of ${names.join(', ')} may appear in ${descriptor.name}`,
        );
      }
    }
  }

  /** Reads the items of a list's wrapper into `items`; false when the wrapper is nil (the list is then absent, as JSON's null). */
  private readWrappedItems(
    wrapper: OrderedNode,
    wrapperTag: string,
    field: FieldDescriptor,
    items: unknown[],
  ): boolean {
    this.tags.push(wrapperTag);
    this.positions.push(0);
    if (this.otherAttributes(wrapper[':@'], '')) {
      this.checkNilContent(wrapper, wrapperTag, '');
      this.tags.pop();
      this.positions.pop();
      return false;
    }
    const item = field.list?.item;
    let mark = -1;
    for (const child of wrapper[wrapperTag] as OrderedNode[]) {
      this.leaveScope(mark);
      mark = -1;
      const childTag = tagOf(child);
      if (childTag === undefined) {
        this.unknownText(child);
        continue;
      }
      mark = this.enterChildScope(child);
      if (this.emName(childTag) !== item) {
        this.unknown('unknown-element', segmentOf(childTag, 0), childTag, () => parsedWhole(child));
        continue;
      }
      items.push(this.readItem(child, childTag, field, items.length + 1));
    }
    this.leaveScope(mark);
    this.tags.pop();
    this.positions.pop();
    return true;
  }

  /** An item of a list, which cannot be nil: a list holds no absent items (JSON's `[null]` is refused too). */
  private readItem(node: OrderedNode, tag: string, field: FieldDescriptor, position: number) {
    const value = this.readValue(node, tag, field, position);
    if (value === NIL)
      this.fail(
        'invalid-structure',
        `an item of ${field.name} is nil (xsi:nil): a list holds no absent items`,
        segmentOf(tag, position),
      );
    return value;
  }

  private readValue(
    node: OrderedNode,
    tag: string,
    field: FieldDescriptor,
    position: number,
  ): unknown {
    if (field.kind === 'object') {
      return this.readObject(
        node,
        tag,
        objectTypeDescriptors[field.ref as ObjectTypeName],
        position,
      );
    }
    const attributes = node[':@'];
    if (attributes && this.otherAttributes(attributes, `${segmentOf(tag, position)}/`))
      return this.checkNilContent(node, tag, segmentOf(tag, position));
    const children = node[tag] as OrderedNode[];
    let text: string;
    if (children.length === 0) text = '';
    else if (children.length === 1 && children[0]?.['#text'] !== undefined)
      text = decodeEntities(children[0]['#text']);
    else {
      // Text and CDATA pieces, in document order (a reference never spans two pieces).
      text = '';
      for (const child of children) {
        if (tagOf(child) !== undefined) {
          this.fail(
            'invalid-structure',
            `element ${shownName(tag)} holds elements where a ${field.kind} value is expected`,
            segmentOf(tag, position),
          );
        }
        text += textOf(child);
      }
    }
    return this.readScalarField(field, text, tag, position);
  }

  /** `name` and `position` locate the value for a warning or an error (see `segmentOf`); the path segment is built only then. */
  private readScalarField(
    field: FieldDescriptor,
    text: string,
    name: string,
    position: number,
  ): unknown {
    if (field.kind === 'enum') {
      if (!enumValues(field.ref as string).has(text))
        this.unknown(
          'unknown-enum-value',
          segmentOf(name, position),
          field.ref as string,
          () => text,
          false,
        );
      return text;
    }
    const value = parseScalar(field.kind as ScalarKind, text);
    if (value !== undefined) return value;
    return this.fail(
      'invalid-value',
      `${field.name} ${quoteValue(text)} ${scalarProblem(field.kind as ScalarKind, text)}`,
      segmentOf(name, position),
    );
  }

  /**
   * Reads the attributes of an element the model gives none (a list's wrapper, an element holding
   * a value): reports the unknown ones, but for namespace declarations and those `otherAttribute`
   * knows; returns whether the element is nil. `segment` leads to the element from the current
   * path (empty when it is the last element of the path).
   */
  private otherAttributes(
    attributes: Record<string, string> | undefined,
    segment: string,
  ): boolean {
    let isNil = false;
    for (const name in attributes) {
      if (isNamespaceDeclaration(name)) continue;
      const raw = attributes[name] as string;
      const other =
        name.indexOf(':') === -1
          ? undefined
          : this.otherAttribute(name, this.attributeValue(raw), segment);
      if (other === true) isNil = true;
      else if (other === undefined)
        this.unknown('unknown-attribute', `${segment}${segmentOf(name, ATTRIBUTE)}`, name, () =>
          this.attributeValue(raw),
        );
    }
    return isNil;
  }

  /** Reports a text or CDATA node where the model expects none, unless it is white space. */
  private unknownText(node: OrderedNode): void {
    const raw = node['#text'];
    // Tested before decoding: nearly every such node is the white space between elements.
    if (raw !== undefined && !raw.trim()) return;
    const value = textOf(node);
    if (value.trim()) this.unknown('unknown-text', 'text()', '#text', () => value);
  }

  /** `value` is read only when the warning is kept: an unknown element is parsed whole for it. */
  private unknown(
    code: DecodeWarning['code'],
    segment: string,
    name: string,
    value: () => unknown,
    strictFails = true,
  ): void {
    if (!(this.strict && strictFails) && this.warnings.length >= this.maxWarnings) {
      this.omittedWarnings++;
      return;
    }
    const path = this.pathString(segment);
    if (this.strict && strictFails) {
      const what =
        code === 'unknown-attribute' ? 'attribute' : code === 'unknown-text' ? 'text' : 'element';
      throw new XmlDecodeError(
        'unknown-content',
        `unknown ${what} ${shownName(name)} (strict mode)`,
        path,
      );
    }
    this.warnings.push({ code, path, name, value: value() });
  }

  private fail(code: XmlDecodeError['code'], reason: string, segment?: string): never {
    throw new XmlDecodeError(code, reason, this.pathString(segment));
  }
}

function fieldIndexBit(index: FieldIndex, field: FieldDescriptor): number {
  return index.fields.find((entry) => entry.field === field)?.bit ?? 0;
}
