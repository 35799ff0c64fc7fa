import type { FieldDescriptor, ObjectTypeDescriptor } from '@vbem/model';

/** A field with its bit in the presence mask of its type. */
export interface IndexedField {
  readonly field: FieldDescriptor;
  readonly bit: number;
}

/**
 * How child element and attribute names map to the fields of a type, with bitmasks so that
 * presence, required, list and choice checks cost no lookups on the output object.
 */
export interface FieldIndex {
  readonly attributes: ReadonlyMap<string, IndexedField>;
  /** By the child's element name: the wrapper of a wrapped list, the item of a bare list, else the field name. */
  readonly elements: ReadonlyMap<string, IndexedField>;
  readonly fields: readonly IndexedField[];
  /** Every property name of the type. */
  readonly names: ReadonlySet<string>;
  readonly requiredMask: number;
  readonly listMask: number;
  readonly choiceMasks: readonly number[];
}

const cache = new WeakMap<ObjectTypeDescriptor, FieldIndex>();

/** The lookup tables of a type, built once per descriptor. */
export function fieldIndex(descriptor: ObjectTypeDescriptor): FieldIndex {
  const cached = cache.get(descriptor);
  if (cached) return cached;
  const all = [
    ...descriptor.attributes,
    ...(descriptor.text ? [descriptor.text] : []),
    ...descriptor.elements,
  ];
  if (all.length > 31) throw new RangeError(`${descriptor.name} has more than 31 fields`);
  const fields = all.map((field, position) => ({ field, bit: 1 << position }));
  const maskOf = (keep: (field: FieldDescriptor) => boolean) =>
    fields.reduce((mask, { field, bit }) => (keep(field) ? mask | bit : mask), 0);
  const choices = new Set(
    descriptor.elements.flatMap((field) => (field.choice ? [field.choice] : [])),
  );
  const index: FieldIndex = {
    attributes: new Map(
      fields.filter(({ field }) => field.node === 'attribute').map((f) => [f.field.name, f]),
    ),
    elements: new Map(
      fields
        .filter(({ field }) => field.node === 'element')
        .map((f) => [f.field.list ? (f.field.list.wrapper ?? f.field.list.item) : f.field.name, f]),
    ),
    fields,
    names: new Set(all.map((field) => field.name)),
    requiredMask: maskOf((field) => field.required && !field.list),
    listMask: maskOf((field) => field.list !== undefined),
    choiceMasks: [...choices].map((choice) => maskOf((field) => field.choice === choice)),
  };
  cache.set(descriptor, index);
  return index;
}

/** Whether more than one bit of a mask is set. */
export const hasSeveralBits = (mask: number): boolean => (mask & (mask - 1)) !== 0;
