import type { ObjectTypeDescriptor } from '../descriptor.js';
import { type ObjectTypeName, objectTypeDescriptors } from '../generated/index.gen.js';
import { jsonKeys } from './json-keys.js';
import { isJsonRecord } from './json-read-values.js';

// V8 gives the objects JSON.parse makes hidden classes shared by every object with the same keys
// in the same order, and drops those classes at a full collection once no such object is left.
// The readers' optimized code is tied to them: once a page's tree is collected, the next page
// gets new classes, that code is thrown away, and much of the next page is read by unoptimized
// code again. Keeping one small object of each key order a document used (a copy with
// placeholder values, nothing of the document's data) keeps the classes, and with them the
// optimized readers, from one document to the next.

/** Key orders kept per type: enough for both casings and a few variants, bounded. */
export const SHAPES_PER_TYPE = 4;

interface Shape {
  readonly keys: readonly string[];
  /** Holds the hidden class of objects with these keys; never read. */
  readonly anchor: unknown;
}

const shapesByType = new Map<ObjectTypeDescriptor, Shape[]>();

/** A JSON value of the same kind as `value` (as V8 represents it in a property), with no data. */
function placeholder(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? '0' : '0.5';
  if (typeof value === 'boolean') return 'false';
  if (typeof value === 'string') return '""';
  if (Array.isArray(value)) return '[]';
  return value === null ? 'null' : '{}';
}

function sameKeys(json: Record<string, unknown>, keys: readonly string[]): boolean {
  let index = 0;
  for (const key in json) {
    if (keys[index] !== key) return false;
    index++;
  }
  return index === keys.length;
}

function keepShape(json: Record<string, unknown>, descriptor: ObjectTypeDescriptor): void {
  let shapes = shapesByType.get(descriptor);
  if (shapes === undefined) {
    shapes = [];
    shapesByType.set(descriptor, shapes);
  }
  for (const shape of shapes) if (sameKeys(json, shape.keys)) return;
  const keys: string[] = [];
  const members: string[] = [];
  for (const key in json) {
    keys.push(key);
    members.push(`${JSON.stringify(key)}:${placeholder(json[key])}`);
  }
  shapes.push({ keys, anchor: JSON.parse(`{${members.join(',')}}`) });
  if (shapes.length > SHAPES_PER_TYPE) shapes.shift();
}

/**
 * Keeps the key order of `json`, a document `fromJson` has read without a word, and of the
 * objects in it, following the descriptors: each object value and the first item of each list.
 */
export function keepJsonShapes(json: unknown, descriptor: ObjectTypeDescriptor): void {
  if (!isJsonRecord(json)) return;
  keepShape(json, descriptor);
  const { fields, pascalKeys } = jsonKeys(descriptor);
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.kind !== 'object') continue;
    const value = json[pascalKeys[index] as string] ?? json[field.camelName] ?? json[field.name];
    const item = Array.isArray(value) ? value[0] : value;
    keepJsonShapes(item, objectTypeDescriptors[field.ref as ObjectTypeName]);
  }
}

/** The key orders kept for a type, for tests. */
export const keptShapes = (descriptor: ObjectTypeDescriptor): readonly (readonly string[])[] =>
  (shapesByType.get(descriptor) ?? []).map((shape) => shape.keys);
