import { toCamelCase } from './camel-case.js';
import { emitDocComment } from './emit-doc-comment.js';
import { generatedHeader } from './generated-header.js';
import type { ObjectTypeDefinition, PropertyDefinition } from './type-definition.js';

const TS_SCALAR_TYPES = {
  string: 'string',
  int: 'number',
  long: 'number',
  timeSpan: 'number',
  boolean: 'boolean',
  dateTime: 'Date',
} as const;

// typescript-json-schema reads these tags back, so the fidelity test sees the schema's integer formats.
const INTEGER_FORMATS = { int: 'int32', long: 'int64', timeSpan: 'duration-seconds' } as const;

/** The module of one object type: its interface and its runtime descriptor. */
export function emitObjectModule(definition: ObjectTypeDefinition, schemaPath: string): string {
  const imports = [...new Set(definition.properties.flatMap((p) => (p.ref ? [p.ref] : [])))]
    .filter((ref) => ref !== definition.name)
    .sort()
    .map((ref) => `import type { ${ref} } from './${ref}.gen.js';\n`)
    .join('');
  const roots = definition.roots.length ? definition.roots.join(', ') : 'none (nested only)';
  return [
    generatedHeader(schemaPath),
    "import type { ObjectTypeDescriptor } from '../descriptor.js';\n",
    imports,
    '\n',
    emitDocComment([
      definition.description,
      '',
      `XSD: ${definition.xsdType}. Root elements: ${roots}.`,
    ]),
    `export interface ${definition.name} {\n`,
    definition.properties.map(emitProperty).join(''),
    '}\n\n',
    emitDescriptor(definition),
  ].join('');
}

function emitProperty(property: PropertyDefinition): string {
  const scalar = property.kind === 'enum' || property.kind === 'object' ? undefined : property.kind;
  const itemType = scalar === undefined ? (property.ref as string) : TS_SCALAR_TYPES[scalar];
  const type = property.list ? `${itemType}[]` : itemType;
  const where = {
    attribute: 'XML attribute',
    text: 'XML text content',
    element: `XML element ${xmlPath(property)}`,
  }[property.node];
  const lines = [...(property.description ? [property.description] : []), `${where}.`];
  if (property.jsonName !== undefined) {
    const { jsonName } = property;
    lines.push(`JSON key \`${jsonName}\` (\`${toCamelCase(jsonName)}\` in camelCase).`);
  }
  if (scalar !== undefined && scalar in INTEGER_FORMATS) {
    const format = INTEGER_FORMATS[scalar as keyof typeof INTEGER_FORMATS];
    const prefix = property.list ? '@items.' : '@TJS-';
    lines.push(`${prefix}type integer`, `${property.list ? '@items.format' : '@format'} ${format}`);
  }
  const optional = property.required ? '' : '?';
  return `${emitDocComment(lines, '  ')}  ${property.name}${optional}: ${type};\n`;
}

function xmlPath(property: PropertyDefinition): string {
  if (!property.list) return `\`${property.name}\` (position ${property.order})`;
  const { wrapper, item } = property.list;
  const path = wrapper ? `${wrapper}/${item}` : item;
  return `\`${path}\`, repeated (position ${property.order})`;
}

function emitDescriptor(definition: ObjectTypeDefinition): string {
  const text = definition.properties.find((property) => property.node === 'text');
  const fields = (node: PropertyDefinition['node']) =>
    definition.properties
      .filter((property) => property.node === node)
      .map((property) => `    ${emitField(property)},\n`)
      .join('');
  const roots = definition.roots.map((root) => `'${root}'`).join(', ');
  return [
    `export const ${definition.name}Descriptor: ObjectTypeDescriptor = {\n`,
    `  kind: 'object',\n  name: '${definition.name}',\n  xsdType: '${definition.xsdType}',\n`,
    `  namespace: '${definition.namespace}',\n  roots: [${roots}],\n`,
    `  attributes: ${list(fields('attribute'))},\n`,
    ...(text ? [`  text: ${emitField(text)},\n`] : []),
    `  elements: ${list(fields('element'))},\n`,
    '};\n',
  ].join('');
}

const list = (items: string): string => (items ? `[\n${items}  ]` : '[]');

function emitField(property: PropertyDefinition): string {
  const parts = [
    `name: '${property.name}'`,
    ...(property.jsonName !== undefined ? [`jsonName: '${property.jsonName}'`] : []),
    `camelName: '${toCamelCase(property.jsonName ?? property.name)}'`,
    `node: '${property.node}'`,
    `kind: '${property.kind}'`,
    ...(property.ref ? [`ref: '${property.ref}'`] : []),
    `required: ${property.required}`,
  ];
  if (property.list) {
    const { wrapper, item, wrapperRequired } = property.list;
    const layout = [
      ...(wrapper ? [`wrapper: '${wrapper}'`] : []),
      `item: '${item}'`,
      ...(wrapperRequired ? ['wrapperRequired: true'] : []),
    ];
    parts.push(`list: { ${layout.join(', ')} }`);
  }
  if (property.choice) parts.push(`choice: '${property.choice}'`);
  return `{ ${parts.join(', ')} }`;
}
