import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { toCamelCase } from './camel-case.js';
import { SchemaError } from './schema-error.js';
import type {
  EnumTypeDefinition,
  ObjectTypeDefinition,
  PropertyDefinition,
  ScalarKind,
  TypeDefinition,
} from './type-definition.js';

const SCHEMA_SUFFIX = '.schema.json';

interface RawValue {
  type?: string;
  format?: string;
  $ref?: string;
  description?: string;
  items?: RawValue;
  xml?: {
    attribute?: true;
    text?: true;
    order?: number;
    wrapper?: string;
    item?: string;
    wrapperRequired?: true;
    choice?: string;
    json?: string;
  };
}

interface RawObjectType {
  title: string;
  $id: string;
  description: string;
  type: 'object';
  xml: { xsdType: string; namespace: string; roots: string[] };
  properties: Record<string, RawValue>;
  required: string[];
}

interface RawEnumType {
  title: string;
  $id: string;
  description: string;
  type: 'string';
  xml: { xsdType: string };
  anyOf: [{ enum: string[] }, { type: 'string' }];
}

type RawType = RawObjectType | RawEnumType;

/** Reads every `*.schema.json` of a folder, checks it against the vocabulary, and resolves references. */
export function loadSchemas(schemaDir: string, metaSchemaFile: string): TypeDefinition[] {
  const files = readdirSync(schemaDir)
    .filter((file) => file.endsWith(SCHEMA_SUFFIX))
    .sort();
  const raw = new Map<string, RawType>();
  for (const file of files) raw.set(file, parseFile(schemaDir, file));
  checkAgainstMetaSchema(raw, metaSchemaFile);

  const kinds = new Map<string, 'object' | 'enum'>();
  for (const [file, schema] of raw) {
    checkHeader(file, schema);
    kinds.set(file, schema.type === 'object' ? 'object' : 'enum');
  }
  const definitions = [...raw].map(([file, schema]) =>
    schema.type === 'object' ? toObjectType(file, schema, kinds) : toEnumType(file, schema),
  );
  checkRootsAreUnique(definitions);
  return definitions;
}

function parseFile(schemaDir: string, file: string): RawType {
  const text = readFileSync(join(schemaDir, file), 'utf8');
  try {
    return JSON.parse(text) as RawType;
  } catch (error) {
    throw new SchemaError(file, '', `not valid JSON: ${(error as Error).message}`);
  }
}

function checkAgainstMetaSchema(raw: Map<string, RawType>, metaSchemaFile: string): void {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  const validate = ajv.compile(JSON.parse(readFileSync(metaSchemaFile, 'utf8')));
  for (const [file, schema] of raw) {
    if (validate(schema)) continue;
    // oneOf reports every branch; the deepest error points closest to the mistake.
    const deepest = [...(validate.errors ?? [])].sort(
      (a, b) => b.instancePath.length - a.instancePath.length,
    )[0];
    throw new SchemaError(
      file,
      deepest?.instancePath ?? '',
      `does not match schemas/meta/em-type.schema.json: ${deepest?.message ?? 'invalid'}`,
    );
  }
}

function checkHeader(file: string, schema: RawType): void {
  const name = file.slice(0, -SCHEMA_SUFFIX.length);
  if (schema.title !== name) {
    throw new SchemaError(file, '/title', `must equal the file name "${name}"`);
  }
  if (!schema.$id.endsWith(`/${file}`)) {
    throw new SchemaError(file, '/$id', `must end with "/${file}"`);
  }
}

function toEnumType(file: string, schema: RawEnumType): EnumTypeDefinition {
  return {
    kind: 'enum',
    name: schema.title,
    file,
    description: schema.description,
    xsdType: schema.xml.xsdType,
    values: schema.anyOf[0].enum,
  };
}

function toObjectType(
  file: string,
  schema: RawObjectType,
  kinds: Map<string, 'object' | 'enum'>,
): ObjectTypeDefinition {
  for (const [index, name] of schema.required.entries()) {
    if (!(name in schema.properties)) {
      throw new SchemaError(file, `/required/${index}`, `"${name}" is not a property`);
    }
  }
  const properties = Object.entries(schema.properties).map(([name, value]) =>
    toProperty(file, name, value, schema.required.includes(name), kinds),
  );
  checkElementOrder(file, properties);
  checkJsonKeysAreUnique(file, properties);
  const attributes = properties.filter((property) => property.node === 'attribute');
  const text = properties.filter((property) => property.node === 'text');
  if (text.length > 1 || (text.length === 1 && properties.some((p) => p.node === 'element'))) {
    throw new SchemaError(
      file,
      '/properties',
      'text content excludes child elements and is one property',
    );
  }
  const elements = properties
    .filter((property) => property.node === 'element')
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return {
    kind: 'object',
    name: schema.title,
    file,
    description: schema.description,
    xsdType: schema.xml.xsdType,
    namespace: schema.xml.namespace,
    roots: schema.xml.roots,
    properties: [...attributes, ...text, ...elements],
  };
}

