import { type ObjectTypeName, objectTypeDescriptors } from '@vbem/model';
import { isoTime } from './iso-time.js';

/** The scalar fields of an EM type in wire order (attributes first): the columns of `vbem query`. */
export function scalarFieldsOf(type: ObjectTypeName): string[] {
  const descriptor = objectTypeDescriptors[type];
  return [...descriptor.attributes, ...descriptor.elements]
    .filter(
      (field) =>
        field.kind !== 'object' &&
        field.list === undefined &&
        field.name !== 'Href' &&
        field.name !== 'Type',
    )
    .map((field) => field.name);
}

/** One entity as a flat row of its scalar fields, dates as ISO text, absent values as null. */
export function entityRow(
  entity: object,
  fields: readonly string[],
): Record<string, string | number | boolean | null> {
  const row: Record<string, string | number | boolean | null> = {};
  for (const field of fields) {
    const value = (entity as Record<string, unknown>)[field];
    row[field] =
      value instanceof Date
        ? isoTime(value)
        : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? value
          : null;
  }
  return row;
}
