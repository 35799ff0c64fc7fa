import { describe, expect, it } from 'vitest';
import type { FieldDescriptor, ObjectTypeDescriptor } from '../src/descriptor.js';
import {
  type EnumTypeName,
  enumTypeDescriptors,
  type ObjectTypeName,
  objectTypeDescriptors,
} from '../src/generated/index.gen.js';
import { jsonReaders } from '../src/generated/json-readers.gen.js';
import { jsonKeys } from '../src/json/json-keys.js';
import { readObject } from '../src/json/object-reader.js';
import { newReadContext } from '../src/json/read-context.js';
import { JsonDecodeError } from '../src/json-decode-error.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const typeNames = Object.keys(objectTypeDescriptors) as ObjectTypeName[];
const descriptorOf = (name: string): ObjectTypeDescriptor =>
  objectTypeDescriptors[name as ObjectTypeName];

/** A deterministic pseudo-random sequence (xorshift32), so that a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function scalarJson(field: FieldDescriptor, index: number): Json {
  switch (field.kind) {
    case 'string':
      return `text ${index} & <é>`;
    case 'enum': {
      const values = enumTypeDescriptors[field.ref as EnumTypeName].values;
      return values[index % values.length] as string;
    }
    case 'int':
    case 'timeSpan':
      return index === 1 ? -2_147_483_648 : 2_147_483_647 - index;
    case 'long':
      return 2 ** 40 + index;
    case 'boolean':
      return index % 2 === 0;
    case 'dateTime':
      return index % 2 === 0 ? '2026-03-29T01:30:00.1234567Z' : '0001-01-01T00:00:00+00:00';
    case 'object':
      throw new Error('not a scalar');
  }
}

/** EM 12 JSON (PascalCase) with every field of `type` present, lists of two, to `depth` levels. */
function fullJson(type: string, depth: number): JsonObject {
  const out: JsonObject = {};
  const { fields, pascalKeys } = jsonKeys(descriptorOf(type));
  fields.forEach((field, index) => {
    const key = pascalKeys[index] as string;
    const value = (item: number): Json =>
      field.kind === 'object' ? fullJson(field.ref as string, depth - 1) : scalarJson(field, item);
    // Below `depth`, only what is required: an empty list, a single object.
    if (field.kind === 'object' && depth <= 0 && (field.list || !field.required)) {
      out[key] = field.list ? [] : null;
      return;
    }
    if (depth < -5) throw new Error(`${type}: required objects nest without end`);
    // One member of a choice, the others null (as EM writes a query result's entity lists).
    if (field.choice && fields.find((other) => other.choice === field.choice) !== field) {
      out[key] = null;
      return;
    }
    out[key] = field.list ? [value(0), value(1)] : value(index);
  });
  return out;
}

/** The same document as EM 13 writes it: camelCase keys. */
function toCamel(json: Json, type: string): Json {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const out: JsonObject = {};
  const { fields, pascalKeys } = jsonKeys(descriptorOf(type));
  fields.forEach((field, index) => {
    const value = json[pascalKeys[index] as string];
    if (value === undefined) return;
    const convert = (item: Json): Json =>
      field.kind === 'object' ? toCamel(item, field.ref as string) : item;
    out[field.camelName] = Array.isArray(value) ? value.map(convert) : convert(value);
  });
  return out;
}

/** Every object of the document (with its type), to pick one to damage. */
function objectsOf(json: Json, type: string, found: [JsonObject, string][] = []) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return found;
  found.push([json, type]);
  const { fields, pascalKeys } = jsonKeys(descriptorOf(type));
  fields.forEach((field, index) => {
    if (field.kind !== 'object') return;
    for (const key of [pascalKeys[index] as string, field.camelName]) {
      const value = json[key];
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined) objectsOf(item, field.ref as string, found);
      }
    }
  });
  return found;
}

const DAMAGE: ((target: JsonObject, key: string, other: string, random: () => number) => void)[] = [
  (target, key) => delete target[key],
  (target, key) => (target[key] = null),
  (target, key, other) => (target[other] = target[key] ?? null),
  (target, _key, other) => (target[other] = null),
  (target, key, other) => {
    target[other] = target[key] ?? 'x';
    target[key] = null;
  },
  (target) => (target.NewerEmField = 'value'),
  (target) => (target.newerEmField = null),
  // An own key, as JSON.parse makes it (an assignment would set the prototype instead).
  (target) =>
    Object.defineProperty(target, '__proto__', { value: null, enumerable: true, writable: true }),
  (target) =>
    Object.defineProperty(target, 'constructor', { value: 1, enumerable: true, writable: true }),
  (target, key) => (target[key] = 'Unknown value of a newer EM'),
  (target, key) => (target[key] = 2 ** 31),
  (target, key) => (target[key] = 1.5),
  (target, key) => (target[key] = '2026-02-30T00:00:00Z'),
  (target, key) => (target[key] = {}),
  (target, key) => (target[key] = []),
  (target, key) => (target[key] = [null]),
  (target, key) => (target[key] = true),
  (target, key, _other, random) => (target[key] = Math.floor(random() * 100)),
];

