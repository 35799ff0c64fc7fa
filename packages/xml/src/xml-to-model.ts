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
import { type OrderedNode, tagOf, textOf } from './ordered-node.js';
import { parsedWhole } from './piecewise-tree.js';
import { quoteValue, shownName } from './quote-value.js';
import { parseScalar, scalarProblem } from './scalar-value.js';
import { XmlDecodeError } from './xml-decode-error.js';

interface Scope {
  /** Whether unprefixed names are EM's: its namespace, or none declared (lenient: EM's vocabulary is the only one). */
  readonly defaultIsEm: boolean;
  readonly prefixes: ReadonlyMap<string, string>;
}

const ROOT_SCOPE: Scope = { defaultIsEm: true, prefixes: new Map() };
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
    const scope = this.scopeOf(node[':@'], ROOT_SCOPE);
    if (this.emName(tag, scope) === undefined)
      this.fail('unexpected-root', `root element ${shownName(tag)} is not in EM's namespace`);
    return this.readObject(node, tag, objectTypeDescriptors[type], scope, 0);
  }

  private pathString(extra?: string): string {
    const segments = this.tags.map((tag, i) => segmentOf(tag, this.positions[i] as number));
    if (extra !== undefined) segments.push(extra);
    return `/${segments.join('/')}`;
  }

  /** The scope of an element: its parent's, plus the namespaces it declares. */
  private scopeOf(attributes: Record<string, string> | undefined, parent: Scope): Scope {
    if (!attributes) return parent;
    let scope = parent;
    for (const name in attributes) {
      if (!isNamespaceDeclaration(name)) continue;
      const uri = this.attributeValue(attributes[name] as string);
      scope =
        name === 'xmlns'
          ? { defaultIsEm: uri === EM_NAMESPACE || uri === '', prefixes: scope.prefixes }
          : {
              defaultIsEm: scope.defaultIsEm,
              prefixes: new Map(scope.prefixes).set(name.slice(6), uri),
            };
    }
    return scope;
  }

  /** The EM local name of an element, or undefined when it belongs to another namespace. */
  private emName(qualified: string, scope: Scope): string | undefined {
    const colon = qualified.indexOf(':');
    if (colon === -1) return scope.defaultIsEm ? qualified : undefined;
    const prefix = qualified.slice(0, colon);
    const namespace = scope.prefixes.get(prefix);
    if (namespace === undefined)
      this.fail('malformed', `namespace prefix ${shownName(prefix)} is not declared`);
    return namespace === EM_NAMESPACE ? qualified.slice(colon + 1) : undefined;
  }

  private readObject(
    node: OrderedNode,
    tag: string,
    descriptor: ObjectTypeDescriptor,
    scope: Scope,
    position: number,
  ): Record<string, unknown> {
    this.tags.push(tag);
    this.positions.push(position);
    const attributes = node[':@'];
    const index = fieldIndex(descriptor);
    const out: Record<string, unknown> = {};
    let present = 0;

    if (attributes) {
      for (const name in attributes) {
        if (isNamespaceDeclaration(name)) continue;
        const raw = this.attributeValue(attributes[name] as string);
        const entry = index.attributes.get(name);
        if (entry) {
          out[entry.field.name] = this.readScalarField(entry.field, raw, name, ATTRIBUTE);
          present |= entry.bit;
        } else {
          this.unknown('unknown-attribute', segmentOf(name, ATTRIBUTE), name, () => raw);
        }
      }
    }

    let text: string | undefined;
    for (const child of node[tag] as OrderedNode[]) {
      const childTag = tagOf(child);
      if (childTag === undefined) {
        if (descriptor.text) text = (text ?? '') + textOf(child);
        else this.unknownText(child);
        continue;
      }
      const childScope = this.hasNestedNamespaceDeclarations
        ? this.scopeOf(child[':@'], scope)
        : scope;
      const local = this.emName(childTag, childScope);
      const entry = local === undefined ? undefined : index.elements.get(local);
      if (!entry) {
        this.unknown('unknown-element', segmentOf(childTag, 0), childTag, () => parsedWhole(child));
        continue;
      }
      const { field, bit } = entry;
      if (field.list) {
        let items = out[field.name] as unknown[] | undefined;
        if (!items) {
          items = [];
          out[field.name] = items;
          present |= bit;
        } else if (field.list.wrapper) {
          this.fail('invalid-structure', `element ${shownName(childTag)} appears more than once`);
        }
        if (field.list.wrapper) this.readWrappedItems(child, childTag, field, childScope, items);
        else items.push(this.readValue(child, childTag, field, childScope, items.length + 1));
        continue;
      }
      if (present & bit)
        this.fail('invalid-structure', `element ${shownName(childTag)} appears more than once`);
      out[field.name] = this.readValue(child, childTag, field, childScope, 0);
      present |= bit;
    }

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

  private readWrappedItems(
    wrapper: OrderedNode,
    wrapperTag: string,
    field: FieldDescriptor,
    scope: Scope,
    items: unknown[],
  ): void {
    this.tags.push(wrapperTag);
    this.positions.push(0);
    this.unknownAttributes(wrapper[':@'], '');
    const item = field.list?.item;
    for (const child of wrapper[wrapperTag] as OrderedNode[]) {
      const childTag = tagOf(child);
      if (childTag === undefined) {
        this.unknownText(child);
        continue;
      }
      const childScope = this.hasNestedNamespaceDeclarations
        ? this.scopeOf(child[':@'], scope)
        : scope;
      if (this.emName(childTag, childScope) !== item) {
        this.unknown('unknown-element', segmentOf(childTag, 0), childTag, () => parsedWhole(child));
        continue;
      }
      items.push(this.readValue(child, childTag, field, childScope, items.length + 1));
    }
    this.tags.pop();
    this.positions.pop();
  }

  private readValue(
    node: OrderedNode,
    tag: string,
    field: FieldDescriptor,
    scope: Scope,
    position: number,
  ): unknown {
    if (field.kind === 'object') {
      return this.readObject(
        node,
        tag,
        objectTypeDescriptors[field.ref as ObjectTypeName],
        scope,
        position,
      );
    }
    const attributes = node[':@'];
    if (attributes) this.unknownAttributes(attributes, `${segmentOf(tag, position)}/`);
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
   * Reports the attributes of an element the model gives none (a list's wrapper, an element
   * holding a value), but for namespace declarations; `segment` leads to the element from the
   * current path (empty when it is the last element of the path).
   */
  private unknownAttributes(attributes: Record<string, string> | undefined, segment: string): void {
    for (const name in attributes) {
      if (isNamespaceDeclaration(name)) continue;
      const raw = attributes[name] as string;
      this.unknown('unknown-attribute', `${segment}${segmentOf(name, ATTRIBUTE)}`, name, () =>
        this.attributeValue(raw),
      );
    }
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
