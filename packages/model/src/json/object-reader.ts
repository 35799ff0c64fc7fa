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
import { shownValue } from '../shown-value.js';
import type { JsonCasing } from './json-casing.js';
import { hasSeveralKeys, type JsonKeys, jsonKeys, pascalKey } from './json-keys.js';
import { isJsonRecord, keyCount } from './json-read-values.js';
import { addWarning, pathString, type ReadContext } from './read-context.js';

const enumSets = new Map<string, ReadonlySet<string>>();
const knownValues = (name: string): ReadonlySet<string> => {
  let values = enumSets.get(name);
  if (!values) {
    values = new Set(enumTypeDescriptors[name as EnumTypeName].values);
    enumSets.set(name, values);
  }
  return values;
};

// Which casing to try first; flips when a document turns out to use the other one. Only a hint
// for speed: an object with both casings of a field is read by readBothCasings, whatever it says.
let camelFirst = false;

/** Reads one JSON object, found at `context.path`, into the model value of `descriptor`. */
export function readObject(
  json: unknown,
  descriptor: ObjectTypeDescriptor,
  context: ReadContext,
): Record<string, unknown> {
  if (!isJsonRecord(json))
    throw new JsonDecodeError(
      'invalid-structure',
      `expected a ${descriptor.name} object`,
      pathString(context),
    );
  const keys = jsonKeys(descriptor);
  const { fields, pascalKeys } = keys;
  // Where this object's raw values and keys go in the context's scratch stacks: found first, read
  // after. A field under two keys is then known before any child is read; found after reading
  // them, the object would be read again by the rule, each level of the document doubling the
  // work below it.
  const base = context.scratchTop;
  const { scratchValues, scratchKeys } = context;
  let matched = 0;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] as FieldDescriptor;
    const pascal = pascalKeys[index] as string;
    // Documents are in one casing: try the one that matched last, then the other.
    let key = camelFirst ? field.camelName : pascal;
    let raw = json[key];
    if (raw === undefined) {
      key = camelFirst ? pascal : field.camelName;
      raw = json[key];
      if (raw !== undefined) camelFirst = !camelFirst;
      else if (pascal !== field.name) {
        // The XML name, which vbem wrote as the key before it knew EM's (`Day` for `Days`).
        key = field.name;
        raw = json[key];
      }
    }
    if (raw !== undefined) matched++;
    scratchValues[base + index] = raw;
    scratchKeys[base + index] = key;
  }
  // Only an object with more keys than it matched can hold unknown ones (or two keys of one field).
  const hasOtherKeys = keyCount(json) > matched;
  if (hasOtherKeys && hasSeveralKeys(json, keys))
    return readBothCasings(json, keys, descriptor, context);
  context.scratchTop = base + fields.length;
  const out: Record<string, unknown> = {};
  for (let index = 0; index < fields.length; index++) {
    readField(
      fields[index] as FieldDescriptor,
      scratchValues[base + index],
      scratchKeys[base + index] as string,
      json,
      out,
      descriptor,
      context,
    );
  }
  context.scratchTop = base;
  if (hasOtherKeys) reportUnknownKeys(json, keys.known, context);
  if (keys.choices.length > 0) checkChoices(out, keys.choices, descriptor, context);
  return out;
}

/**
 * Refuses a value with more than one member of a choice (XSD `xs:choice`) present, as `@vbem/xml`'s
 * `decode` does. A member under null is absent: EM lists every entity list of a query result, null
 * where not returned.
 */
function checkChoices(
  out: Record<string, unknown>,
  choices: readonly (readonly FieldDescriptor[])[],
  descriptor: ObjectTypeDescriptor,
  context: ReadContext,
): void {
  for (const members of choices) {
    const present = members.filter((field) => out[field.name] !== undefined);
    if (present.length > 1) {
      throw new JsonDecodeError(
        'invalid-structure',
        `only one of ${present.map((field) => field.name).join(', ')} may appear in ${descriptor.name}`,
        pathString(context),
      );
    }
  }
}

/**
 * Reads the value `raw` of `field`, found under `key` in `json`, into `out`; absent when undefined
 * or null.
 */
function readField(
  field: FieldDescriptor,
  raw: unknown,
  key: string,
  json: Record<string, unknown>,
  out: Record<string, unknown>,
  descriptor: ObjectTypeDescriptor,
  context: ReadContext,
): void {
  if (raw === undefined || raw === null) {
    if (field.list) out[field.name] = [];
    else if (field.required) {
      throw new JsonDecodeError(
        'invalid-structure',
        `required ${field.name} of ${descriptor.name} is missing`,
        pathString(context, keyOfMissing(field, json, descriptor, context)),
      );
    }
    return;
  }
  out[field.name] = field.list
    ? readList(field, raw, key, context)
    : readValue(field, raw, key, context);
}

