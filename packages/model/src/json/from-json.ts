import type { FieldDescriptor, ObjectTypeDescriptor } from '../descriptor.js';
import { parseEmDateTime } from '../em-date-time.js';
import {
  type EnumTypeName,
  enumTypeDescriptors,
  type ObjectTypeName,
  objectTypeDescriptors,
  type RootElementName,
  type RootValue,
} from '../generated/index.gen.js';
import { JsonDecodeError } from '../json-decode-error.js';
import { typeOfRoot } from '../root-type.js';
import { INT32_MAX, INT32_MIN } from '../scalar-check.js';
import { jsonKeys } from './json-keys.js';
import type { JsonWarning } from './json-warning.js';

/** A decoded JSON document: the typed value and what the model did not know. */
export interface FromJsonResult<Root extends RootElementName> {
  readonly root: Root;
  readonly value: RootValue<Root>;
  readonly warnings: readonly JsonWarning[];
}

const enumSets = new Map<string, ReadonlySet<string>>();
const knownValues = (name: string): ReadonlySet<string> => {
  let values = enumSets.get(name);
  if (!values) {
    values = new Set(enumTypeDescriptors[name as EnumTypeName].values);
    enumSets.set(name, values);
  }
  return values;
};

// Which casing to try first; flips when a document turns out to use the other one.
let camelFirst = false;

/** A location in the document, turned into a string only when an error or warning needs it. */
interface JsonPath {
  readonly parent: JsonPath | undefined;
  readonly key: string | number;
}
const ROOT_PATH: JsonPath | undefined = undefined;
const at = (parent: JsonPath | undefined, key: string | number): JsonPath => ({ parent, key });
const pathString = (path: JsonPath | undefined): string => {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.parent) keys.push(p.key);
  return keys
    .reverse()
    .map((key) => `/${key}`)
    .join('');
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads EM's JSON (already parsed) into the model value of a root element, as the descriptors
 * say: the root name is dropped, attributes are properties, lists sit under their own name,
 * `null` means absent. Accepts PascalCase (EM 12) and camelCase (EM 13) keys without being told.
 * Unknown keys with a value are reported in `warnings`; unknown keys with `null` (EM lists every
 * entity-list type of a query result that way) are ignored.
 */
export function fromJson<Root extends RootElementName>(
  root: Root,
  json: unknown,
): FromJsonResult<Root> {
  const type = typeOfRoot(root);
  if (!type)
    throw new JsonDecodeError(
      'unexpected-root',
      `no EM type has the root element ${String(root)}`,
      '',
    );
  const warnings: JsonWarning[] = [];
  const value = readObject(json, objectTypeDescriptors[type], ROOT_PATH, warnings);
  return { root, value: value as unknown as RootValue<Root>, warnings };
}

function readObject(
  json: unknown,
  descriptor: ObjectTypeDescriptor,
  path: JsonPath | undefined,
  warnings: JsonWarning[],
): Record<string, unknown> {
  if (!isRecord(json))
    throw new JsonDecodeError(
      'invalid-structure',
      `expected a ${descriptor.name} object`,
      pathString(path),
    );
  const { fields, known } = jsonKeys(descriptor);
  const out: Record<string, unknown> = {};
  let matched = 0;
  for (const field of fields) {
    // Documents are in one casing: try the one that matched last, then the other.
    let key = camelFirst ? field.camelName : field.name;
    let raw = json[key];
    if (raw === undefined) {
      key = camelFirst ? field.name : field.camelName;
      raw = json[key];
      if (raw !== undefined) camelFirst = !camelFirst;
    }
    if (raw !== undefined) matched++;
    if (raw === undefined || raw === null) {
      if (field.list) out[field.name] = [];
      else if (field.required) {
        throw new JsonDecodeError(
          'invalid-structure',
          `required ${field.name} of ${descriptor.name} is missing`,
          pathString(at(path, key)),
        );
      }
      continue;
    }
    if (field.list) {
      if (!Array.isArray(raw))
        throw new JsonDecodeError(
          'invalid-structure',
          `${field.name} must be an array`,
          pathString(at(path, key)),
        );
      const listPath = at(path, key);
      const items = new Array(raw.length);
      for (let index = 0; index < raw.length; index++) {
        items[index] = readValue(field, raw[index], listPath, index, warnings);
      }
      out[field.name] = items;
    } else {
      out[field.name] = readValue(field, raw, path, key, warnings);
    }
  }
  // Only an object with more keys than it matched can hold unknown ones.
  if (Object.keys(json).length > matched) reportUnknownKeys(json, known, path, warnings);
  return out;
}

function reportUnknownKeys(
  json: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: JsonPath | undefined,
  warnings: JsonWarning[],
): void {
  for (const key in json) {
    if (known.has(key) || json[key] === null) continue;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new JsonDecodeError(
        'invalid-structure',
        `property name ${key} is not allowed`,
        pathString(at(path, key)),
      );
    }
    warnings.push({
      code: 'unknown-property',
      path: pathString(at(path, key)),
      name: key,
      value: json[key],
    });
  }
}

function invalidValue(
  field: FieldDescriptor,
  raw: unknown,
  parent: JsonPath | undefined,
  key: string | number,
  what: string,
): never {
  const shown =
    typeof raw === 'string' ? JSON.stringify(raw.slice(0, 80)) : String(raw).slice(0, 80);
  throw new JsonDecodeError(
    'invalid-value',
    `${field.name} ${shown} ${what}`,
    pathString(at(parent, key)),
  );
}

function readValue(
  field: FieldDescriptor,
  raw: unknown,
  parent: JsonPath | undefined,
  key: string | number,
  warnings: JsonWarning[],
): unknown {
  switch (field.kind) {
    case 'object':
      return readObject(
        raw,
        objectTypeDescriptors[field.ref as ObjectTypeName],
        at(parent, key),
        warnings,
      );
    case 'string':
      return typeof raw === 'string'
        ? raw
        : invalidValue(field, raw, parent, key, 'is not a string');
    case 'enum':
      if (typeof raw !== 'string') return invalidValue(field, raw, parent, key, 'is not a string');
      if (!knownValues(field.ref as string).has(raw)) {
        warnings.push({
          code: 'unknown-enum-value',
          path: pathString(at(parent, key)),
          name: field.ref as string,
          value: raw,
        });
      }
      return raw;
    case 'int':
    case 'long':
    case 'timeSpan':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw))
        return invalidValue(field, raw, parent, key, 'is not a safe integer');
      if (field.kind === 'int' && (raw < INT32_MIN || raw > INT32_MAX))
        return invalidValue(field, raw, parent, key, 'is outside the int32 range');
      return raw;
    case 'boolean':
      return typeof raw === 'boolean'
        ? raw
        : invalidValue(field, raw, parent, key, 'is not a boolean');
    case 'dateTime':
      return (
        (typeof raw === 'string' && parseEmDateTime(raw)) ||
        invalidValue(field, raw, parent, key, 'is not a DateTime')
      );
  }
}