/** The keys of every object, in order, to compare the two readers' objects key by key. */
function shape(value: unknown): unknown {
  if (value instanceof Date) return `Date ${value.getTime()}`;
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, item]) => [key, shape(item)]);
  }
  return value;
}

function readBoth(json: unknown, type: ObjectTypeName) {
  const fast = jsonReaders[type](JSON.parse(JSON.stringify(json)));
  const context = newReadContext(Number.POSITIVE_INFINITY);
  let slow: { value: unknown } | { error: unknown };
  try {
    slow = { value: readObject(JSON.parse(JSON.stringify(json)), descriptorOf(type), context) };
  } catch (error) {
    slow = { error };
  }
  return { fast, slow, warnings: context.warnings };
}

describe('the generated fast JSON readers', () => {
  it('read every type in both casings as readObject does, key order included', () => {
    for (const type of typeNames) {
      const pascal = fullJson(type, 3);
      for (const json of [pascal, toCamel(pascal, type)]) {
        const { fast, slow, warnings } = readBoth(json, type);
        expect(warnings, type).toEqual([]);
        expect('value' in slow, type).toBe(true);
        // Without this the test below would pass with readers that give up on everything.
        expect(fast, `${type}: the fast reader gave up on a clean document`).toBeDefined();
        expect(shape(fast), type).toEqual(shape('value' in slow ? slow.value : undefined));
      }
    }
  });

  it('give up on two members of a choice, in both casings, where readObject refuses them', () => {
    let pairs = 0;
    for (const type of typeNames) {
      const { fields, pascalKeys } = jsonKeys(descriptorOf(type));
      fields.forEach((first, a) => {
        fields.forEach((second, b) => {
          if (b <= a || first.choice === undefined || second.choice !== first.choice) return;
          pairs++;
          const pascal = fullJson(type, 2);
          // Only these two present: the other members null, as not there.
          fields.forEach((field, index) => {
            if (field.choice === first.choice) pascal[pascalKeys[index] as string] = null;
          });
          pascal[pascalKeys[a] as string] = fullJson(first.ref as string, 1);
          pascal[pascalKeys[b] as string] = fullJson(second.ref as string, 1);
          for (const json of [pascal, toCamel(pascal, type)]) {
            const where = `${type}: ${first.name} and ${second.name}`;
            const { fast, slow } = readBoth(json, type);
            expect(fast, where).toBeUndefined();
            const error = 'error' in slow ? slow.error : undefined;
            expect(error, where).toBeInstanceOf(JsonDecodeError);
            expect(error, where).toMatchObject({
              code: 'invalid-structure',
              reason: `only one of ${first.name}, ${second.name} may appear in ${type}`,
              path: '',
            });
          }
        });
      });
    }
    // QueryResult's three members, Entities' eight, JobInfo's five.
    expect(pairs).toBe(3 + 28 + 10);
  });

  it('give up, never differ, on damaged documents: readObject then gives the value, warnings or error', () => {
    const random = randomSource(20261127);
    let read = 0;
    let gaveUp = 0;
    for (let round = 0; round < 40; round++) {
      for (const type of typeNames) {
        const pascal = fullJson(type, 2);
        const json = round % 2 === 0 ? pascal : (toCamel(pascal, type) as JsonObject);
        const objects = objectsOf(json, type);
        for (let damage = 0; damage < 1 + (round % 3); damage++) {
          const [target, targetType] = objects[Math.floor(random() * objects.length)] as [
            JsonObject,
            string,
          ];
          const { fields, pascalKeys } = jsonKeys(descriptorOf(targetType));
          if (fields.length === 0) continue;
          const index = Math.floor(random() * fields.length);
          const field = fields[index] as FieldDescriptor;
          const [key, other] =
            round % 2 === 0
              ? [pascalKeys[index] as string, field.camelName]
              : [field.camelName, pascalKeys[index] as string];
          DAMAGE[Math.floor(random() * DAMAGE.length)]?.(target, key, other, random);
        }
        const { fast, slow, warnings } = readBoth(json, type);
        if (fast === undefined) {
          gaveUp++;
          continue;
        }
        read++;
        const where = `${type}, round ${round}: ${JSON.stringify(json).slice(0, 300)}`;
        expect(warnings, where).toEqual([]);
        expect('value' in slow, where).toBe(true);
        expect(shape(fast), where).toEqual(shape('value' in slow ? slow.value : undefined));
      }
    }
    // Both outcomes happen often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(200);
    expect(gaveUp).toBeGreaterThan(200);
  });
});
