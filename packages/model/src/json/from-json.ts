import type { FieldDescriptor, ObjectTypeDescriptor } from '../descriptor.js';
import { parseEmDateTime } from '../em-date-time.js';
import {
  type EnumTypeName,
  enumTypeDescriptors,
  type ObjectTypeName,
  objectTypeDescriptors,
  type RootElementName,
  type RootValue,
  rootElements,
} from '../generated/index.gen.js';
import { JsonDecodeError } from '../json-decode-error.js';
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
  const type: ObjectTypeName | undefined = Object.hasOwn(rootElements, root)
    ? rootElements[root]
    : undefined;
  if (!type)
    throw new JsonDecodeError(
      'unexpected-root',
      `no EM type has the root element ${String(root)}`,
      '',
    );
  const warnings: JsonWarning[] = [];
  const value = readObject(json, objectTypeDescriptors[type], '', warnings);
  return { root, value: value as unknown as RootValue<Root>, warnings };
}

function readObject(
  json: unknown,
  descriptor: ObjectTypeDescriptor,
  path: string,
  warnings: JsonWarning[],
): Record<string, unknown> {
  if (!isRecord(json))
    throw new JsonDecodeError('invalid-structure', `expected a ${descriptor.name} object`, path);
  const { fields, known } = jsonKeys(descriptor);
  for (const key in json) {
    if (known.has(key) || json[key] === null) continue;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new JsonDecodeError(
        'invalid-structure',
        `property name ${key} is not allowed`,
        `${path}/${key}`,
      );
    }
    warnings.push({
      code: 'unknown-property',
      path: `${path}/${key}`,
      name: key,
      value: json[key],
    });
  }
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const key = json[field.name] !== undefined ? field.name : field.camelName;
    const raw = json[key];
    const at = `${path}/${key}`;
    if (raw === undefined || raw === null) {
      if (field.list) out[field.name] = [];
      else if (field.required)
        throw new JsonDecodeError(
          'invalid-structure',
          `required ${field.name} of ${descriptor.name} is missing`,
          at,
        );
      continue;
    }
    if (field.list) {
      if (!Array.isArray(raw))
        throw new JsonDecodeError('invalid-structure', `${field.name} must be an array`, at);
      out[field.name] = raw.map((item, index) =>
        readValue(field, item, `${at}/${index}`, warnings),
      );
    } else {
      out[field.name] = readValue(field, raw, at, warnings);
    }
  }
  return out;
}

function readValue(
  field: FieldDescriptor,
  raw: unknown,
  path: string,
  warnings: JsonWarning[],
): unknown {
  const invalid = (what: string): never => {
    const shown =
      typeof raw === 'string' ? JSON.stringify(raw.slice(0, 80)) : String(raw).slice(0, 80);
    throw new JsonDecodeError('invalid-value', `${field.name} ${shown} ${what}`, path);
  };
  switch (field.kind) {
    case 'object':
      return readObject(raw, objectTypeDescriptors[field.ref as ObjectTypeName], path, warnings);
    case 'string':
      return typeof raw === 'string' ? raw : invalid('is not a string');
    case 'enum':
      if (typeof raw !== 'string') return invalid('is not a string');
      if (!knownValues(field.ref as string).has(raw)) {
        warnings.push({ code: 'unknown-enum-value', path, name: field.ref as string, value: raw });
      }
      return raw;
    case 'int':
    case 'long':
    case 'timeSpan':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw))
        return invalid('is not a safe integer');
      if (field.kind === 'int' && (raw < INT32_MIN || raw > INT32_MAX))
        return invalid('is outside the int32 range');
      return raw;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : invalid('is not a boolean');
    case 'dateTime':
      return (typeof raw === 'string' && parseEmDateTime(raw)) || invalid('is not a DateTime');
  }
}
