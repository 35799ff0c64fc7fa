import type { FieldDescriptor, ObjectTypeDescriptor } from '../descriptor.js';
import { parseEmDateTime } from '../em-date-time.js';
import {
  type EnumTypeName,
  enumTypeDescriptors,
  type ObjectTypeName,
  objectTypeDescriptors,
} from '../generated/index.gen.js';
import { JsonDecodeError } from '../json-decode-error.js';
import { INT32_MAX, INT32_MIN } from '../scalar-check.js';
import { jsonKeys } from './json-keys.js';
import { pathString, type ReadContext } from './read-context.js';

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

// Which casing to try first; flips when a document turns out to use the other one.
let camelFirst = false;

/** Reads one JSON object, found at `context.path`, into the model value of `descriptor`. */
export function readObject(
  json: unknown,
  descriptor: ObjectTypeDescriptor,
  context: ReadContext,
): Record<string, unknown> {
  if (!isRecord(json))
    throw new JsonDecodeError(
      'invalid-structure',
      `expected a ${descriptor.name} object`,
      pathString(context),
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
          pathString(context, key),
        );
      }
      continue;
    }
    out[field.name] = field.list
      ? readList(field, raw, key, context)
      : readValue(field, raw, key, context);
  }
  // Only an object with more keys than it matched can hold unknown ones. Counted with for-in,
  // which allocates nothing, where Object.keys would build an array for every object.
  let keys = 0;
  for (const _ in json) keys++;
  if (keys > matched) reportUnknownKeys(json, known, context);
  return out;
}

function readList(
  field: FieldDescriptor,
  raw: unknown,
  key: string,
  context: ReadContext,
): unknown[] {
  if (!Array.isArray(raw))
    throw new JsonDecodeError(
      'invalid-structure',
      `${field.name} must be an array`,
      pathString(context, key),
    );
  context.path.push(key);
  const items = new Array(raw.length);
  for (let index = 0; index < raw.length; index++) {
    items[index] = readValue(field, raw[index], index, context);
  }
  context.path.pop();
  return items;
}

function reportUnknownKeys(
  json: Record<string, unknown>,
  known: ReadonlySet<string>,
  context: ReadContext,
): void {
  for (const key in json) {
    if (known.has(key) || json[key] === null) continue;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new JsonDecodeError(
        'invalid-structure',
        `property name ${key} is not allowed`,
        pathString(context, key),
      );
    }
    context.warnings.push({
      code: 'unknown-property',
      path: pathString(context, key),
      name: key,
      value: json[key],
    });
  }
}

function invalidValue(
  field: FieldDescriptor,
  raw: unknown,
  key: string | number,
  context: ReadContext,
  what: string,
): never {
  const shown =
    typeof raw === 'string' ? JSON.stringify(raw.slice(0, 80)) : String(raw).slice(0, 80);
  throw new JsonDecodeError(
    'invalid-value',
    `${field.name} ${shown} ${what}`,
    pathString(context, key),
  );
}

/** One value of a field (or one item of a list field), `key` being where it sits in its parent. */
function readValue(
  field: FieldDescriptor,
  raw: unknown,
  key: string | number,
  context: ReadContext,
): unknown {
  switch (field.kind) {
    case 'object': {
      context.path.push(key);
      const value = readObject(raw, objectTypeDescriptors[field.ref as ObjectTypeName], context);
      context.path.pop();
      return value;
    }
    case 'string':
      return typeof raw === 'string'
        ? raw
        : invalidValue(field, raw, key, context, 'is not a string');
    case 'enum':
      if (typeof raw !== 'string') return invalidValue(field, raw, key, context, 'is not a string');
      if (!knownValues(field.ref as string).has(raw)) {
        context.warnings.push({
          code: 'unknown-enum-value',
          path: pathString(context, key),
          name: field.ref as string,
          value: raw,
        });
      }
      return raw;
    case 'int':
    case 'long':
    case 'timeSpan':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw))
        return invalidValue(field, raw, key, context, 'is not a safe integer');
      if (field.kind === 'int' && (raw < INT32_MIN || raw > INT32_MAX))
        return invalidValue(field, raw, key, context, 'is outside the int32 range');
      return raw;
    case 'boolean':
      return typeof raw === 'boolean'
        ? raw
        : invalidValue(field, raw, key, context, 'is not a boolean');
    case 'dateTime':
      return (
        (typeof raw === 'string' && parseEmDateTime(raw)) ||
        invalidValue(field, raw, key, context, 'is not a DateTime')
      );
  }
}
