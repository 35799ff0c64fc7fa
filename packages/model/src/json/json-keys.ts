import type { FieldDescriptor, ObjectTypeDescriptor } from '../descriptor.js';

/** The fields of a type in JSON order (attributes, text, elements), and every key either casing uses. */
export interface JsonKeys {
  readonly fields: readonly FieldDescriptor[];
  readonly known: ReadonlySet<string>;
}

const cache = new WeakMap<ObjectTypeDescriptor, JsonKeys>();

export function jsonKeys(descriptor: ObjectTypeDescriptor): JsonKeys {
  let keys = cache.get(descriptor);
  if (!keys) {
    const fields = [
      ...descriptor.attributes,
      ...(descriptor.text ? [descriptor.text] : []),
      ...descriptor.elements,
    ];
    keys = { fields, known: new Set(fields.flatMap((field) => [field.name, field.camelName])) };
    cache.set(descriptor, keys);
  }
  return keys;
}
