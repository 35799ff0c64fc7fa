import {
  type FieldDescriptor,
  formatEmDateTime,
  type ObjectTypeDescriptor,
  type ObjectTypeName,
  objectTypeDescriptors,
  type RootElementName,
  type RootValue,
  scalarValueProblem,
  shownValue,
  typeOfRoot,
} from '@vbem/model';
import { EM_NAMESPACE } from './em-namespace.js';
import { escapeAttribute, escapeText, isXmlText } from './escape-xml.js';
import { fieldIndex } from './field-index.js';
import { XmlEncodeError } from './xml-encode-error.js';

export interface EncodeOptions {
  /** Start with `<?xml version="1.0" encoding="utf-8"?>` (default true). */
  readonly declaration?: boolean | undefined;
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * Writes a model value as the EM XML document of `root`: namespace-qualified, elements in XSD
 * order (EM rejects bodies out of order), attributes escaped, dates as EM writes them. Refuses,
 * with `XmlEncodeError` naming the path, a missing required property, a property the type does
 * not have, a value of the wrong type, and text that XML cannot carry.
 */
export function encode<Root extends RootElementName>(
  root: Root,
  value: RootValue<Root>,
  options: EncodeOptions = {},
): string {
  if (typeof options !== 'object' || options === null) {
    throw new XmlEncodeError(`options must be an object, got ${shownValue(options)}`, '');
  }
  if (options.declaration !== undefined && typeof options.declaration !== 'boolean') {
    throw new XmlEncodeError(
      `declaration must be true or false, got ${shownValue(options.declaration)}`,
      '',
    );
  }
  const type = typeof root === 'string' ? typeOfRoot(root) : undefined;
  if (!type) {
    const shown = typeof root === 'string' ? root : shownValue(root);
    throw new XmlEncodeError(`no EM type has the root element ${shown}`, `/${shown}`);
  }
  const writer = new ModelToXml();
  writer.writeObject(root, objectTypeDescriptors[type], value, true);
  return (options.declaration ?? true) ? DECLARATION + writer.xml : writer.xml;
}

class ModelToXml {
  xml = '';
  private readonly path: string[] = [];

  writeObject(
    tag: string,
    descriptor: ObjectTypeDescriptor,
    value: unknown,
    isRoot = false,
    segment = tag,
  ): void {
    this.path.push(segment);
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      Object.prototype.toString.call(value) === '[object Date]'
    ) {
      this.fail(`expected a ${descriptor.name} object`);
    }
    const record = value as Record<string, unknown>;
    const index = fieldIndex(descriptor);
    for (const key in record) {
      if (!index.names.has(key) && record[key] !== undefined)
        this.fail(`${descriptor.name} has no property ${key}`);
    }

    let xml = `<${tag}`;
    if (isRoot) xml += ` xmlns="${EM_NAMESPACE}"`;
    for (const field of descriptor.attributes) {
      const item = this.present(record, field);
      if (item !== undefined)
        xml += ` ${field.name}="${escapeAttribute(this.scalarText(field, item, `@${field.name}`))}"`;
    }
    this.xml += xml;

    let content = false;
    if (descriptor.text) {
      const item = this.present(record, descriptor.text);
      if (item !== undefined) {
        const text = this.scalarText(descriptor.text, item, 'text()');
        if (text) {
          this.xml += `>${escapeText(text)}`;
          content = true;
        }
      }
    }
    for (const mask of index.choiceMasks) {
      const present = index.fields.filter(
        ({ field, bit }) => mask & bit && record[field.name] != null,
      );
      if (present.length > 1)
        this.fail(`only one of ${present.map(({ field }) => field.name).join(', ')} may be set`);
    }
    for (const field of descriptor.elements) {
      const item = this.present(record, field);
      if (item === undefined) continue;
      if (field.list) {
        if (!Array.isArray(item)) this.fail(`${field.name} must be an array`);
        const items = item as unknown[];
        if (items.length === 0 && !field.list.wrapperRequired) continue;
        if (!content) this.xml += '>';
        content = true;
        if (field.list.wrapper) {
          if (items.length === 0) {
            this.xml += `<${field.list.wrapper} />`;
            continue;
          }
          this.path.push(field.list.wrapper);
          this.xml += `<${field.list.wrapper}>`;
        }
        for (let position = 0; position < items.length; position++) {
          this.writeValue(field.list.item, field, items[position], position + 1);
        }
        if (field.list.wrapper) {
          this.xml += `</${field.list.wrapper}>`;
          this.path.pop();
        }
        continue;
      }
      if (!content) this.xml += '>';
      content = true;
      this.writeValue(field.name, field, item, 0);
    }
    this.xml += content ? `</${tag}>` : ' />';
    this.path.pop();
  }

  private writeValue(tag: string, field: FieldDescriptor, value: unknown, position: number): void {
    const segment = position ? `${tag}[${position}]` : tag;
    if (field.kind === 'object') {
      this.writeObject(
        tag,
        objectTypeDescriptors[field.ref as ObjectTypeName],
        value,
        false,
        segment,
      );
      return;
    }
    const text = this.scalarText(field, value, segment);
    this.xml += text ? `<${tag}>${escapeText(text)}</${tag}>` : `<${tag} />`;
  }

  /** The property's value; undefined (or null) when absent, which is an error for a required scalar. */
  private present(record: Record<string, unknown>, field: FieldDescriptor): unknown {
    const value = record[field.name];
    if (value !== undefined && value !== null) return value;
    if (field.required && !field.list) this.fail(`required property ${field.name} is missing`);
    return undefined;
  }

  private scalarText(field: FieldDescriptor, value: unknown, segment: string): string {
    const problem = scalarValueProblem(field, value);
    if (problem) this.fail(`${field.name} ${problem}`, segment);
    if (typeof value === 'string') {
      if (!isXmlText(value))
        this.fail(`${field.name} holds a character that XML cannot carry`, segment);
      return value;
    }
    // By the field's kind, not instanceof: a Date of another realm is one too.
    if (field.kind === 'dateTime') return formatEmDateTime(value as Date) as string;
    return String(value);
  }

  private fail(reason: string, segment?: string): never {
    throw new XmlEncodeError(reason, `/${[...this.path, ...(segment ? [segment] : [])].join('/')}`);
  }
}