function toProperty(
  file: string,
  name: string,
  raw: RawValue,
  required: boolean,
  kinds: Map<string, 'object' | 'enum'>,
): PropertyDefinition {
  const pointer = `/properties/${name}`;
  const xml = raw.xml ?? {};
  const isArray = raw.type === 'array';
  const value = isArray ? (raw.items as RawValue) : raw;
  const { kind, ref } = valueKind(file, pointer, value, kinds);
  const node = xml.attribute ? 'attribute' : xml.text ? 'text' : 'element';

  if (node !== 'element' && (isArray || kind === 'object')) {
    throw new SchemaError(file, pointer, `${node} content is one scalar or enum value`);
  }
  if (isArray && !required) {
    throw new SchemaError(file, pointer, 'an array must be required: the model always holds one');
  }
  if (isArray !== (xml.item !== undefined)) {
    throw new SchemaError(
      file,
      `${pointer}/xml`,
      'an array needs xml.item, and only an array has one',
    );
  }
  if (xml.wrapper === undefined && xml.wrapperRequired) {
    throw new SchemaError(file, `${pointer}/xml`, 'wrapperRequired needs a wrapper');
  }
  if (xml.choice !== undefined && required) {
    throw new SchemaError(file, `${pointer}/xml/choice`, 'a member of a choice cannot be required');
  }
  if (xml.json === name) {
    throw new SchemaError(file, `${pointer}/xml/json`, 'names the JSON key only where it differs');
  }
  const description = raw.description ?? value.description;
  return {
    name,
    ...(xml.json !== undefined && { jsonName: xml.json }),
    ...(description !== undefined && { description }),
    node,
    ...(xml.order !== undefined && { order: xml.order }),
    kind,
    ...(ref !== undefined && { ref }),
    required,
    ...(xml.item !== undefined && {
      list: {
        ...(xml.wrapper !== undefined && { wrapper: xml.wrapper }),
        item: xml.item,
        ...(xml.wrapperRequired && { wrapperRequired: true }),
      },
    }),
    ...(xml.choice !== undefined && { choice: xml.choice }),
  };
}

function valueKind(
  file: string,
  pointer: string,
  value: RawValue,
  kinds: Map<string, 'object' | 'enum'>,
): { kind: PropertyDefinition['kind']; ref?: string } {
  if (value.$ref !== undefined) {
    const target = kinds.get(value.$ref);
    if (target === undefined) {
      throw new SchemaError(file, `${pointer}/$ref`, `no schema file "${value.$ref}"`);
    }
    return { kind: target, ref: value.$ref.slice(0, -SCHEMA_SUFFIX.length) };
  }
  const scalars: Record<string, ScalarKind> = {
    string: 'string',
    'string/date-time': 'dateTime',
    'integer/int32': 'int',
    'integer/int64': 'long',
    'integer/duration-seconds': 'timeSpan',
    boolean: 'boolean',
  };
  const key = value.format === undefined ? `${value.type}` : `${value.type}/${value.format}`;
  const kind = scalars[key];
  if (kind === undefined) throw new SchemaError(file, pointer, `unsupported value type "${key}"`);
  return { kind };
}

function checkElementOrder(file: string, properties: readonly PropertyDefinition[]): void {
  const orders = properties
    .filter((property) => property.node === 'element')
    .map((property) => property.order ?? 0)
    .sort((a, b) => a - b);
  orders.forEach((order, index) => {
    if (order !== index + 1) {
      throw new SchemaError(
        file,
        '/properties',
        `element orders must run 1..${orders.length} without gaps or repeats, found ${orders.join(', ')}`,
      );
    }
  });
}

/** Each JSON key, PascalCase or camelCase, names one property of a type. */
function checkJsonKeysAreUnique(file: string, properties: readonly PropertyDefinition[]): void {
  const owners = new Map<string, string>();
  for (const property of properties) {
    const pascal = property.jsonName ?? property.name;
    for (const key of new Set([pascal, toCamelCase(pascal)])) {
      const owner = owners.get(key);
      if (owner !== undefined) {
        throw new SchemaError(
          file,
          `/properties/${property.name}`,
          `JSON key "${key}" is already the key of ${owner}`,
        );
      }
      owners.set(key, property.name);
    }
  }
}

function checkRootsAreUnique(definitions: readonly TypeDefinition[]): void {
  const owners = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== 'object') continue;
    for (const root of definition.roots) {
      const owner = owners.get(root);
      if (owner !== undefined) {
        throw new SchemaError(
          definition.file,
          '/xml/roots',
          `root element "${root}" is already declared by ${owner}`,
        );
      }
      owners.set(root, definition.file);
    }
  }
}
