import type { FieldDescriptor, ObjectTypeDescriptor } from '../descriptor.js';

/** The fields of a type in JSON order (attributes, text, elements), and every key either casing uses. */
export interface JsonKeys {
  readonly fields: readonly FieldDescriptor[];
  /** The PascalCase key of each field, at the same index: `jsonName ?? name`. */
  readonly pascalKeys: readonly string[];
  /** Every key a reader takes: PascalCase, camelCase, and the XML name where the JSON key differs. */
  readonly known: ReadonlySet<string>;
  /** The model's property names (the XML names), which a writer takes. */
  readonly names: ReadonlySet<string>;
  /**
   * The fields of each choice group (XSD `xs:choice`), of which at most one may be present, in
   * field order; empty for a type without choices.
   */
  readonly choices: readonly (readonly FieldDescriptor[])[];
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
    keys = {
      fields,
      pascalKeys: fields.map(pascalKey),
      known: new Set(fields.flatMap((field) => [pascalKey(field), field.camelName, field.name])),
      names: new Set(fields.map((field) => field.name)),
      choices: [...new Set(fields.flatMap((field) => (field.choice ? [field.choice] : [])))].map(
        (choice) => fields.filter((field) => field.choice === choice),
      ),
    };
    cache.set(descriptor, keys);
  }
  return keys;
}

/** The key EM 12 writes for a field: its XML name, unless EM's JSON names it otherwise. */
export const pascalKey = (field: FieldDescriptor): string => field.jsonName ?? field.name;

/** Whether some field has a value under more than one of its keys (`Href` and `href`). */
export function hasSeveralKeys(
  json: Record<string, unknown>,
  { fields, pascalKeys }: JsonKeys,
): boolean {
  return fields.some((field, index) => {
    const pascal = pascalKeys[index] as string;
    let found = json[pascal] === undefined ? 0 : 1;
    if (field.camelName !== pascal && json[field.camelName] !== undefined) found++;
    if (field.name !== pascal && json[field.name] !== undefined) found++;
    return found > 1;
  });
}