/**
 * The key of a required field that `json` lacks, for the path of the error: the key the document
 * has for it when that holds null, else the field's key in the casing of the document (see
 * `casingOf`). The key the reader tried last would depend on the documents read before.
 */
function keyOfMissing(
  field: FieldDescriptor,
  json: Record<string, unknown>,
  descriptor: ObjectTypeDescriptor,
  context: ReadContext,
): string {
  const pascal = pascalKey(field);
  const written = keysOf(field, pascal).find((key) => json[key] === null);
  if (written !== undefined) return written;
  return casingOf(json, jsonKeys(descriptor), context) === 'camel' ? field.camelName : pascal;
}

/**
 * The casing of the document, as far as `json` and the keys on the path to it tell: that of most
 * of the known keys of `json` (PascalCase or the XML name against camelCase; null values count,
 * unknown keys do not). When they do not tell (no known key, or as many of each), the innermost
 * key on the path that does: every PascalCase key and XML name of EM's starts with an upper-case
 * letter, every camelCase key with a lower-case one (the path holds only keys that were read, and
 * list positions). When nothing tells (a root object without known keys), PascalCase: the casing
 * of EM 12, the model's own names, and the one a field under both keys is read from.
 */
function casingOf(
  json: Record<string, unknown>,
  { fields, pascalKeys }: JsonKeys,
  context: ReadContext,
): JsonCasing {
  let pascalCount = 0;
  let camelCount = 0;
  fields.forEach((field, index) => {
    const pascal = pascalKeys[index] as string;
    if (json[pascal] !== undefined || (field.name !== pascal && json[field.name] !== undefined))
      pascalCount++;
    if (field.camelName !== pascal && json[field.camelName] !== undefined) camelCount++;
  });
  if (pascalCount !== camelCount) return pascalCount > camelCount ? 'pascal' : 'camel';
  for (let index = context.path.length - 1; index >= 0; index--) {
    const part = context.path[index];
    if (typeof part !== 'string') continue;
    const first = part.charAt(0);
    if (first !== first.toLowerCase()) return 'pascal';
    if (first !== first.toUpperCase()) return 'camel';
  }
  return 'pascal';
}

/** The keys a field may sit under, the preferred first: PascalCase, camelCase, the XML name. */
const keysOf = (field: FieldDescriptor, pascal: string): string[] => {
  const keys = [pascal];
  if (field.camelName !== pascal) keys.push(field.camelName);
  if (field.name !== pascal) keys.push(field.name);
  return keys;
};

/**
 * Reads an object that holds some field under two keys (`Href` and `href`), by a fixed rule, so
 * that the value does not depend on the casing of the objects read before: the first key of
 * PascalCase, camelCase and the XML name that is not null wins. The others are reported as
 * `duplicate-property` unless they are null. Called before any field of the object is read, so
 * that each is read once.
 */
function readBothCasings(
  json: Record<string, unknown>,
  { fields, pascalKeys, known, choices }: JsonKeys,
  descriptor: ObjectTypeDescriptor,
  context: ReadContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fields.forEach((field, index) => {
    const present = keysOf(field, pascalKeys[index] as string).filter(
      (key) => json[key] !== undefined,
    );
    const key = present.find((candidate) => json[candidate] !== null) ?? present[0];
    for (const other of present) {
      if (other === key || json[other] === null) continue;
      addWarning(
        context,
        'duplicate-property',
        () => pathString(context, other),
        other,
        json[other],
      );
    }
    readField(
      field,
      key === undefined ? undefined : json[key],
      key ?? (pascalKeys[index] as string),
      json,
      out,
      descriptor,
      context,
    );
  });
  reportUnknownKeys(json, known, context);
  checkChoices(out, choices, descriptor, context);
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
    addWarning(context, 'unknown-property', () => pathString(context, key), key, json[key]);
  }
}

function invalidValue(
  field: FieldDescriptor,
  raw: unknown,
  key: string | number,
  context: ReadContext,
  what: string,
): never {
  throw new JsonDecodeError(
    'invalid-value',
    `${field.name} ${shownValue(raw)} ${what}`,
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
        addWarning(
          context,
          'unknown-enum-value',
          () => pathString(context, key),
          field.ref as string,
          raw,
        );
      }
      return raw;
    case 'int':
    case 'long':
    case 'timeSpan':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw))
        return invalidValue(field, raw, key, context, 'is not a safe integer');
      // TimeSpan is an xs:int in the XSD, so only long goes past int32.
      if (field.kind !== 'long' && (raw < INT32_MIN || raw > INT32_MAX))
        return invalidValue(field, raw, key, context, 'is outside the int32 range');
      // -0 is 0: an integer of EM's has no negative zero.
      return raw + 0;
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
