/** What the generator knows of one schemas/em/ file, after validation. */

export type ScalarKind = 'string' | 'int' | 'long' | 'boolean' | 'dateTime' | 'timeSpan';

export interface PropertyDefinition {
  readonly name: string;
  /** The PascalCase JSON key, when EM's JSON names the element differently from its XML (`Days` for `Day`). */
  readonly jsonName?: string;
  readonly description?: string;
  readonly node: 'attribute' | 'element' | 'text';
  /** XSD sequence position of an element (1-based); absent for attributes. */
  readonly order?: number;
  readonly kind: ScalarKind | 'enum' | 'object';
  /** Type name for enum and object kinds. */
  readonly ref?: string;
  readonly required: boolean;
  readonly list?: {
    readonly wrapper?: string;
    readonly item: string;
    readonly wrapperRequired?: boolean;
  };
  readonly choice?: string;
}

export interface ObjectTypeDefinition {
  readonly kind: 'object';
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly xsdType: string;
  readonly namespace: string;
  readonly roots: readonly string[];
  /** Attributes in schema order, then the text content, then elements in XSD sequence order. */
  readonly properties: readonly PropertyDefinition[];
}

export interface EnumTypeDefinition {
  readonly kind: 'enum';
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly xsdType: string;
  readonly values: readonly string[];
}

export type TypeDefinition = ObjectTypeDefinition | EnumTypeDefinition;
