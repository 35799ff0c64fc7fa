/** Wire kinds of a scalar value. `timeSpan` is EM's TimeSpan: an integer number of seconds. */
export type ScalarKind = 'string' | 'int' | 'long' | 'boolean' | 'dateTime' | 'timeSpan';

/** How a repeatable element is laid out in XML. JSON always holds a plain array under the field name. */
export interface ListLayout {
  /** Wrapper element around the items (`Links` around `Link`); absent when the items sit directly in the parent. */
  readonly wrapper?: string;
  /** Element name of one item (`Link`, `Ref`, `BackupJobSession`). */
  readonly item: string;
  /** The XSD requires the wrapper, so an encoder writes it even for an empty list. */
  readonly wrapperRequired?: boolean;
}

/** One property of an EM type, as it appears on the wire. */
export interface FieldDescriptor {
  /** Property name: the XML name, and the PascalCase JSON key of EM 12 and earlier unless `jsonName` says otherwise. */
  readonly name: string;
  /**
   * The PascalCase JSON key, present only where EM's JSON does not use the XML name: the list of
   * `<Day>` items of a TimePeriods is `Days` in JSON.
   */
  readonly jsonName?: string;
  /** The camelCase JSON key written by EM 13, derived from `jsonName ?? name`. */
  readonly camelName: string;
  /** `text` is the character content of an element that also has attributes (XSD simpleContent). */
  readonly node: 'attribute' | 'element' | 'text';
  readonly kind: ScalarKind | 'enum' | 'object';
  /** The referenced type for `enum` and `object` fields. */
  readonly ref?: string;
  readonly required: boolean;
  /** Present for repeatable elements: the model value is always an array. */
  readonly list?: ListLayout;
  /** Fields sharing a choice group: exactly one of them is present (XSD `xs:choice`). */
  readonly choice?: string;
}

/** An EM complex type. `elements` are in XSD sequence order, which EM enforces on request bodies. */
export interface ObjectTypeDescriptor {
  readonly kind: 'object';
  readonly name: string;
  /** The type's name in the official RestAPI.xsd. */
  readonly xsdType: string;
  readonly namespace: string;
  /** Root elements whose content is this type (`BackupJobSession`, `EntityRef`). */
  readonly roots: readonly string[];
  readonly attributes: readonly FieldDescriptor[];
  /** The character content, for an element with attributes and text but no child elements. */
  readonly text?: FieldDescriptor;
  readonly elements: readonly FieldDescriptor[];
}

/**
 * An EM enumeration. Open: values from a newer EM are kept as strings.
 * `values` is in declaration order, which the query service uses for `<` and `>`.
 */
export interface EnumTypeDescriptor {
  readonly kind: 'enum';
  readonly name: string;
  readonly xsdType: string;
  readonly values: readonly string[];
}

export type TypeDescriptor = ObjectTypeDescriptor | EnumTypeDescriptor;
